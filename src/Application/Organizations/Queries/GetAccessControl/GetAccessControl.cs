namespace VariantMiner.Application.Organizations.Queries.GetAccessControl;

public sealed record AccessControlDto(bool RoleBasedAccessEnabled);

public sealed record GetAccessControl(Guid OrganizationId) : IQuery<AccessControlDto>, IOrganizationRequest;

public sealed class GetAccessControlHandler(IOrganizationContext scope) : IQueryHandler<GetAccessControl, AccessControlDto>
{
    public ValueTask<AccessControlDto> Handle(GetAccessControl query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new AccessControlDto(scope.Access.RoleBasedAccessEnabled));
}

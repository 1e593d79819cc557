namespace VariantMiner.Application.Organizations.Queries.GetInvitationPreferences;

public sealed record InvitationPreferencesDto(IReadOnlyList<string> AllowedEmailDomains, Guid? DefaultRoleId);

public sealed record GetInvitationPreferences(Guid OrganizationId) : IQuery<InvitationPreferencesDto>, IOrganizationRequest;

public sealed class GetInvitationPreferencesHandler(IApplicationDbContext db) : IQueryHandler<GetInvitationPreferences, InvitationPreferencesDto>
{
    public async ValueTask<InvitationPreferencesDto> Handle(GetInvitationPreferences query, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == query.OrganizationId, cancellationToken)
            ?? throw new NotFoundException("The organization");
        return new InvitationPreferencesDto(organization.InvitationDomains, organization.DefaultInvitationRoleId);
    }
}

using VariantMiner.Application.Organizations.Queries.GetAccessControl;

namespace VariantMiner.Application.Organizations.Commands.SetAccessControl;

/// <summary>Turns role-based access on or off. Stored roles and assignments are never changed by it.</summary>
[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record SetAccessControl(bool RoleBasedAccessEnabled) : ICommand<AccessControlDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class SetAccessControlHandler(IApplicationDbContext db)
    : ICommandHandler<SetAccessControl, AccessControlDto>
{
    public async ValueTask<AccessControlDto> Handle(SetAccessControl command, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(e => e.Id == command.OrganizationId, cancellationToken)
            ?? throw new NotFoundException("The organization");
        if (organization.RoleBasedAccessEnabled != command.RoleBasedAccessEnabled)
        {
            organization.SetRoleBasedAccess(command.RoleBasedAccessEnabled);
            await db.SaveChangesAsync(cancellationToken);
        }
        return new AccessControlDto(organization.RoleBasedAccessEnabled);
    }
}

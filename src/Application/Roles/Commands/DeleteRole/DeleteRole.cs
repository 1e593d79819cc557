using VariantMiner.Domain.Invitations;

namespace VariantMiner.Application.Roles.Commands.DeleteRole;

/// <summary>Deletes a custom role that nobody holds (and no pending invitation offers).</summary>
[RequiresPermission(Permissions.RolesManage)]
public sealed record DeleteRole(Guid OrganizationId, Guid RoleId) : ICommand, IOrganizationRequest;

public sealed class DeleteRoleHandler(IApplicationDbContext db) : ICommandHandler<DeleteRole>
{
    public async ValueTask<Unit> Handle(DeleteRole command, CancellationToken cancellationToken)
    {
        var role = await db.Roles.SingleOrDefaultAsync(e => e.Id == command.RoleId, cancellationToken) ?? throw new NotFoundException("The role");
        role.EnsureDeletable();
        var holders = await db.Memberships.CountAsync(m => m.RoleId == role.Id, cancellationToken);
        if (holders > 0)
            throw new ConflictException($"{holders} {(holders == 1 ? "member still holds" : "members still hold")} the role \"{role.Name}\". Give them another role first.");
        var invitations = await db.Invitations.CountAsync(i => i.RoleId == role.Id && i.Status == InvitationStatus.Pending, cancellationToken);
        if (invitations > 0)
            throw new ConflictException($"{invitations} pending {(invitations == 1 ? "invitation offers" : "invitations offer")} the role \"{role.Name}\". Revoke them first.");
        // Accepted or revoked invitations only keep history; they must not block the deletion.
        db.Invitations.RemoveRange(await db.Invitations.Where(i => i.RoleId == role.Id).ToListAsync(cancellationToken));
        role.Delete();
        db.Roles.Remove(role);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

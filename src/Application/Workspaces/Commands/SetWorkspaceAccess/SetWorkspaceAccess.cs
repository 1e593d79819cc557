namespace VariantMiner.Application.Workspaces.Commands.SetWorkspaceAccess;

/// <summary>
/// Grants or revokes a member's access to a workspace. Managing access does not require entering the workspace,
/// but both the workspace and the member must belong to this organization (else 404).
/// </summary>
[RequiresPermission(Permissions.WorkspacesAccessManage)]
public sealed record SetWorkspaceAccess(Guid OrganizationId, Guid WorkspaceId, Guid UserId, bool Granted) : ICommand, IOrganizationRequest;

public sealed class SetWorkspaceAccessHandler(IApplicationDbContext db, IUserAccounts accounts, IActivityLog activity)
    : ICommandHandler<SetWorkspaceAccess>
{
    public async ValueTask<Unit> Handle(SetWorkspaceAccess command, CancellationToken cancellationToken)
    {
        var workspace = await db.Workspaces.SingleOrDefaultAsync(w => w.Id == command.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException("The workspace");
        var membership = await db.Memberships.Include(m => m.WorkspaceGrants).SingleOrDefaultAsync(m => m.UserId == command.UserId, cancellationToken)
            ?? throw new NotFoundException("The member");

        var changed = command.Granted ? membership.GrantWorkspace(workspace.Id) : membership.RevokeWorkspace(workspace.Id);
        if (!changed) return Unit.Value; // idempotent: PUT twice or DELETE of nothing
        var name = (await accounts.DisplayNamesAsync([command.UserId], cancellationToken)).GetValueOrDefault(command.UserId, "a member");
        activity.Record(command.Granted ? "workspace.access.granted" : "workspace.access.revoked", "member", command.UserId,
            command.Granted ? $"Gave {name} access to \"{workspace.Name}\"" : $"Removed {name}'s access to \"{workspace.Name}\"", workspace.Id);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

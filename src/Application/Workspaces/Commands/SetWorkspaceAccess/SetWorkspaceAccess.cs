namespace VariantMiner.Application.Workspaces.Commands.SetWorkspaceAccess;

/// <summary>
/// Grants or revokes a member's access to a workspace. Managing access does not require entering the workspace,
/// but both the workspace and the member must belong to this organization (else 404).
/// </summary>
[RequiresPermission(Permissions.WorkspacesAccessManage)]
public sealed record SetWorkspaceAccess(Guid OrganizationId, Guid WorkspaceId, Guid UserId, bool Granted) : ICommand, IOrganizationRequest;

public sealed class SetWorkspaceAccessHandler(IApplicationDbContext db)
    : ICommandHandler<SetWorkspaceAccess>
{
    public async ValueTask<Unit> Handle(SetWorkspaceAccess command, CancellationToken cancellationToken)
    {
        var workspace = await db.Workspaces.SingleOrDefaultAsync(w => w.Id == command.WorkspaceId, cancellationToken)
            ?? throw new NotFoundException("The workspace");
        var membership = await db.Memberships.Include(m => m.WorkspaceGrants).SingleOrDefaultAsync(m => m.UserId == command.UserId, cancellationToken)
            ?? throw new NotFoundException("The member");

        if (!membership.ChangeWorkspaceAccess(workspace.Id, command.Granted)) return Unit.Value; // idempotent: PUT twice or DELETE of nothing
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

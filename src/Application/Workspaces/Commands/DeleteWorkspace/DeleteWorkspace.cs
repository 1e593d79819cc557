namespace VariantMiner.Application.Workspaces.Commands.DeleteWorkspace;

/// <summary>Deletes a workspace and everything in it (the SPA asks for the name as confirmation first).</summary>
[RequiresPermission(Permissions.WorkspacesDelete)]
public sealed record DeleteWorkspace(Guid OrganizationId, Guid WorkspaceId) : ICommand, IWorkspaceRequest;

public sealed class DeleteWorkspaceHandler(IApplicationDbContext db, IActivityLog activity)
    : ICommandHandler<DeleteWorkspace>
{
    public async ValueTask<Unit> Handle(DeleteWorkspace command, CancellationToken cancellationToken)
    {
        var workspace = await db.Workspaces.SingleOrDefaultAsync(e => e.Id == command.WorkspaceId, cancellationToken) ?? throw new NotFoundException("The workspace");
        db.Workspaces.Remove(workspace);
        // Recorded at organization level: the workspace (and its own activity) is gone.
        activity.Record("workspace.deleted", "workspace", workspace.Id, $"Deleted the workspace \"{workspace.Name}\"");
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

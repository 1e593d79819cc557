namespace VariantMiner.Application.Workspaces.Commands.DeleteWorkspace;

/// <summary>
/// Deletes a workspace and everything in it (the SPA asks for the name as confirmation first). Its files leave the
/// organization's storage in the same transaction; their bytes are removed once it has committed.
/// </summary>
[RequiresPermission(Permissions.WorkspacesDelete)]
public sealed record DeleteWorkspace(Guid OrganizationId, Guid WorkspaceId) : ICommand, IWorkspaceRequest;

public sealed class DeleteWorkspaceHandler(IApplicationDbContext db, IUnitOfWork unitOfWork, Files.IFileStore store)
    : ICommandHandler<DeleteWorkspace>
{
    public async ValueTask<Unit> Handle(DeleteWorkspace command, CancellationToken cancellationToken)
    {
        var workspace = await db.Workspaces.SingleOrDefaultAsync(e => e.Id == command.WorkspaceId, cancellationToken) ?? throw new NotFoundException("The workspace");
        await Files.StorageLedger.RemoveAsync(db, unitOfWork, store, f => f.WorkspaceId == workspace.Id, u => u.WorkspaceId == workspace.Id, cancellationToken);
        workspace.Delete();
        db.Workspaces.Remove(workspace);
        // Recorded at organization level: the workspace (and its own activity) is gone.
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

namespace VariantMiner.Application.Workspaces.Queries.GetWorkspace;

public sealed record GetWorkspace(Guid OrganizationId, Guid WorkspaceId) : IQuery<WorkspaceDto>, IWorkspaceRequest;

public sealed class GetWorkspaceHandler(IApplicationDbContext db) : IQueryHandler<GetWorkspace, WorkspaceDto>
{
    public async ValueTask<WorkspaceDto> Handle(GetWorkspace query, CancellationToken cancellationToken) =>
        (await WorkspaceDto.LoadAsync(db, db.Workspaces.Where(w => w.Id == query.WorkspaceId), cancellationToken)).SingleOrDefault()
        ?? throw new NotFoundException("The workspace");
}

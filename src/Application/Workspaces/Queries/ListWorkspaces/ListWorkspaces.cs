namespace VariantMiner.Application.Workspaces.Queries.ListWorkspaces;

/// <summary>The workspaces I can enter. With <c>all</c>, holders of workspaces.access.manage see every workspace (to manage access).</summary>
public sealed record ListWorkspaces(Guid OrganizationId, bool All = false) : IQuery<IReadOnlyList<WorkspaceDto>>, IOrganizationRequest;

/// <summary>Every workspace, including those one cannot enter, only for those who manage workspace access.</summary>
public sealed class ListAllWorkspacesPolicy(IOrganizationContext scope) : IRequestPolicy<ListWorkspaces>
{
    public void Authorize(ListWorkspaces message)
    {
        if (message.All && !scope.Access.Has(Permissions.WorkspacesAccessManage))
            throw new ForbiddenException($"Listing every workspace needs the permission {Permissions.WorkspacesAccessManage}.");
    }
}

public sealed class ListWorkspacesHandler(IApplicationDbContext db, IOrganizationContext scope) : IQueryHandler<ListWorkspaces, IReadOnlyList<WorkspaceDto>>
{
    public async ValueTask<IReadOnlyList<WorkspaceDto>> Handle(ListWorkspaces query, CancellationToken cancellationToken)
    {
        var enterable = scope.Access.EnterableWorkspaceIds.ToList();
        var workspaces = db.Workspaces.Where(w => query.All || enterable.Contains(w.Id));
        return await WorkspaceDto.LoadAsync(db, workspaces, cancellationToken);
    }
}

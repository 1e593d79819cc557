using Mediator;
using Microsoft.EntityFrameworkCore;
using VariantMiner.Application.Common.Interfaces;
using VariantMiner.Application.Common.Requests;
using VariantMiner.Application.Common.Security;

namespace VariantMiner.Application.Workspaces.Queries.ListWorkspaces;

/// <summary>The workspaces I can enter. With <c>all</c>, holders of workspaces.access.manage see every workspace (to manage access).</summary>
public sealed record ListWorkspaces(Guid OrganizationId, bool All = false) : IQuery<IReadOnlyList<WorkspaceDto>>, IOrganizationRequest;

public sealed class ListWorkspacesHandler(IApplicationDbContext db, IOrganizationContext scope) : IQueryHandler<ListWorkspaces, IReadOnlyList<WorkspaceDto>>
{
    public async ValueTask<IReadOnlyList<WorkspaceDto>> Handle(ListWorkspaces query, CancellationToken cancellationToken)
    {
        var access = scope.Access;
        var everything = query.All && access.Has(Domain.Authorization.Permissions.WorkspacesAccessManage);
        var enterable = access.EnterableWorkspaceIds.ToList();
        var workspaces = db.Workspaces.Where(w => everything || enterable.Contains(w.Id));
        return await WorkspaceDto.LoadAsync(db, workspaces, cancellationToken);
    }
}

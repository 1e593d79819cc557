namespace VariantMiner.Application.Workspaces;

/// <param name="MemberUserIds">Members granted this workspace (Supervisors enter every workspace without a grant).</param>
public sealed record WorkspaceDto(Guid Id, string Name, string? Description, DateTimeOffset CreatedAt, IReadOnlyList<Guid> MemberUserIds)
{
    /// <summary>Two flat queries (no correlated subquery, which SQLite cannot run) for any number of workspaces.</summary>
    internal static async Task<List<WorkspaceDto>> LoadAsync(IApplicationDbContext db, IQueryable<Workspace> workspaces, CancellationToken cancellationToken)
    {
        var rows = await workspaces.AsNoTracking().OrderBy(w => w.Name).ToListAsync(cancellationToken);
        var ids = rows.Select(w => w.Id).ToList();
        var grants = await db.Memberships.AsNoTracking()
            .SelectMany(m => m.WorkspaceGrants, (m, g) => new { g.WorkspaceId, m.UserId })
            .Where(x => ids.Contains(x.WorkspaceId))
            .ToListAsync(cancellationToken);
        var byWorkspace = grants.ToLookup(g => g.WorkspaceId, g => g.UserId);
        return rows.Select(w => new WorkspaceDto(w.Id, w.Name, w.Description, w.CreatedAt, byWorkspace[w.Id].ToList())).ToList();
    }
}

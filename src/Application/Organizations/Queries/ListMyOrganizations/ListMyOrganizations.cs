namespace VariantMiner.Application.Organizations.Queries.ListMyOrganizations;

public sealed record OrganizationSummaryDto(
    Guid Id, string Name, string? Description, OrganizationRoleDto Role, int MemberCount, int WorkspaceCount,
    long StorageUsedBytes, long StorageQuotaBytes);

/// <summary>Every organization I belong to, with my role in each (for the organization selector).</summary>
public sealed record ListMyOrganizations : IQuery<IReadOnlyList<OrganizationSummaryDto>>;

public sealed class ListMyOrganizationsHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IQueryHandler<ListMyOrganizations, IReadOnlyList<OrganizationSummaryDto>>
{
    public async ValueTask<IReadOnlyList<OrganizationSummaryDto>> Handle(ListMyOrganizations query, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId!.Value;
        // Spans several organizations, so it reads past the tenant filter (allow-listed); every row is reached
        // through the caller's own memberships.
        return await db.Memberships.IgnoreQueryFilters()
            .Where(m => m.UserId == userId)
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { m, o })
            .OrderBy(x => x.o.Name)
            .Select(x => new OrganizationSummaryDto(
                x.o.Id, x.o.Name, x.o.Description,
                db.Roles.IgnoreQueryFilters().Where(r => r.Id == x.m.RoleId).Select(r => new OrganizationRoleDto(r.Id, r.Name)).First(),
                db.Memberships.IgnoreQueryFilters().Count(other => other.OrganizationId == x.o.Id),
                db.Workspaces.IgnoreQueryFilters().Count(w => w.OrganizationId == x.o.Id),
                x.o.StorageUsedBytes, x.o.StorageQuotaBytes))
            .ToListAsync(cancellationToken);
    }
}

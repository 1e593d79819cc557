namespace VariantMiner.Application.Organizations.Queries.ListMyOrganizations;

public sealed record OrganizationSummaryDto(
    Guid Id, string Name, string? Description, OrganizationRoleDto Role, int MemberCount, int WorkspaceCount,
    long StorageUsedBytes, long StorageQuotaBytes);

/// <summary>
/// Every organization I belong to, with my role in each (for the organization selector). A bearer token reaches one
/// organization, so it lists that one (while the organization allows tokens; its own clients always): how the command
/// line learns where its token works.
/// </summary>
public sealed record ListMyOrganizations : IQuery<IReadOnlyList<OrganizationSummaryDto>>;

public sealed class ListMyOrganizationsHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IQueryHandler<ListMyOrganizations, IReadOnlyList<OrganizationSummaryDto>>
{
    public async ValueTask<IReadOnlyList<OrganizationSummaryDto>> Handle(ListMyOrganizations query, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId!.Value;
        var session = currentUser.Session;
        var tokenOrganization = session.TokenOrganizationId;
        var anyPolicy = session.OrganizationClient;
        // Spans several organizations, so it reads past the tenant filter (allow-listed); every row is reached
        // through the caller's own memberships.
        return await db.Memberships.IgnoreQueryFilters()
            .Where(m => m.UserId == userId && (tokenOrganization == null || m.OrganizationId == tokenOrganization))
            .Join(db.Organizations, m => m.OrganizationId, o => o.Id, (m, o) => new { m, o })
            .Where(x => tokenOrganization == null || anyPolicy || x.o.PersonalAccessTokensAllowed)
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

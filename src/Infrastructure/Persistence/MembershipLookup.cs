using System.Collections.Frozen;
using VariantMiner.Domain.Authorization;

namespace VariantMiner.Infrastructure.Persistence;

/// <summary>
/// Reads a membership before any organization scope exists, so it is one of the few places allowed to bypass the
/// tenant filters (listed in tests/WebApi.Tests/DataAccessAllowListTests.cs). It always constrains by the organization
/// id itself.
/// Every request reads the organization's authorization version (one narrow, compiled query, or together with the
/// session check: <see cref="AuthorizationVersionRead"/>) and reuses the access computed at that same version, if
/// any (<see cref="OrganizationAccessCache"/>).
/// </summary>
internal sealed class MembershipLookup(AppDbContext db, OrganizationAccessCache cache, AuthorizationVersionRead alreadyRead) : IMembershipLookup
{
    private static readonly CompiledQuery<Func<AppDbContext, Guid, Task<long?>>> VersionOf = new(() =>
        EF.CompileAsyncQuery((AppDbContext context, Guid organizationId) => context.Organizations
            .Where(o => o.Id == organizationId)
            .Select(o => (long?)EF.Property<long>(o, AuthorizationVersionRead.Property))
            .SingleOrDefault()));

    public async Task<OrganizationAccess?> FindAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken)
    {
        if (!alreadyRead.TryGet(organizationId, out var version))
        {
            // Opened for the rest of the request, as the session read does: the handler's queries reuse it instead of
            // taking the connection from the pool again (measured in bench/: an OAuth request paid for the second open).
            await db.Database.OpenConnectionAsync(cancellationToken);
            version = await VersionOf.For(db)(db, organizationId);
        }
        if (version is null) return null; // no such organization
        if (cache.TryGet(userId, organizationId, version.Value, out var cached)) return cached;
        // Read after the version, so the access is at least as new as the version it is filed under.
        var access = await ReadAsync(userId, organizationId, cancellationToken);
        cache.Set(userId, organizationId, version.Value, access);
        return access;
    }

    private async Task<OrganizationAccess?> ReadAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken)
    {
        var row = await db.Memberships.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.UserId == userId && m.OrganizationId == organizationId)
            .Select(m => new
            {
                m.Id,
                m.RoleId,
                Role = db.Roles.IgnoreQueryFilters().Where(r => r.Id == m.RoleId && r.OrganizationId == organizationId)
                    .Select(r => new { r.Name, r.BuiltIn, Permissions = r.Permissions.Select(p => p.Permission).ToList() })
                    .First(),
                // Scalar subqueries (SQLite cannot translate one returning a row); the result is cached per version anyway.
                RoleBasedAccess = db.Organizations.Where(o => o.Id == organizationId).Select(o => o.RoleBasedAccessEnabled).First(),
                MinimumPasswordLength = db.Organizations.Where(o => o.Id == organizationId).Select(o => o.MinimumPasswordLength).First(),
                RequireTwoFactor = db.Organizations.Where(o => o.Id == organizationId).Select(o => o.RequireTwoFactor).First(),
                MaxSessionHours = db.Organizations.Where(o => o.Id == organizationId).Select(o => o.MaxSessionHours).First(),
                MaxIdleMinutes = db.Organizations.Where(o => o.Id == organizationId).Select(o => o.MaxIdleMinutes).First(),
                TokensAllowed = db.Organizations.Where(o => o.Id == organizationId).Select(o => o.PersonalAccessTokensAllowed).First(),
                MaxTokenLifetimeDays = db.Organizations.Where(o => o.Id == organizationId).Select(o => o.MaxTokenLifetimeDays).First(),
                Grants = m.WorkspaceGrants.Select(g => g.WorkspaceId).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null) return null;

        var isSupervisor = row.Role.BuiltIn == BuiltInRole.Supervisor;
        // Supervisors enter every workspace of the organization; others only those granted to them.
        var workspaces = isSupervisor
            ? await db.Workspaces.IgnoreQueryFilters().Where(w => w.OrganizationId == organizationId).Select(w => w.Id).ToListAsync(cancellationToken)
            : row.Grants;
        var permissions = isSupervisor ? Permissions.All : EffectivePermissions.Of(row.Role.Permissions, row.RoleBasedAccess);

        return new OrganizationAccess(organizationId, row.Id, row.RoleId, row.Role.Name, row.Role.BuiltIn, row.RoleBasedAccess,
            permissions.ToFrozenSet(), workspaces.ToFrozenSet())
        {
            Policy = new SecurityPolicy(row.MinimumPasswordLength, row.RequireTwoFactor, row.MaxSessionHours, row.MaxIdleMinutes, row.TokensAllowed,
                row.MaxTokenLifetimeDays),
        };
    }
}

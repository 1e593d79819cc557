namespace VariantMiner.Infrastructure.Persistence;

/// <summary>
/// Runs at start-up after the migrations: built-in roles of every organization are offered the catalogue keys added
/// since they were created (<see cref="Role.OfferNewPermissions"/>). Adding a permission therefore needs no migration.
/// Reads across organizations, so it bypasses the tenant filter (allow-listed); it changes only roles.
/// </summary>
public static class PermissionCatalogueSync
{
    public static async Task RunAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var current = Role.Offered(Domain.Authorization.Permissions.All);
        await new UnitOfWork(db).InTransactionAsync(async () =>
        {
            var stale = await db.Roles.IgnoreQueryFilters().Include(r => r.Permissions)
                .Where(r => r.BuiltIn != null && r.OfferedPermissions != current).ToListAsync(cancellationToken);
            foreach (var role in stale) role.OfferNewPermissions();
            return await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
    }
}

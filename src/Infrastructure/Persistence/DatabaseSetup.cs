using Microsoft.EntityFrameworkCore.Diagnostics;

namespace VariantMiner.Infrastructure.Persistence;

public static class DatabaseSetup
{
    /// <summary>Configures the EF provider; shared by the host and the tests so both use the same options.</summary>
    public static DbContextOptionsBuilder UseVariantMinerDatabase(this DbContextOptionsBuilder options, DatabaseSettings settings)
    {
        switch (settings.Provider)
        {
            case DatabaseProvider.Postgres:
                options.UseNpgsql(settings.ConnectionString, npgsql => npgsql.EnableRetryOnFailure(3));
                break;
            default:
                options.UseSqlite(settings.ConnectionString);
                break;
        }
        // Migrations are hand-written (no design-time package, so no model snapshot); the schema-drift test
        // is what proves they match the model.
        // A page (Skip/Take) without an order is a bug, not a warning: it may return rows twice or never.
        return options.ConfigureWarnings(w => w
            .Ignore(RelationalEventId.PendingModelChangesWarning)
            .Throw(CoreEventId.RowLimitingOperationWithoutOrderByWarning));
    }

    /// <summary>
    /// Creates the data directory, applies every pending migration and offers new catalogue permissions to existing
    /// organizations' built-in roles. Called once at start-up.
    /// </summary>
    public static async Task MigrateAsync(AppDbContext db, DatabaseSettings settings, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(settings.DataDirectory);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        await db.Database.MigrateAsync(cancellationToken);
        await PermissionCatalogueSync.RunAsync(db, cancellationToken);
    }
}

using System.Data.Common;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace VariantMiner.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where data lives, from configuration: <c>DataDirectory</c> (default ./data), <c>Database:Provider</c>
/// (Sqlite | Postgres), <c>ConnectionStrings:Postgres</c> (auto-prepare on unless it says otherwise), and optionally
/// <c>ConnectionStrings:Sqlite</c>.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataDirectory)
{
    public static DatabaseSettings From(IConfiguration configuration)
    {
        var dataDirectory = Path.GetFullPath(configuration["DataDirectory"] is { Length: > 0 } d ? d : "data");
        var providerText = configuration["Database:Provider"] is { Length: > 0 } p ? p : nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
            throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{providerText}'.");

        var connectionString = provider switch
        {
            DatabaseProvider.Postgres => configuration.GetConnectionString("Postgres") is { Length: > 0 } pg ? WithPostgresDefaults(pg)
                : throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Postgres is not set."),
            _ => configuration.GetConnectionString("Sqlite") is { Length: > 0 } lite ? lite
                : $"Data Source={Path.Combine(dataDirectory, "variantminer.db")}",
        };
        return new DatabaseSettings(provider, connectionString, dataDirectory);
    }

    /// <summary>
    /// Unless the connection string says otherwise, Npgsql prepares the statements it has seen twice (kept per
    /// physical connection), so the per-request session/authorization read and the common queries skip the server's
    /// parse and plan. Measured in bench/README.md ("Authorization pass").
    /// </summary>
    private static string WithPostgresDefaults(string connectionString)
    {
        // What the string itself sets (NpgsqlConnectionStringBuilder.ContainsKey answers for every known keyword).
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Sets(params string[] keys) => keys.Any(given.ContainsKey);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Sets("Max Auto Prepare", "MaxAutoPrepare")) builder.MaxAutoPrepare = 20;
        if (!Sets("Auto Prepare Min Usages", "AutoPrepareMinUsages")) builder.AutoPrepareMinUsages = 2;
        return builder.ConnectionString;
    }
}

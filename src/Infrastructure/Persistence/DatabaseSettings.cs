using Microsoft.Extensions.Configuration;

namespace VariantMiner.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where data lives, from configuration: <c>DataDirectory</c> (default ./data), <c>Database:Provider</c>
/// (Sqlite | Postgres), <c>ConnectionStrings:Postgres</c>, and optionally <c>ConnectionStrings:Sqlite</c>.
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
            DatabaseProvider.Postgres => configuration.GetConnectionString("Postgres") is { Length: > 0 } pg ? pg
                : throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Postgres is not set."),
            _ => configuration.GetConnectionString("Sqlite") is { Length: > 0 } lite ? lite
                : $"Data Source={Path.Combine(dataDirectory, "variantminer.db")}",
        };
        return new DatabaseSettings(provider, connectionString, dataDirectory);
    }
}

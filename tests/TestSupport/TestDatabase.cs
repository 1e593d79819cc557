using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NUnit.Framework;
using VariantMiner.Infrastructure.Persistence;

namespace VariantMiner.TestSupport;

/// <summary>
/// A real, migrated database for one test fixture, reset between tests (why not Respawn: docs/decisions/0003).
/// SQLite: every reset copies a migrated template file over the test's file. PostgreSQL: a database of its own per fixture, emptied with
/// one TRUNCATE … RESTART IDENTITY CASCADE. PostgreSQL runs when VARIANTMINER_TEST_POSTGRES holds a connection
/// string; otherwise those tests are skipped, except under CI=true where that is a failure.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "VARIANTMINER_TEST_POSTGRES";

    private readonly string _root;
    private string? _templateFile;
    private string? _postgresAdmin;
    private readonly List<string> _siblings = [];

    private TestDatabase(DatabaseProvider provider, string root)
    {
        Provider = provider;
        _root = root;
    }

    public DatabaseProvider Provider { get; }
    /// <summary>The connection string of the current (freshly reset) database.</summary>
    public string ConnectionString { get; private set; } = "";
    public string DataDirectory => _root;

    public DatabaseSettings Settings => new(Provider, ConnectionString, _root);

    /// <summary>Creates and migrates the database, or marks the test skipped/failed when PostgreSQL is not configured.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var root = Path.Combine(Path.GetTempPath(), "variantminer-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var db = new TestDatabase(provider, root);
        if (provider == DatabaseProvider.Sqlite)
        {
            db._templateFile = Path.Combine(root, "template.db");
            db.ConnectionString = $"Data Source={db._templateFile};Pooling=False";
            await db.MigrateAsync();
            await db.ResetAsync();
        }
        else
        {
            var admin = PostgresConnectionOrSkip();
            var builder = new NpgsqlConnectionStringBuilder(admin);
            var name = "vm_test_" + Guid.NewGuid().ToString("N")[..16];
            await ExecutePostgresAsync(admin, $"CREATE DATABASE \"{name}\"");
            builder.Database = name;
            db._postgresAdmin = admin;
            db.ConnectionString = builder.ConnectionString;
            await db.MigrateAsync();
        }
        return db;
    }

    public static string PostgresConnectionOrSkip()
    {
        var value = Environment.GetEnvironmentVariable(PostgresVariable);
        if (!string.IsNullOrWhiteSpace(value)) return value;
        var message = $"PostgreSQL tests skipped: set {PostgresVariable} to a connection string (e.g. 'Host=localhost;Username=postgres;Password=postgres').";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(message.Replace("skipped", "are required under CI=true"));
        Assert.Ignore(message);
        throw new InvalidOperationException("unreachable");
    }

    public AppDbContext CreateContext(VariantMiner.Application.Common.Security.IOrganizationContext? scope = null) =>
        CreateContext(Settings, scope);

    public static AppDbContext CreateContext(DatabaseSettings settings, VariantMiner.Application.Common.Security.IOrganizationContext? scope = null)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseVariantMinerDatabase(settings);
        return new AppDbContext(options.Options, scope);
    }

    /// <summary>An empty, migrated database for the next test.</summary>
    public async Task ResetAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            // Same file, same connection string: a host built once keeps working across resets.
            var file = Path.Combine(_root, "current.db");
            SqliteConnection.ClearAllPools();
            File.Copy(_templateFile!, file, overwrite: true);
            ConnectionString = $"Data Source={file};Pooling=False";
            return;
        }
        await using var db = CreateContext();
        var tables = db.Model.GetEntityTypes()
            .Select(t => t.GetTableName())
            .Where(t => t is not null)
            .Distinct()
            .Select(t => $"\"{t}\"");
        // A freshly started host runs its background jobs at once (trash purge, upload sweep, storage retention), each a
        // transaction over several of these tables: the TRUNCATE can deadlock with one, and PostgreSQL then cancels one
        // side. Trying again is what a person would do; the job simply runs again at its next interval.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecutePostgresAsync(ConnectionString, $"TRUNCATE {string.Join(", ", tables)} RESTART IDENTITY CASCADE");
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                await Task.Delay(100 * attempt);
            }
        }
    }

    /// <summary>A connection string to an empty database beside this one (dropped with it), e.g. for EnsureCreated.</summary>
    public async Task<DatabaseSettings> CreateEmptySiblingAsync()
    {
        if (Provider == DatabaseProvider.Sqlite)
            return new DatabaseSettings(Provider, $"Data Source={Path.Combine(_root, $"sibling-{Guid.NewGuid():N}.db")};Pooling=False", _root);
        var name = "vm_test_" + Guid.NewGuid().ToString("N")[..16];
        await ExecutePostgresAsync(_postgresAdmin!, $"CREATE DATABASE \"{name}\"");
        _siblings.Add(name);
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name };
        return new DatabaseSettings(Provider, builder.ConnectionString, _root);
    }

    private async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await DatabaseSetup.MigrateAsync(db, Settings);
    }

    private static async Task ExecutePostgresAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            foreach (var name in _siblings.Append(new NpgsqlConnectionStringBuilder(ConnectionString).Database!))
                await ExecutePostgresAsync(_postgresAdmin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { /* a file still open on a slow close */ }
    }
}

// Member-list benchmark (issue "People"): an organization of N members, the User Management query through the real
// mediator pipeline (scope + permission behaviors included), median latency per search, per provider.
//   dotnet run -c Release --project bench/MembersBench -- [members=10000] [postgres-connection-string]
using System.Diagnostics;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Application.Common.Security;
using VariantMiner.Application.Members;
using VariantMiner.Application.Members.Queries.ListMembers;
using VariantMiner.Domain.Authorization;
using VariantMiner.Domain.Organizations;
using VariantMiner.Infrastructure.Identity;
using VariantMiner.Infrastructure.Persistence;

var members = args.Length > 0 ? int.Parse(args[0]) : 10_000;
var postgres = args.Length > 1 ? args[1] : Environment.GetEnvironmentVariable("VARIANTMINER_TEST_POSTGRES");

Console.WriteLine($"| provider | query | median ms | p90 ms | rows | total |");
Console.WriteLine($"|---|---|---|---|---|---|");
await RunAsync(DatabaseProvider.Sqlite, null);
if (!string.IsNullOrEmpty(postgres)) await RunAsync(DatabaseProvider.Postgres, postgres);
else Console.WriteLine("(PostgreSQL skipped: pass a connection string or set VARIANTMINER_TEST_POSTGRES)");

async Task RunAsync(DatabaseProvider provider, string? adminConnection)
{
    var dir = Path.Combine(Path.GetTempPath(), "vm-bench-members-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(dir);
    string connection;
    string? database = null;
    if (provider == DatabaseProvider.Sqlite) connection = $"Data Source={Path.Combine(dir, "bench.db")}";
    else
    {
        database = "vm_bench_" + Guid.NewGuid().ToString("N")[..12];
        await ExecAsync(adminConnection!, $"CREATE DATABASE \"{database}\"");
        connection = new Npgsql.NpgsqlConnectionStringBuilder(adminConnection) { Database = database }.ConnectionString;
    }
    var settings = new DatabaseSettings(provider, connection, dir);
    try
    {
        var (orgId, supervisorId) = await SeedAsync(settings);
        await using var services = Services(settings, supervisorId);
        var queries = new (string Name, ListMembers Query)[]
        {
            ("first page by name", new ListMembers(orgId)),
            ("search 'smith' (name)", new ListMembers(orgId, Search: "smith")),
            ("search 'user0042' (e-mail)", new ListMembers(orgId, Search: "user0042")),
            ("role filter Analyst", new ListMembers(orgId, RoleId: await AnalystRoleAsync(settings, orgId))),
            ("sort by last login", new ListMembers(orgId, Sort: MemberSort.LastLogin)),
        };
        foreach (var (name, query) in queries)
        {
            var times = new List<double>();
            MemberPage? page = null;
            for (var i = 0; i < 25; i++)
            {
                await using var scope = services.CreateAsyncScope();
                var sender = scope.ServiceProvider.GetRequiredService<ISender>();
                var started = Stopwatch.GetTimestamp();
                page = await sender.Send(query);
                if (i >= 5) times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds); // first 5 warm up
            }
            times.Sort();
            Console.WriteLine($"| {provider} ({members:N0} members) | {name} | {times[times.Count / 2]:F1} | {times[(int)(times.Count * 0.9)]:F1} | {page!.Items.Count} | {page.Total} |");
        }
    }
    finally
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (database is not null) await ExecAsync(adminConnection!, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        Directory.Delete(dir, recursive: true);
    }
}

async Task<(Guid Org, Guid Supervisor)> SeedAsync(DatabaseSettings settings)
{
    var options = new DbContextOptionsBuilder<AppDbContext>();
    options.UseVariantMinerDatabase(settings);
    await using var db = new AppDbContext(options.Options);
    await DatabaseSetup.MigrateAsync(db, settings);
    var org = new Organization("Bench Lab", null, DateTimeOffset.UtcNow);
    db.Organizations.Add(org);
    var roles = Enum.GetValues<BuiltInRole>().ToDictionary(r => r, r => Role.CreateBuiltIn(org.Id, r));
    db.Roles.AddRange(roles.Values);
    await db.SaveChangesAsync();
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    string[] surnames = ["Smith", "Jones", "Garcia", "Chen", "Okafor", "Novak", "Haddad", "Kowalski", "Tanaka", "Silva"];
    Guid supervisor = Guid.Empty;
    var random = new Random(42);
    for (var i = 0; i < members; i++)
    {
        var email = $"user{i:D5}@bench.example";
        var user = new ApplicationUser
        {
            UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = $"{surnames[i % surnames.Length]} {i:D5}", CreatedAt = DateTimeOffset.UtcNow,
        };
        db.Users.Add(user);
        var role = i == 0 ? BuiltInRole.Supervisor : (BuiltInRole)(1 + i % 4);
        var membership = new Membership(org.Id, user.Id, roles[role].Id, DateTimeOffset.UtcNow);
        if (i % 3 != 0) membership.RecordLogin(DateTimeOffset.UtcNow.AddMinutes(-random.Next(0, 100_000)));
        db.Memberships.Add(membership);
        if (i == 0) supervisor = user.Id;
        if (i % 2000 == 1999)
        {
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }
    await db.SaveChangesAsync();
    return (org.Id, supervisor);
}

async Task<Guid> AnalystRoleAsync(DatabaseSettings settings, Guid orgId)
{
    var options = new DbContextOptionsBuilder<AppDbContext>();
    options.UseVariantMinerDatabase(settings);
    await using var db = new AppDbContext(options.Options);
    return await db.Roles.IgnoreQueryFilters().Where(r => r.OrganizationId == orgId && r.BuiltIn == BuiltInRole.Analyst).Select(r => r.Id).SingleAsync();
}

ServiceProvider Services(DatabaseSettings settings, Guid userId)
{
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["DataDirectory"] = settings.DataDirectory,
        ["Database:Provider"] = settings.Provider.ToString(),
        [$"ConnectionStrings:{settings.Provider}"] = settings.ConnectionString,
        ["Performance:SlowRequestMilliseconds"] = "100000",
    }).Build();
    var services = new ServiceCollection();
    services.AddSingleton<IConfiguration>(configuration);
    services.AddLogging();
    services.AddApplication();
    services.AddInfrastructure();
    services.AddSingleton<ICurrentUser>(new BenchUser(userId));
    return services.BuildServiceProvider();
}

static async Task ExecAsync(string connection, string sql)
{
    await using var c = new Npgsql.NpgsqlConnection(connection);
    await c.OpenAsync();
    await using var command = new Npgsql.NpgsqlCommand(sql, c);
    await command.ExecuteNonQueryAsync();
}

sealed record BenchUser(Guid Id) : ICurrentUser
{
    public Guid? UserId => Id;
    public bool IsPlatformAdmin => false;
}

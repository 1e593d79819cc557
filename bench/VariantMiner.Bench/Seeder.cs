using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using VariantMiner.Domain.Authorization;
using VariantMiner.Domain.Organizations;
using VariantMiner.Domain.Samples;
using VariantMiner.Infrastructure.Identity;
using VariantMiner.Infrastructure.Persistence;

namespace VariantMiner.Bench;

/// <summary>The seeded world: ids of the organization, the measured people and their workspace.</summary>
public sealed record World(Guid OrganizationId, Guid WorkspaceId, Guid CuratorId, string CuratorEmail, Guid AnalystId, Guid SampleId, long Samples);

/// <summary>
/// One organization, 50 workspaces, 2,000 members (each granted one workspace, 40 per workspace), N samples spread evenly
/// over the workspaces and four assays, 30 % of them assigned to one member of their workspace. Bulk inserts: COPY
/// (binary) on PostgreSQL, one transaction of prepared INSERTs on SQLite. Benchmark-only code (outside src/).
/// </summary>
public static class Seeder
{
    public const int Workspaces = 50, Members = 2000, PerWorkspace = Members / Workspaces;
    public const string Password = "bench password 123";
    private static readonly string[] AssayNames = ["WGS", "WES", "Gene panel", "RNA-seq"];

    public static async Task<World> SeedAsync(DatabaseSettings settings, long samples)
    {
        var sw = Stopwatch.StartNew();
        var org = new Organization("Bench Lab", null, DateTimeOffset.UtcNow);
        var roles = Enum.GetValues<BuiltInRole>().ToDictionary(r => r, r => Role.CreateBuiltIn(org.Id, r));
        var workspaces = Enumerable.Range(0, Workspaces).Select(i => new Workspace(org.Id, $"Project {i:00}", DateTimeOffset.UtcNow)).ToList();
        var hash = new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Password);
        var users = new List<ApplicationUser>();
        var memberships = new List<Membership>();
        // Member m: workspace m / 40; role cycles Analyst, Clinical Curator, Report Writer, Group Admin (member 0 of each
        // workspace is an Analyst, member 1 a Clinical Curator: the two measured people sit in workspace 0).
        BuiltInRole[] cycle = [BuiltInRole.Analyst, BuiltInRole.ClinicalCurator, BuiltInRole.ReportWriter, BuiltInRole.GroupAdmin];
        for (var m = 0; m < Members; m++)
        {
            var email = $"member{m:0000}@bench.example";
            var user = new ApplicationUser
            {
                PasswordHash = hash, LockoutEnabled = false, UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
                NormalizedEmail = email.ToUpperInvariant(), DisplayName = $"Member {m}", CreatedAt = DateTimeOffset.UtcNow, SecurityStamp = Guid.NewGuid().ToString(),
            };
            users.Add(user);
            var membership = new Membership(org.Id, user.Id, roles[cycle[m % cycle.Length]].Id, DateTimeOffset.UtcNow);
            membership.GrantWorkspace(workspaces[m / PerWorkspace].Id);
            memberships.Add(membership);
        }
        await using (var db = Context(settings))
        {
            db.Organizations.Add(org);
            db.Roles.AddRange(roles.Values);
            db.Workspaces.AddRange(workspaces);
            db.Users.AddRange(users);
            db.Memberships.AddRange(memberships);
            db.Assays.AddRange(AssayNames.Select(a => new Assay(org.Id, a)));
            await db.SaveChangesAsync();
        }
        Console.Error.WriteLine($"  organization, 50 workspaces, 2000 members: {sw.Elapsed.TotalSeconds:0.0}s");

        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        IEnumerable<(Sample Sample, Guid? Assignee)> Rows()
        {
            for (long i = 0; i < samples; i++)
            {
                var w = (int)(i % Workspaces);
                var at = start.AddSeconds(i);
                var sample = new Sample(org.Id, workspaces[w].Id, $"S{i:0000000}", AssayNames[(int)(i / Workspaces % AssayNames.Length)], null, users[0].Id, at);
                // 30 % assigned, spread over the 40 members of the workspace.
                Guid? assignee = i % 10 < 3 ? users[w * PerWorkspace + (int)(i / Workspaces / 10 % PerWorkspace)].Id : null;
                yield return (sample, assignee);
            }
        }

        Guid firstSample;
        if (settings.Provider == DatabaseProvider.Postgres) firstSample = await CopyPostgresAsync(settings, Rows(), org.Id);
        else firstSample = await InsertSqliteAsync(settings, Rows(), org.Id);
        Console.Error.WriteLine($"  {samples:N0} samples with assignments: {sw.Elapsed.TotalSeconds:0.0}s");
        await AnalyzeAsync(settings);
        Console.Error.WriteLine($"  analyzed: {sw.Elapsed.TotalSeconds:0.0}s");

        return new World(org.Id, workspaces[0].Id, users[1].Id, users[1].Email!, users[0].Id, firstSample, samples);
    }

    public static AppDbContext Context(DatabaseSettings settings, VariantMiner.Application.Common.Security.IOrganizationContext? scope = null)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseVariantMinerDatabase(settings);
        return new AppDbContext(options.Options, scope);
    }

    private static async Task<Guid> CopyPostgresAsync(DatabaseSettings settings, IEnumerable<(Sample Sample, Guid? Assignee)> rows, Guid orgId)
    {
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        var assignments = new List<(Guid Sample, Guid User, Guid Workspace, DateTime At)>();
        Guid first = Guid.Empty;
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY \"Samples\" (\"Id\", \"OrganizationId\", \"WorkspaceId\", \"Name\", \"Assay\", \"SubjectId\", \"Status\", \"CreatedBy\", \"CreatedAt\", \"Version\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (s, assignee) in rows)
            {
                if (first == Guid.Empty) first = s.Id;
                await writer.StartRowAsync();
                await writer.WriteAsync(s.Id, NpgsqlDbType.Uuid);
                await writer.WriteAsync(s.OrganizationId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(s.WorkspaceId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(s.Name, NpgsqlDbType.Text);
                await writer.WriteAsync(s.Assay, NpgsqlDbType.Text);
                await writer.WriteNullAsync();
                await writer.WriteAsync("Defined", NpgsqlDbType.Text);
                await writer.WriteAsync(s.CreatedBy, NpgsqlDbType.Uuid);
                await writer.WriteAsync(s.CreatedAt.UtcDateTime, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(s.Version, NpgsqlDbType.Uuid);
                if (assignee is { } u) assignments.Add((s.Id, u, s.WorkspaceId, s.CreatedAt.UtcDateTime));
            }
            await writer.CompleteAsync();
        }
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY \"SampleAssignments\" (\"SampleId\", \"UserId\", \"OrganizationId\", \"WorkspaceId\", \"AssignedBy\", \"AssignedAt\", \"SampleCreatedAt\") FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var a in assignments)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(a.Sample, NpgsqlDbType.Uuid);
                await writer.WriteAsync(a.User, NpgsqlDbType.Uuid);
                await writer.WriteAsync(orgId, NpgsqlDbType.Uuid);
                await writer.WriteAsync(a.Workspace, NpgsqlDbType.Uuid);
                await writer.WriteAsync(a.User, NpgsqlDbType.Uuid);
                await writer.WriteAsync(a.At, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(a.At, NpgsqlDbType.TimestampTz); // SampleCreatedAt: assigned when created
            }
            await writer.CompleteAsync();
        }
        return first;
    }

    private static async Task<Guid> InsertSqliteAsync(DatabaseSettings settings, IEnumerable<(Sample Sample, Guid? Assignee)> rows, Guid orgId)
    {
        await using var connection = new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync();
        // EF's SQLite mapping: GUIDs as upper-case TEXT, DateTimeOffset as UTC DateTime TEXT (AppDbContext.ConfigureConventions).
        static string G(Guid g) => g.ToString().ToUpperInvariant();
        static string T(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;";
            await pragma.ExecuteNonQueryAsync();
        }
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO Samples (Id, OrganizationId, WorkspaceId, Name, Assay, SubjectId, Status, CreatedBy, CreatedAt, Version) VALUES ($id, $org, $ws, $name, $assay, NULL, 'Defined', $by, $at, $v)";
        var p = new[] { "$id", "$org", "$ws", "$name", "$assay", "$by", "$at", "$v" }.Select(n => insert.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        var assign = connection.CreateCommand();
        assign.Transaction = tx;
        assign.CommandText = "INSERT INTO SampleAssignments (SampleId, UserId, OrganizationId, WorkspaceId, AssignedBy, AssignedAt, SampleCreatedAt) VALUES ($s, $u, $org, $ws, $u, $at, $at)";
        var q = new[] { "$s", "$u", "$org", "$ws", "$at" }.Select(n => assign.Parameters.Add(new SqliteParameter { ParameterName = n })).ToArray();
        insert.Prepare();
        assign.Prepare();
        Guid first = Guid.Empty;
        var org = G(orgId);
        foreach (var (s, assignee) in rows)
        {
            if (first == Guid.Empty) first = s.Id;
            p[0].Value = G(s.Id); p[1].Value = org; p[2].Value = G(s.WorkspaceId); p[3].Value = s.Name; p[4].Value = s.Assay;
            p[5].Value = G(s.CreatedBy); p[6].Value = T(s.CreatedAt); p[7].Value = G(s.Version);
            await insert.ExecuteNonQueryAsync();
            if (assignee is { } u)
            {
                q[0].Value = G(s.Id); q[1].Value = G(u); q[2].Value = org; q[3].Value = G(s.WorkspaceId); q[4].Value = T(s.CreatedAt);
                await assign.ExecuteNonQueryAsync();
            }
        }
        await tx.CommitAsync();
        return first;
    }

    private static async Task AnalyzeAsync(DatabaseSettings settings)
    {
        await using var db = Context(settings);
        // Statistics, as autovacuum (PostgreSQL) or PRAGMA optimize (SQLite) would gather them in production.
        await db.Database.ExecuteSqlRawAsync(settings.Provider == DatabaseProvider.Postgres ? "VACUUM ANALYZE" : "ANALYZE");
    }
}

using VariantMiner.Domain.Analyses;

namespace VariantMiner.Infrastructure.Analyses;

/// <summary>A run a worker holds: which organization and workspace it belongs to (the scope the worker enters).</summary>
public sealed class ClaimedRun
{
    public Guid Id { get; init; }
    public Guid OrganizationId { get; init; }
    public Guid WorkspaceId { get; init; }
}

/// <summary>
/// The durable run queue in the Analyses table (docs/architecture.md, "Run queue"). A worker claims the oldest QUEUED run
/// with one UPDATE (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>, so workers never wait on each other; SQLite has one writer
/// at a time) that sets INITIALIZING, its lease and the attempt count; it renews the lease while the engine runs. A run
/// whose lease expired (its worker died) is taken over by whichever worker notices first — again one conditional UPDATE,
/// so exactly one does. Raw SQL, because the claim must be a single statement; every statement names the run or the
/// queue state only, never tenant data.
/// </summary>
public sealed class RunQueue(AppDbContext db)
{
    private bool IsPostgres => db.Database.IsNpgsql();

    /// <summary>SQLite stores DateTimeOffset as UTC DateTime text (see AppDbContext); PostgreSQL as timestamptz.</summary>
    private object Time(DateTimeOffset t) => IsPostgres ? t.ToUniversalTime() : t.UtcDateTime;

    public async Task<ClaimedRun?> ClaimAsync(string worker, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        var skipLocked = IsPostgres ? "FOR UPDATE SKIP LOCKED" : "";
        var queued = nameof(AnalysisStatus.QUEUED);
        var initializing = nameof(AnalysisStatus.INITIALIZING);
        var rows = await db.Database.SqlQueryRaw<ClaimedRun>(
            Sql($$"""
            UPDATE "Analyses" SET "Status" = '{{initializing}}', "LeaseOwner" = {0}, "LeaseExpiresAt" = {1}, "Attempts" = "Attempts" + 1
            WHERE "Status" = '{{queued}}' AND "Id" = (SELECT "Id" FROM "Analyses" WHERE "Status" = '{{queued}}' ORDER BY "CreatedAt", "Id" LIMIT 1 {{skipLocked}})
            RETURNING "Id", "OrganizationId", "WorkspaceId"
            """), worker, Time(now + lease)).ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }

    /// <summary>Extends the lease; false when the worker no longer holds the run (it was taken over: stop touching it).</summary>
    public async Task<bool> RenewAsync(Guid runId, string worker, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(
            Sql($$"""
            UPDATE "Analyses" SET "LeaseExpiresAt" = {0}
            WHERE "Id" = {1} AND "LeaseOwner" = {2} AND "Status" IN ({{Leased}})
            """), [Time(now + lease), runId, worker], cancellationToken) == 1;

    /// <summary>Runs whose worker stopped renewing their lease (at most a few at a time).</summary>
    public Task<List<ClaimedRun>> ExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<ClaimedRun>(
            Sql($$"""
            SELECT "Id", "OrganizationId", "WorkspaceId" FROM "Analyses"
            WHERE "Status" IN ({{Leased}}) AND "LeaseExpiresAt" < {0} ORDER BY "LeaseExpiresAt" LIMIT 20
            """), Time(now)).ToListAsync(cancellationToken);

    /// <summary>Takes over an expired run; exactly one of several workers trying gets true.</summary>
    public async Task<bool> TakeOverAsync(Guid runId, string worker, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync(
            Sql($$"""
            UPDATE "Analyses" SET "LeaseOwner" = {0}, "LeaseExpiresAt" = {1}
            WHERE "Id" = {2} AND "Status" IN ({{Leased}}) AND "LeaseExpiresAt" < {3}
            """), [worker, Time(now + lease), runId, Time(now)], cancellationToken) == 1;

    /// <summary>Clears the lease of a run that ended or went back to the queue.</summary>
    public Task ReleaseAsync(Guid runId, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlRawAsync("""UPDATE "Analyses" SET "LeaseOwner" = NULL, "LeaseExpiresAt" = NULL WHERE "Id" = {0}""", [runId], cancellationToken);

    /// <summary>
    /// Claims a reference bundle waiting to be prepared (or whose preparation stalled for an hour: its worker died): the
    /// row's Id and OrganizationId (WorkspaceId is empty).
    /// </summary>
    public async Task<ClaimedRun?> ClaimReferenceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var skipLocked = IsPostgres ? "FOR UPDATE SKIP LOCKED" : "";
        var preparing = nameof(ReferenceStatus.Preparing);
        var rows = await db.Database.SqlQueryRaw<ClaimedRun>(
            Sql($$"""
            UPDATE "ReferenceBundles" SET "PreparingSince" = {0}
            WHERE "Id" = (SELECT "Id" FROM "ReferenceBundles" WHERE "Status" = '{{preparing}}' AND ("PreparingSince" IS NULL OR "PreparingSince" < {1})
                          ORDER BY "CreatedAt" LIMIT 1 {{skipLocked}})
            RETURNING "Id", "OrganizationId", "OrganizationId" AS "WorkspaceId"
            """), Time(now), Time(now - TimeSpan.FromHours(1))).ToListAsync(cancellationToken);
        return rows.SingleOrDefault() is { } row ? new ClaimedRun { Id = row.Id, OrganizationId = row.OrganizationId } : null;
    }

    /// <summary>The statements interpolate constants only (state names, the lock clause); values are always parameters.</summary>
    private static string Sql(string text) => text;

    private static string Leased => string.Join(", ",
        Enum.GetValues<AnalysisStatus>().Where(s => s.IsLeased()).Select(s => $"'{s}'"));
}

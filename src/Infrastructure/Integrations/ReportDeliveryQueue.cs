using VariantMiner.Domain.Reports;
using VariantMiner.Infrastructure.Analyses;

namespace VariantMiner.Infrastructure.Integrations;

/// <summary>
/// The report deliveries due, across organizations: a worker claims one with a single UPDATE (PostgreSQL: <c>FOR UPDATE
/// SKIP LOCKED</c>) that sets its claim until <c>now + claim</c>, so several instances never send it at once, and a claim
/// whose worker died runs out. Raw SQL because the claim must be one statement; it touches the queue columns only and
/// returns the row's organization and workspace, whose scope the worker then enters.
/// </summary>
public sealed class ReportDeliveryQueue(AppDbContext db)
{
    private bool IsPostgres => db.Database.IsNpgsql();

    /// <summary>SQLite stores DateTimeOffset as UTC DateTime text (see AppDbContext); PostgreSQL as timestamptz.</summary>
    private object Time(DateTimeOffset t) => IsPostgres ? t.ToUniversalTime() : t.UtcDateTime;

    public async Task<ClaimedRun?> ClaimAsync(DateTimeOffset now, TimeSpan claim, CancellationToken cancellationToken)
    {
        var skipLocked = IsPostgres ? "FOR UPDATE SKIP LOCKED" : "";
        const string pending = nameof(DeliveryStatus.Pending);
        const string due = $"""
            "Status" = '{pending}' AND "NextAttemptAt" <= {"{1}"} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {"{1}"})
            """;
        var rows = await db.Database.SqlQueryRaw<ClaimedRun>(Sql(
            $$"""
            UPDATE "ReportDeliveries" SET "ClaimedUntil" = {0}
            WHERE {{due}} AND "Id" = (SELECT "Id" FROM "ReportDeliveries" WHERE {{due}} ORDER BY "NextAttemptAt", "Id" LIMIT 1 {{skipLocked}})
            RETURNING "Id", "OrganizationId", "WorkspaceId"
            """), Time(now + claim), Time(now)).ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }

    /// <summary>The statement interpolates constants only (the state name, the lock clause); values are always parameters.</summary>
    private static string Sql(string text) => text;
}

using VariantMiner.Domain.Integrations;

namespace VariantMiner.Infrastructure.Integrations;

/// <summary>A claimed delivery: its row and the organization whose scope the worker enters to send it.</summary>
public sealed record ClaimedDelivery(Guid Id, Guid OrganizationId);

/// <summary>
/// The deliveries due in an outbox table (<see cref="OutboundDelivery"/>), across organizations: a worker claims one with
/// a single UPDATE (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>) that sets its claim until <c>now + claim</c>, so several
/// instances never send it at once, and a claim whose worker died runs out. Raw SQL because the claim must be one
/// statement; it touches the queue columns only.
/// </summary>
public sealed class DeliveryQueue(AppDbContext db)
{
    public const string Reports = "ReportDeliveries", Webhooks = "WebhookDeliveries";

    private bool IsPostgres => db.Database.IsNpgsql();

    /// <summary>SQLite stores DateTimeOffset as UTC DateTime text (see AppDbContext); PostgreSQL as timestamptz.</summary>
    private object Time(DateTimeOffset t) => IsPostgres ? t.ToUniversalTime() : t.UtcDateTime;

    /// <param name="table"><see cref="Reports"/> or <see cref="Webhooks"/>.</param>
    public async Task<ClaimedDelivery?> ClaimAsync(string table, DateTimeOffset now, TimeSpan claim, CancellationToken cancellationToken)
    {
        if (table is not (Reports or Webhooks)) throw new ArgumentOutOfRangeException(nameof(table), table, "Not an outbox table.");
        var skipLocked = IsPostgres ? "FOR UPDATE SKIP LOCKED" : "";
        const string pending = nameof(DeliveryStatus.Pending);
        const string due = $"""
            "Status" = '{pending}' AND "NextAttemptAt" <= {"{1}"} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {"{1}"})
            """;
        var rows = await db.Database.SqlQueryRaw<ClaimedDelivery>(Sql(
            $$"""
            UPDATE "{{table}}" SET "ClaimedUntil" = {0}
            WHERE {{due}} AND "Id" = (SELECT "Id" FROM "{{table}}" WHERE {{due}} ORDER BY "NextAttemptAt", "Id" LIMIT 1 {{skipLocked}})
            RETURNING "Id", "OrganizationId"
            """), Time(now + claim), Time(now)).ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }

    /// <summary>The statement interpolates constants only (the table, the state name, the lock clause); values are always parameters.</summary>
    private static string Sql(string text) => text;
}

using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Usage;

/// <summary>
/// The bytes a workspace holds on a day: measured by the usage job through the day, the last measurement of the day
/// stands. Kept for history (storage over time, GB-months on a statement).
/// </summary>
public sealed class StorageSnapshot : ITenantOwned
{
    private StorageSnapshot() { }

    public StorageSnapshot(Guid organizationId, Guid workspaceId, DateOnly day, long bytes, int files, DateTimeOffset takenAt)
    {
        OrganizationId = organizationId;
        WorkspaceId = workspaceId;
        Day = day;
        Measured(bytes, files, takenAt);
    }

    public Guid OrganizationId { get; private init; }
    public Guid WorkspaceId { get; private init; }
    public DateOnly Day { get; private init; }
    public long Bytes { get; private set; }
    public int Files { get; private set; }
    public DateTimeOffset TakenAt { get; private set; }

    public void Measured(long bytes, int files, DateTimeOffset at) => (Bytes, Files, TakenAt) = (bytes, files, at);
}

/// <summary>
/// How an organization is billed: its plan and prices (set by a platform administrator: custom arrangements), and the
/// monthly processing-hours quota its billing managers choose. Without a row, <see cref="Default"/> applies. Like the
/// organization's own row (and its storage quota), it is read by its key, also by platform administrators, who work
/// outside any organization's scope — so it is not filtered by tenant.
/// </summary>
public sealed class BillingArrangement
{
    public const int PlanNameMaxLength = 100;
    public const decimal MaxPrice = 1_000_000m;

    private BillingArrangement() { }

    public static BillingArrangement Default(Guid organizationId) => new()
    {
        OrganizationId = organizationId,
        PlanName = "Standard",
        Currency = "EUR",
    };

    public Guid OrganizationId { get; private init; }
    public string PlanName { get; private set; } = "";
    /// <summary>ISO 4217 code.</summary>
    public string Currency { get; private set; } = "";
    public decimal PricePerGbMonth { get; private set; }
    public decimal PricePerCpuHour { get; private set; }
    public decimal PricePerSample { get; private set; }
    public decimal MonthlyFee { get; private set; }
    /// <summary>Processing hours (CPU hours) a calendar month may use; null: no limit.</summary>
    public double? ProcessingHoursQuota { get; private set; }

    public void SetPrices(string planName, string currency, decimal perGbMonth, decimal perCpuHour, decimal perSample, decimal monthlyFee)
    {
        if (string.IsNullOrWhiteSpace(planName) || planName.Trim().Length > PlanNameMaxLength)
            throw new DomainException($"A plan needs a name of at most {PlanNameMaxLength} characters.");
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)) throw new DomainException("The currency is a three-letter ISO 4217 code, such as EUR.");
        if (new[] { perGbMonth, perCpuHour, perSample, monthlyFee }.Any(p => p is < 0 or > MaxPrice || decimal.Round(p, 4) != p))
            throw new DomainException($"A price is between 0 and {MaxPrice:N0}, with at most four decimals.");
        (PlanName, Currency, PricePerGbMonth, PricePerCpuHour, PricePerSample, MonthlyFee) = (planName.Trim(), currency, perGbMonth, perCpuHour, perSample, monthlyFee);
    }

    public void SetProcessingQuota(double? hours)
    {
        if (hours is <= 0 or > 1_000_000) throw new DomainException("A processing quota is a number of hours above 0 (at most 1,000,000), or none.");
        ProcessingHoursQuota = hours;
    }
}

/// <summary>An alert sent when a quota reached a threshold in a month: at most one per quota, month and threshold.</summary>
public sealed class QuotaAlert : ITenantOwned
{
    public static readonly int[] Thresholds = [80, 95, 100];

    private QuotaAlert() { }

    public QuotaAlert(Guid organizationId, QuotaKind quota, DateOnly month, int threshold, DateTimeOffset sentAt)
    {
        OrganizationId = organizationId;
        Quota = quota;
        Month = month;
        Threshold = threshold;
        SentAt = sentAt;
    }

    public Guid OrganizationId { get; private init; }
    public QuotaKind Quota { get; private init; }
    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; private init; }
    public int Threshold { get; private init; }
    public DateTimeOffset SentAt { get; private init; }
}

public enum QuotaKind
{
    Storage,
    Processing,
}

/// <summary>
/// A closed month's statement: the figures and prices of that month, line by line, as they were when it closed. Never
/// changed afterwards (the database refuses an UPDATE).
/// </summary>
public sealed class Statement : Entity, ITenantOwned
{
    private Statement() { }

    public Statement(Guid organizationId, DateOnly month, string planName, string currency, string linesJson, decimal total, DateTimeOffset closedAt)
    {
        OrganizationId = organizationId;
        Month = month;
        PlanName = planName;
        Currency = currency;
        LinesJson = linesJson;
        Total = total;
        ClosedAt = closedAt;
    }

    public Guid OrganizationId { get; private init; }
    public DateOnly Month { get; private init; }
    public string PlanName { get; private init; } = "";
    public string Currency { get; private init; } = "";
    /// <summary>The lines (description, quantity, unit, unit price, amount), as JSON.</summary>
    public string LinesJson { get; private init; } = "[]";
    public decimal Total { get; private init; }
    public DateTimeOffset ClosedAt { get; private init; }
}

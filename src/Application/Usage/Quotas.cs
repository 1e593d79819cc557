using VariantMiner.Application.Notifications;
using VariantMiner.Domain.Notifications;
using VariantMiner.Domain.Usage;

namespace VariantMiner.Application.Usage;

/// <summary>
/// The quotas: storage (bytes, the platform's) and processing (CPU hours per calendar month, the billing managers').
/// At 100 % of the processing quota new launches are refused (runs already going finish); at 80, 95 and 100 % of
/// either, the billing managers are told once per quota, threshold and month.
/// </summary>
public sealed class Quotas(IApplicationDbContext db, NotificationFanOut fanOut)
{
    /// <summary>Refuses a launch (403, reason processing-quota) once this month's processing hours reached the quota.</summary>
    public async Task EnsureLaunchAllowedAsync(Guid organizationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await Billing.ProcessingQuotaAsync(db, organizationId, cancellationToken) is not { } hours) return;
        // Finished runs count their CPU time; runs going now count the time they have run so far (their CPU time is known
        // only at the end). Runs still queued count nothing: the quota is a limit on starting more, not a hard cap.
        var running = await db.Analyses.Where(a => a.EndedAt == null && a.StartedAt != null).Select(a => a.StartedAt!.Value).ToListAsync(cancellationToken);
        var used = await UsageMeter.ProcessingHoursAsync(db, Month.Of(now), cancellationToken)
            + running.Sum(started => Math.Max(0, (now - started).TotalHours));
        if (used >= hours)
            throw new ForbiddenException(
                $"The organization's processing quota for {Month.Of(now)} is used up: {used:0.##} of {hours:0.##} CPU hours. Analyses already running " +
                "finish; new ones can start next month, or once someone who manages billing raises the quota.", "processing-quota");
    }

    /// <summary>Tells the billing managers of each threshold newly reached this month (one notification per quota: the highest).</summary>
    public async Task AlertAsync(Guid organizationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var month = Month.Of(now);
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, cancellationToken);
        var quota = await Billing.ProcessingQuotaAsync(db, organizationId, cancellationToken);
        var sent = await db.QuotaAlerts.Where(a => a.Month == month.FirstDay).Select(a => new { a.Quota, a.Threshold }).ToListAsync(cancellationToken);
        var figures = new List<(QuotaKind Kind, double Percent, string Text)>();
        if (organization.StorageQuotaBytes > 0)
            figures.Add((QuotaKind.Storage, 100.0 * organization.StorageUsedBytes / organization.StorageQuotaBytes,
                $"{organization.StorageUsedBytes / UsageMeter.BytesPerGb:0.##} GB of {organization.StorageQuotaBytes / UsageMeter.BytesPerGb:0.##} GB stored"));
        if (quota is { } hours)
        {
            var used = await UsageMeter.ProcessingHoursAsync(db, month, cancellationToken);
            figures.Add((QuotaKind.Processing, 100 * used / hours, $"{used:0.##} of {hours:0.##} CPU hours used in {month}"));
        }
        foreach (var (kind, percent, text) in figures)
        {
            var reached = QuotaAlert.Thresholds.Where(t => percent >= t && !sent.Contains(new { Quota = kind, Threshold = t })).ToList();
            if (reached.Count == 0) continue;
            foreach (var threshold in reached) db.QuotaAlerts.Add(new QuotaAlert(organizationId, kind, month.FirstDay, threshold, now));
            var name = kind == QuotaKind.Storage ? "storage" : "processing";
            var highest = reached.Max();
            await fanOut.SendAsync(organizationId, NotificationEvents.QuotaThreshold,
                await fanOut.HoldersOfAsync(Permissions.OrganizationBillingManage, cancellationToken),
                (access, _) => Task.FromResult(access.Has(Permissions.OrganizationBillingManage)),
                highest >= 100
                    ? $"The {name} quota is used up: {text}" + (kind == QuotaKind.Processing ? "; new analyses cannot start" : "; uploads are refused")
                    : $"The {name} quota is {highest} % used: {text}",
                $"/orgs/{organizationId}/usage", cancellationToken);
        }
    }
}

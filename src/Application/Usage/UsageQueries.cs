using FluentValidation.Results;

namespace VariantMiner.Application.Usage;

/// <param name="Month">yyyy-MM.</param>
/// <param name="StorageGbMonths">Average bytes held over the month's days, in GB (10⁹ bytes) — what storage is billed by.</param>
/// <param name="StorageBytes">Bytes held on the month's last measured day.</param>
public sealed record WorkspaceMonthDto(string Month, Guid WorkspaceId, string WorkspaceName, double StorageGbMonths, long StorageBytes,
    double ProcessingHours, double WallHours, int Samples, int Analyses, int Reports);

public sealed record StorageDayDto(DateOnly Day, long Bytes);

public sealed record UserUsageDto(Guid UserId, string DisplayName, double ProcessingHours, int Analyses, int Samples);

/// <param name="Months">Per month and workspace.</param>
/// <param name="StorageDaily">The organization's bytes per day (every workspace).</param>
/// <param name="TopUsers">Who used the most processing in the range (at most 10).</param>
public sealed record UsageDto(string From, string To, long StorageQuotaBytes, long StorageUsedBytes, double? ProcessingHoursQuota,
    double ProcessingHoursThisMonth, IReadOnlyList<WorkspaceMonthDto> Months, IReadOnlyList<StorageDayDto> StorageDaily, IReadOnlyList<UserUsageDto> TopUsers);

/// <param name="UploadedBytes">Bytes of the files one uploaded (not the outputs of one's runs).</param>
public sealed record MyMonthDto(string Month, double ProcessingHours, double WallHours, int Analyses, int Samples, long UploadedBytes);

public sealed record MyUsageDto(string From, string To, IReadOnlyList<MyMonthDto> Months);

/// <summary>A range of whole months, yyyy-MM; by default the last twelve. At most 36 months.</summary>
public interface IMonthRange
{
    string? From { get; }
    string? To { get; }
}

internal static class MonthRange
{
    public const int MaxMonths = 36;

    public static (Month First, Month Last) Of(IMonthRange range, DateTimeOffset now)
    {
        var last = range.To is null ? Month.Of(now) : Parse(range.To, "to");
        var first = range.From is null ? Month.Of(last.Start.AddMonths(-11)) : Parse(range.From, "from");
        if (first.FirstDay > last.FirstDay) throw new ValidationException([new ValidationFailure("from", "from is a month before to (or the same).")]);
        if (Month.Range(first, last).Count() > MaxMonths) throw new ValidationException([new ValidationFailure("from", $"At most {MaxMonths} months at a time.")]);
        return (first, last);
    }

    private static Month Parse(string text, string field) => Month.TryParse(text, out var month) ? month
        : throw new ValidationException([new ValidationFailure(field, $"{field} is a month written yyyy-MM, such as 2026-09.")]);
}

/// <summary>The organization's usage page: storage over time against the quota, processing per month and workspace, top users.</summary>
[RequiresPermission(Permissions.OrganizationAnalyticsView)]
public sealed record GetUsage(Guid OrganizationId) : IQuery<UsageDto>, IOrganizationRequest, IMonthRange
{
    public string? From { get; init; }
    public string? To { get; init; }
}

public sealed class GetUsageHandler(IApplicationDbContext db, IUserAccounts accounts, TimeProvider clock) : IQueryHandler<GetUsage, UsageDto>
{
    public async ValueTask<UsageDto> Handle(GetUsage query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (first, last) = MonthRange.Of(query, now);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var months = await UsageMeter.MonthsAsync(db, first, last, today, cancellationToken);
        var workspaceNames = await db.Workspaces.ToDictionaryAsync(w => w.Id, w => w.Name, cancellationToken);
        var storage = await UsageMeter.StorageByDayAsync(db, first, last, today, cancellationToken);
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == query.OrganizationId, cancellationToken);
        var arrangement = await Billing.ArrangementAsync(db, query.OrganizationId, cancellationToken);

        var (from, to) = (first.Start, last.End);
        var runs = await db.Analyses.AsNoTracking().Where(a => a.EndedAt >= from && a.EndedAt < to)
            .GroupBy(a => a.LaunchedBy).Select(g => new { UserId = g.Key, Seconds = g.Sum(a => a.CpuSeconds ?? a.WallSeconds ?? 0), Runs = g.Count() })
            .ToListAsync(cancellationToken);
        var samples = await db.Samples.IgnoreQueryFilters([QueryFilters.Trash]).AsNoTracking().Where(s => s.CreatedAt >= from && s.CreatedAt < to)
            .GroupBy(s => s.CreatedBy).Select(g => new { UserId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var top = runs.OrderByDescending(r => r.Seconds).ThenByDescending(r => r.Runs).Take(10).ToList();
        var names = await accounts.DisplayNamesAsync(top.Select(t => t.UserId), cancellationToken);

        return new UsageDto(first.ToString(), last.ToString(), organization.StorageQuotaBytes, organization.StorageUsedBytes, arrangement.ProcessingHoursQuota,
            Math.Round(await UsageMeter.ProcessingHoursAsync(db, Month.Of(now), cancellationToken), 6),
            months.Select(m => new WorkspaceMonthDto(m.Month.ToString(), m.WorkspaceId, workspaceNames.GetValueOrDefault(m.WorkspaceId, "(deleted workspace)"),
                m.StorageGbMonths, m.StorageBytes, m.ProcessingHours, m.WallHours, m.Samples, m.Analyses, m.Reports)).ToList(),
            storage.GroupBy(s => s.Day).OrderBy(g => g.Key).Select(g => new StorageDayDto(g.Key, g.Sum(s => s.Bytes))).ToList(),
            top.Select(t => new UserUsageDto(t.UserId, names.GetValueOrDefault(t.UserId, "(former member)"), Math.Round(t.Seconds / 3600, 6), t.Runs,
                samples.SingleOrDefault(s => s.UserId == t.UserId)?.Count ?? 0)).ToList());
    }
}

/// <summary>My own usage in this organization, per month: what I ran, defined and uploaded (every member).</summary>
public sealed record GetMyUsage(Guid OrganizationId) : IQuery<MyUsageDto>, IOrganizationRequest, IMonthRange
{
    public string? From { get; init; }
    public string? To { get; init; }
}

public sealed class GetMyUsageHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock) : IQueryHandler<GetMyUsage, MyUsageDto>
{
    public async ValueTask<MyUsageDto> Handle(GetMyUsage query, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var (first, last) = MonthRange.Of(query, clock.GetUtcNow());
        var (from, to) = (first.Start, last.End);
        var runs = await db.Analyses.AsNoTracking().Where(a => a.LaunchedBy == me && a.EndedAt >= from && a.EndedAt < to)
            .Select(a => new { a.EndedAt, Cpu = a.CpuSeconds ?? a.WallSeconds ?? 0, Wall = a.WallSeconds ?? 0 }).ToListAsync(cancellationToken);
        var launched = await db.Analyses.AsNoTracking().Where(a => a.LaunchedBy == me && a.CreatedAt >= from && a.CreatedAt < to)
            .Select(a => a.CreatedAt).ToListAsync(cancellationToken);
        var samples = await db.Samples.IgnoreQueryFilters([QueryFilters.Trash]).AsNoTracking().Where(s => s.CreatedBy == me && s.CreatedAt >= from && s.CreatedAt < to)
            .Select(s => s.CreatedAt).ToListAsync(cancellationToken);
        var uploads = await db.StoredFiles.AsNoTracking().Where(f => f.UploadedBy == me && f.AnalysisId == null && f.UploadedAt >= from && f.UploadedAt < to)
            .Select(f => new { f.UploadedAt, f.SizeBytes }).ToListAsync(cancellationToken);
        return new MyUsageDto(first.ToString(), last.ToString(), Month.Range(first, last).Select(m =>
        {
            var ran = runs.Where(r => Month.Of(r.EndedAt!.Value) == m).ToList();
            return new MyMonthDto(m.ToString(), Math.Round(ran.Sum(r => r.Cpu) / 3600, 6), Math.Round(ran.Sum(r => r.Wall) / 3600, 6),
                launched.Count(at => Month.Of(at) == m), samples.Count(at => Month.Of(at) == m),
                uploads.Where(u => Month.Of(u.UploadedAt) == m).Sum(u => u.SizeBytes));
        }).ToList());
    }
}

using System.Globalization;
using VariantMiner.Domain.Usage;

namespace VariantMiner.Application.Usage;

/// <summary>A calendar month (UTC): what usage, quotas and statements count in.</summary>
public readonly record struct Month(int Year, int Number)
{
    public static Month Of(DateTimeOffset at) => new(at.UtcDateTime.Year, at.UtcDateTime.Month);
    public static Month Of(DateOnly day) => new(day.Year, day.Month);

    /// <summary>The years a month may be in (a range around them stays within the calendar's limits).</summary>
    public const int FirstYear = 2000, LastYear = 2200;

    public static bool TryParse(string? text, out Month month)
    {
        month = default;
        if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || day.Year is < FirstYear or > LastYear) return false;
        month = Of(day);
        return true;
    }

    public DateOnly FirstDay => new(Year, Number, 1);
    public int Days => DateTime.DaysInMonth(Year, Number);
    public DateTimeOffset Start => new(Year, Number, 1, 0, 0, 0, TimeSpan.Zero);
    public DateTimeOffset End => Start.AddMonths(1);
    public Month Next => Of(Start.AddMonths(1));
    public Month Previous => Of(Start.AddMonths(-1));

    public static IEnumerable<Month> Range(Month first, Month last)
    {
        for (var m = first; m.FirstDay <= last.FirstDay; m = m.Next) yield return m;
    }

    public override string ToString() => $"{Year:D4}-{Number:D2}";
}

/// <summary>One workspace's figures for one month.</summary>
internal sealed record WorkspaceMonth(Month Month, Guid WorkspaceId, double StorageGbMonths, long StorageBytes, double ProcessingHours, double WallHours,
    int Samples, int Analyses, int Reports);

/// <summary>
/// Usage from the facts the product records: bytes per workspace and day (<see cref="StorageSnapshot"/>), the CPU and
/// wall time of each finished run, counted in the month it ended, and the samples, analyses and reports created.
/// Processing hours are CPU hours (wall hours for a run whose engine could not measure CPU). Reads the current
/// organization only (the tenant filters).
/// </summary>
internal static class UsageMeter
{
    public const double BytesPerGb = 1e9;

    /// <summary>How far back a day without a measurement looks for the last one.</summary>
    public const int CarryDays = 62;

    public static async Task<double> ProcessingHoursAsync(IApplicationDbContext db, Month month, CancellationToken cancellationToken) =>
        await db.Analyses.Where(a => a.EndedAt >= month.Start && a.EndedAt < month.End)
            .SumAsync(a => a.CpuSeconds ?? a.WallSeconds ?? 0, cancellationToken) / 3600;

    public static async Task<IReadOnlyList<WorkspaceMonth>> MonthsAsync(IApplicationDbContext db, Month first, Month last, DateOnly today,
        CancellationToken cancellationToken)
    {
        var (from, to) = (first.Start, last.End);
        var runs = await db.Analyses.AsNoTracking().Where(a => a.EndedAt >= from && a.EndedAt < to)
            .Select(a => new { a.WorkspaceId, a.EndedAt, Cpu = a.CpuSeconds ?? a.WallSeconds ?? 0, Wall = a.WallSeconds ?? 0 }).ToListAsync(cancellationToken);
        // Samples in the trash were created (and billed) all the same.
        var samples = await db.Samples.IgnoreQueryFilters([QueryFilters.Trash]).AsNoTracking().Where(s => s.CreatedAt >= from && s.CreatedAt < to)
            .Select(s => new { s.WorkspaceId, s.CreatedAt }).ToListAsync(cancellationToken);
        var analyses = await db.Analyses.AsNoTracking().Where(a => a.CreatedAt >= from && a.CreatedAt < to)
            .Select(a => new { a.WorkspaceId, a.CreatedAt }).ToListAsync(cancellationToken);
        var reports = await db.Reports.AsNoTracking().Where(r => r.CreatedAt >= from && r.CreatedAt < to)
            .Select(r => new { r.WorkspaceId, r.CreatedAt }).ToListAsync(cancellationToken);
        var storage = await StorageByDayAsync(db, first, last, today, cancellationToken);

        var ran = runs.ToLookup(r => (Month.Of(r.EndedAt!.Value), r.WorkspaceId));
        var defined = samples.ToLookup(s => (Month.Of(s.CreatedAt), s.WorkspaceId));
        var launched = analyses.ToLookup(a => (Month.Of(a.CreatedAt), a.WorkspaceId));
        var drafted = reports.ToLookup(r => (Month.Of(r.CreatedAt), r.WorkspaceId));
        var held = storage.ToLookup(s => (Month.Of(s.Day), s.WorkspaceId));
        var keys = ran.Select(g => g.Key).Concat(defined.Select(g => g.Key)).Concat(launched.Select(g => g.Key)).Concat(drafted.Select(g => g.Key))
            .Concat(held.Select(g => g.Key)).Distinct().OrderBy(k => k.Item1.FirstDay).ThenBy(k => k.WorkspaceId);
        return keys.Select(k =>
        {
            var (month, workspaceId) = k;
            var days = held[k].ToList();
            return new WorkspaceMonth(month, workspaceId,
                Math.Round(days.Sum(d => (double)d.Bytes) / BytesPerGb / month.Days, 6),
                days.Count == 0 ? 0 : days.MaxBy(d => d.Day).Bytes,
                Math.Round(ran[k].Sum(r => r.Cpu) / 3600, 6), Math.Round(ran[k].Sum(r => r.Wall) / 3600, 6),
                defined[k].Count(), launched[k].Count(), drafted[k].Count());
        }).ToList();
    }

    /// <summary>
    /// Bytes per workspace for every day of the months up to today: the day's snapshot, or the last one before it (a day
    /// the job did not run holds what the day before held).
    /// </summary>
    public static async Task<IReadOnlyList<(Guid WorkspaceId, DateOnly Day, long Bytes)>> StorageByDayAsync(IApplicationDbContext db, Month first, Month last,
        DateOnly today, CancellationToken cancellationToken)
    {
        var (start, end) = (first.FirstDay, last.Next.FirstDay);
        var snapshots = await db.StorageSnapshots.AsNoTracking().Where(s => s.Day < end && s.Day >= start.AddDays(-CarryDays))
            .Select(s => new { s.WorkspaceId, s.Day, s.Bytes }).ToListAsync(cancellationToken);
        var result = new List<(Guid, DateOnly, long)>();
        foreach (var workspace in snapshots.GroupBy(s => s.WorkspaceId))
        {
            var byDay = workspace.ToDictionary(s => s.Day, s => s.Bytes);
            long? held = workspace.Where(s => s.Day < start).OrderBy(s => s.Day).LastOrDefault()?.Bytes;
            for (var day = start; day < end && day <= today; day = day.AddDays(1))
            {
                if (byDay.TryGetValue(day, out var bytes)) held = bytes;
                if (held is { } b) result.Add((workspace.Key, day, b));
            }
        }
        return result;
    }
}

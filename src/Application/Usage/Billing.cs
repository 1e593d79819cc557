using System.Globalization;
using System.Text;
using System.Text.Json;
using FluentValidation.Results;
using VariantMiner.Domain.Usage;

namespace VariantMiner.Application.Usage;

/// <param name="ProcessingHoursQuota">CPU hours a calendar month may use (launches are refused once used up); null: no limit.</param>
public sealed record BillingDto(string PlanName, string Currency, decimal PricePerGbMonth, decimal PricePerCpuHour, decimal PricePerSample, decimal MonthlyFee,
    double? ProcessingHoursQuota, double ProcessingHoursThisMonth, long StorageQuotaBytes, long StorageUsedBytes);

/// <param name="Unit">GB-month, CPU hour, sample or month.</param>
/// <summary>An organization's plan and prices as a platform administrator set them.</summary>
public sealed record BillingArrangementDto(Guid OrganizationId, string PlanName, string Currency, decimal PricePerGbMonth, decimal PricePerCpuHour,
    decimal PricePerSample, decimal MonthlyFee);

public sealed record StatementLineDto(string Description, decimal Quantity, string Unit, decimal UnitPrice, decimal Amount);

/// <param name="Closed">A closed month's statement is stored and never changes; an open one (this month, or a past month
/// not closed yet) is computed from the figures as they are now.</param>
public sealed record StatementDto(string Month, bool Closed, DateTimeOffset? ClosedAt, string PlanName, string Currency, IReadOnlyList<StatementLineDto> Lines,
    decimal Total);

public sealed record StatementSummaryDto(string Month, bool Closed, string Currency, decimal Total);

/// <summary>Reading the arrangement, computing and closing statements, writing them as CSV.</summary>
public static class Billing
{
    internal static async Task<BillingArrangement> ArrangementAsync(IApplicationDbContext db, Guid organizationId, CancellationToken cancellationToken) =>
        await db.BillingArrangements.SingleOrDefaultAsync(a => a.OrganizationId == organizationId, cancellationToken) ?? BillingArrangement.Default(organizationId);

    internal static async Task<BillingDto> ReadAsync(IApplicationDbContext db, Guid organizationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var a = await ArrangementAsync(db, organizationId, cancellationToken);
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, cancellationToken);
        return new BillingDto(a.PlanName, a.Currency, a.PricePerGbMonth, a.PricePerCpuHour, a.PricePerSample, a.MonthlyFee, a.ProcessingHoursQuota,
            Math.Round(await UsageMeter.ProcessingHoursAsync(db, Month.Of(now), cancellationToken), 6), organization.StorageQuotaBytes, organization.StorageUsedBytes);
    }

    /// <summary>The month's statement as the figures and prices are now: storage, processing and samples per workspace, the monthly fee.</summary>
    internal static async Task<StatementDto> ComputeAsync(IApplicationDbContext db, Guid organizationId, Month month, DateOnly today, CancellationToken cancellationToken)
    {
        var a = await ArrangementAsync(db, organizationId, cancellationToken);
        var figures = await UsageMeter.MonthsAsync(db, month, month, today, cancellationToken);
        var names = await db.Workspaces.ToDictionaryAsync(w => w.Id, w => w.Name, cancellationToken);
        string Name(Guid id) => names.GetValueOrDefault(id, "(deleted workspace)");
        static decimal Quantity(double value) => Math.Round((decimal)value, 3);
        StatementLineDto Line(string description, decimal quantity, string unit, decimal price) =>
            new(description, quantity, unit, price, Math.Round(quantity * price, 2, MidpointRounding.AwayFromZero));
        var lines = new List<StatementLineDto>();
        foreach (var w in figures.OrderBy(f => Name(f.WorkspaceId), StringComparer.OrdinalIgnoreCase))
        {
            if (w.StorageGbMonths > 0) lines.Add(Line($"Storage — {Name(w.WorkspaceId)}", Quantity(w.StorageGbMonths), "GB-month", a.PricePerGbMonth));
            if (w.ProcessingHours > 0) lines.Add(Line($"Processing — {Name(w.WorkspaceId)}", Quantity(w.ProcessingHours), "CPU hour", a.PricePerCpuHour));
            if (w.Samples > 0) lines.Add(Line($"Samples — {Name(w.WorkspaceId)}", w.Samples, "sample", a.PricePerSample));
        }
        if (a.MonthlyFee > 0) lines.Add(Line($"{a.PlanName} plan", 1, "month", a.MonthlyFee));
        return new StatementDto(month.ToString(), false, null, a.PlanName, a.Currency, lines, lines.Sum(l => l.Amount));
    }

    internal static StatementDto From(Statement s) => new(Month.Of(s.Month).ToString(), true, s.ClosedAt, s.PlanName, s.Currency,
        JsonSerializer.Deserialize<List<StatementLineDto>>(s.LinesJson, Json)!, s.Total);

    /// <summary>
    /// The first month billed: the month the usage job first measured the organization's storage (metering began) — no
    /// statement is made of months nothing was measured in. This month when nothing was measured yet.
    /// </summary>
    internal static async Task<Month> FirstMonthAsync(IApplicationDbContext db, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.StorageSnapshots.MinAsync(s => (DateOnly?)s.Day, cancellationToken) is { } first ? Month.Of(first) : Month.Of(now);

    /// <summary>The processing quota in CPU hours a month (null: none).</summary>
    internal static Task<double?> ProcessingQuotaAsync(IApplicationDbContext db, Guid organizationId, CancellationToken cancellationToken) =>
        db.BillingArrangements.Where(a => a.OrganizationId == organizationId).Select(a => a.ProcessingHoursQuota).SingleOrDefaultAsync(cancellationToken);

    /// <summary>Stores the statement of every billed month before this one not stored yet.</summary>
    internal static async Task<int> CloseDueMonthsAsync(IApplicationDbContext db, Guid organizationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var last = Month.Of(now).Previous;
        var first = await FirstMonthAsync(db, now, cancellationToken);
        if (first.FirstDay > last.FirstDay) return 0;
        var closed = await db.Statements.Select(s => s.Month).ToListAsync(cancellationToken);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var count = 0;
        foreach (var month in Month.Range(first, last).Where(m => !closed.Contains(m.FirstDay)))
        {
            var statement = await ComputeAsync(db, organizationId, month, today, cancellationToken);
            db.Statements.Add(new Statement(organizationId, month.FirstDay, statement.PlanName, statement.Currency,
                JsonSerializer.Serialize(statement.Lines, Json), statement.Total, now));
            count++;
        }
        return count;
    }

    public static string Csv(StatementDto s)
    {
        var csv = new StringBuilder("month,description,quantity,unit,unit_price,amount,currency\n");
        foreach (var l in s.Lines)
            csv.Append(CultureInfo.InvariantCulture,
                $"{s.Month},{CsvCell.Of(l.Description)},{l.Quantity:0.###},{CsvCell.Of(l.Unit)},{l.UnitPrice:0.00##},{l.Amount:0.00},{s.Currency}\n");
        csv.Append(CultureInfo.InvariantCulture, $"{s.Month},Total,,,,{s.Total:0.00},{s.Currency}\n");
        return csv.ToString();
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

/// <summary>The plan, prices and processing quota, with this month's processing and the storage figures (organization.billing.manage).</summary>
[RequiresPermission(Permissions.OrganizationBillingManage)]
public sealed record GetBillingSettings(Guid OrganizationId) : IQuery<BillingDto>, IOrganizationRequest;

public sealed class GetBillingSettingsHandler(IApplicationDbContext db, TimeProvider clock) : IQueryHandler<GetBillingSettings, BillingDto>
{
    public async ValueTask<BillingDto> Handle(GetBillingSettings query, CancellationToken cancellationToken) =>
        await Billing.ReadAsync(db, query.OrganizationId, clock.GetUtcNow(), cancellationToken);
}

/// <summary>Sets the monthly processing quota in CPU hours, or none (organization.billing.manage). The prices are the platform's.</summary>
[RequiresPermission(Permissions.OrganizationBillingManage)]
public sealed record SetBillingSettings(double? ProcessingHoursQuota) : ICommand<BillingDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class SetBillingSettingsHandler(IApplicationDbContext db, TimeProvider clock) : ICommandHandler<SetBillingSettings, BillingDto>
{
    public async ValueTask<BillingDto> Handle(SetBillingSettings command, CancellationToken cancellationToken)
    {
        var arrangement = await StoredArrangementAsync(db, command.OrganizationId, cancellationToken);
        try
        {
            arrangement.SetProcessingQuota(command.ProcessingHoursQuota);
        }
        catch (Domain.Common.DomainException e)
        {
            throw new ValidationException([new ValidationFailure("processingHoursQuota", e.Message)]);
        }
        await db.SaveChangesAsync(cancellationToken);
        return await Billing.ReadAsync(db, command.OrganizationId, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>The stored arrangement (created from the default on first change), with its organization tracked so the change is audited under it.</summary>
    internal static async Task<BillingArrangement> StoredArrangementAsync(IApplicationDbContext db, Guid organizationId, CancellationToken cancellationToken)
    {
        _ = await db.Organizations.SingleOrDefaultAsync(o => o.Id == organizationId, cancellationToken) ?? throw new NotFoundException("The organization");
        if (await db.BillingArrangements.SingleOrDefaultAsync(a => a.OrganizationId == organizationId, cancellationToken) is { } stored) return stored;
        var created = BillingArrangement.Default(organizationId);
        db.BillingArrangements.Add(created);
        return created;
    }
}

/// <summary>A custom arrangement: plan name, currency and prices of one organization (platform administrators).</summary>
[RequiresPlatformAdmin]
public sealed record SetBillingArrangement(string PlanName, string Currency, decimal PricePerGbMonth, decimal PricePerCpuHour, decimal PricePerSample,
    decimal MonthlyFee) : ICommand<BillingArrangementDto>
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class SetBillingArrangementHandler(IApplicationDbContext db) : ICommandHandler<SetBillingArrangement, BillingArrangementDto>
{
    public async ValueTask<BillingArrangementDto> Handle(SetBillingArrangement command, CancellationToken cancellationToken)
    {
        var arrangement = await SetBillingSettingsHandler.StoredArrangementAsync(db, command.OrganizationId, cancellationToken);
        try
        {
            arrangement.SetPrices(command.PlanName ?? "", command.Currency ?? "", command.PricePerGbMonth, command.PricePerCpuHour, command.PricePerSample,
                command.MonthlyFee);
        }
        catch (Domain.Common.DomainException e)
        {
            throw new ValidationException([new ValidationFailure("arrangement", e.Message)]);
        }
        await db.SaveChangesAsync(cancellationToken);
        // Outside any organization's scope: the arrangement only, not the organization's usage.
        return new BillingArrangementDto(arrangement.OrganizationId, arrangement.PlanName, arrangement.Currency, arrangement.PricePerGbMonth,
            arrangement.PricePerCpuHour, arrangement.PricePerSample, arrangement.MonthlyFee);
    }
}

/// <summary>Every billed month, newest first: closed ones as stored, this month (and a month not closed yet) as it stands.</summary>
[RequiresPermission(Permissions.OrganizationBillingManage)]
public sealed record ListStatements(Guid OrganizationId) : IQuery<IReadOnlyList<StatementSummaryDto>>, IOrganizationRequest;

public sealed class ListStatementsHandler(IApplicationDbContext db, TimeProvider clock) : IQueryHandler<ListStatements, IReadOnlyList<StatementSummaryDto>>
{
    public async ValueTask<IReadOnlyList<StatementSummaryDto>> Handle(ListStatements query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var closed = (await db.Statements.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(s => Month.Of(s.Month));
        var result = new List<StatementSummaryDto>();
        foreach (var month in Month.Range(await Billing.FirstMonthAsync(db, now, cancellationToken), Month.Of(now)).Reverse().Take(MonthRange.MaxMonths))
        {
            if (closed.TryGetValue(month, out var s)) result.Add(new StatementSummaryDto(month.ToString(), true, s.Currency, s.Total));
            else
            {
                var open = await Billing.ComputeAsync(db, query.OrganizationId, month, DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
                result.Add(new StatementSummaryDto(month.ToString(), false, open.Currency, open.Total));
            }
        }
        return result;
    }
}

/// <summary>One month's statement, line by line (organization.billing.manage).</summary>
[RequiresPermission(Permissions.OrganizationBillingManage)]
public sealed record GetStatement(Guid OrganizationId, string Month) : IQuery<StatementDto>, IOrganizationRequest;

public sealed class GetStatementHandler(IApplicationDbContext db, TimeProvider clock) : IQueryHandler<GetStatement, StatementDto>
{
    public async ValueTask<StatementDto> Handle(GetStatement query, CancellationToken cancellationToken)
    {
        if (!Month.TryParse(query.Month, out var month))
            throw new ValidationException([new ValidationFailure("month", "The month is written yyyy-MM, such as 2026-09.")]);
        var now = clock.GetUtcNow();
        if (month.FirstDay < (await Billing.FirstMonthAsync(db, now, cancellationToken)).FirstDay || month.FirstDay > Month.Of(now).FirstDay)
            throw new NotFoundException("The statement");
        var day = month.FirstDay;
        return await db.Statements.AsNoTracking().SingleOrDefaultAsync(s => s.Month == day, cancellationToken) is { } stored
            ? Billing.From(stored)
            : await Billing.ComputeAsync(db, query.OrganizationId, month, DateOnly.FromDateTime(now.UtcDateTime), cancellationToken);
    }
}

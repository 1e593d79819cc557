using VariantMiner.Application.Analyses;
using VariantMiner.Application.Orders;
using VariantMiner.Application.Reports;
using VariantMiner.Application.Usage;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Orders;
using VariantMiner.Domain.Reports;

namespace VariantMiner.Application.Organizations.Queries.GetWorkOverview;

public sealed record WorkRunDto(Guid Id, Guid WorkspaceId, string WorkspaceName, string Name, string Status, DateTimeOffset At);

public sealed record WorkOrderDto(Guid Id, Guid WorkspaceId, string WorkspaceName, string Test, string Priority, DateOnly DueDate, bool Overdue);

/// <param name="SecondSignature">Signed once under the two-person rule: it waits for another person's signature.</param>
public sealed record WorkReportDto(Guid Id, Guid WorkspaceId, string WorkspaceName, string Title, bool SecondSignature, DateTimeOffset UpdatedAt);

/// <summary>
/// What needs attention in the organization, across the workspaces I enter and only what I may see: each list has its
/// full count and its first ten.
/// </summary>
/// <param name="Running">Queued, starting, running or being cancelled; oldest first.</param>
/// <param name="Failed">Failed in the last <see cref="GetWorkOverview.FailedDays"/> days; newest first.</param>
/// <param name="OrdersDue">Open orders overdue or due within <see cref="GetWorkOverview.DueDays"/> days; soonest first.</param>
/// <param name="AwaitingSignature">Reports ready for a signature I may give (only for those who sign reports); oldest first.</param>
/// <param name="ProcessingHoursThisMonth">The organization's processing this month and its quota: only for those who see its usage
/// (organization.analytics.view) or manage its billing; null for others.</param>
public sealed record WorkOverviewDto(int RunningCount, IReadOnlyList<WorkRunDto> Running, int FailedCount, IReadOnlyList<WorkRunDto> Failed,
    int OrdersDueCount, IReadOnlyList<WorkOrderDto> OrdersDue, int AwaitingSignatureCount, IReadOnlyList<WorkReportDto> AwaitingSignature,
    long StorageUsedBytes, long StorageQuotaBytes, double? ProcessingHoursThisMonth, double? ProcessingHoursQuota);

/// <summary>The dashboard's work lists and quotas (every member; each list filtered by what they may see).</summary>
public sealed record GetWorkOverview(Guid OrganizationId) : IQuery<WorkOverviewDto>, IOrganizationRequest
{
    public const int FailedDays = 14, DueDays = 7, Shown = 10;
}

public sealed class GetWorkOverviewHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, TimeProvider clock)
    : IQueryHandler<GetWorkOverview, WorkOverviewDto>
{
    private static readonly AnalysisStatus[] InProgress = [AnalysisStatus.QUEUED, AnalysisStatus.INITIALIZING, AnalysisStatus.RUNNING, AnalysisStatus.CANCELING];
    private static readonly AnalysisStatus[] Failures = [AnalysisStatus.EXECUTOR_ERROR, AnalysisStatus.SYSTEM_ERROR];

    public async ValueTask<WorkOverviewDto> Handle(GetWorkOverview query, CancellationToken cancellationToken)
    {
        var access = scope.Access;
        var me = currentUser.UserId!.Value;
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var (failedSince, dueBy) = (now.AddDays(-GetWorkOverview.FailedDays), today.AddDays(GetWorkOverview.DueDays));
        var enterable = access.EnterableWorkspaceIds.ToList();
        var names = await db.Workspaces.Where(w => enterable.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, cancellationToken);
        var signs = access.Has(Permissions.ReportsSign);

        var (runningCount, failedCount, dueCount, awaitingCount) = (0, 0, 0, 0);
        var running = new List<Analysis>();
        var failed = new List<Analysis>();
        var due = new List<Order>();
        var awaiting = new List<Report>();
        // One workspace at a time: each visibility rule is the workspace's own (the routes use the same ones).
        foreach (var workspaceId in names.Keys)
        {
            var runs = AnalysisVisibility.VisibleAnalyses(db, access, me, workspaceId).AsNoTracking();
            var active = runs.Where(a => InProgress.Contains(a.Status));
            runningCount += await active.CountAsync(cancellationToken);
            running.AddRange(await active.Include(a => a.Samples).OrderBy(a => a.CreatedAt).Take(GetWorkOverview.Shown).ToListAsync(cancellationToken));
            var broken = runs.Where(a => Failures.Contains(a.Status) && a.EndedAt >= failedSince);
            failedCount += await broken.CountAsync(cancellationToken);
            failed.AddRange(await broken.Include(a => a.Samples).OrderByDescending(a => a.EndedAt).Take(GetWorkOverview.Shown).ToListAsync(cancellationToken));

            var orders = OrderVisibility.Visible(db, access, me, workspaceId).AsNoTracking()
                .Where(o => (o.Status == OrderStatus.Received || o.Status == OrderStatus.InProgress) && o.Details.DueDate != null && o.Details.DueDate <= dueBy);
            dueCount += await orders.CountAsync(cancellationToken);
            due.AddRange(await orders.OrderBy(o => o.Details.DueDate).Take(GetWorkOverview.Shown).ToListAsync(cancellationToken));

            if (!signs) continue;
            var ready = ReportAccess.Visible(db, access, me, workspaceId).AsNoTracking()
                .Where(r => r.Versions.Any(v => v.SignedAt == null && v.Status == ReportStatus.Preliminary && (v.FirstSignedBy == null || v.FirstSignedBy != me)));
            awaitingCount += await ready.CountAsync(cancellationToken);
            awaiting.AddRange(await ready.Include(r => r.Versions).OrderBy(r => r.CreatedAt).Take(GetWorkOverview.Shown).ToListAsync(cancellationToken));
        }

        var runNames = await AnalysisNames.OfManyAsync(db, [.. running, .. failed], cancellationToken);
        WorkRunDto Run(Analysis a, DateTimeOffset at) => new(a.Id, a.WorkspaceId, names[a.WorkspaceId], runNames[a.Id], a.Status.ToString(), at);
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == query.OrganizationId, cancellationToken);
        var seesUsage = access.Has(Permissions.OrganizationAnalyticsView) || access.Has(Permissions.OrganizationBillingManage);

        return new WorkOverviewDto(
            runningCount, running.OrderBy(a => a.CreatedAt).Take(GetWorkOverview.Shown).Select(a => Run(a, a.StartedAt ?? a.CreatedAt)).ToList(),
            failedCount, failed.OrderByDescending(a => a.EndedAt).Take(GetWorkOverview.Shown).Select(a => Run(a, a.EndedAt!.Value)).ToList(),
            dueCount, due.OrderBy(o => o.Details.DueDate).Take(GetWorkOverview.Shown)
                .Select(o => new WorkOrderDto(o.Id, o.WorkspaceId, names[o.WorkspaceId], o.Details.Test, OrderNames.Of(o.Details.Priority), o.Details.DueDate!.Value,
                    o.IsOverdue(today))).ToList(),
            awaitingCount, awaiting.OrderBy(r => r.CreatedAt).Take(GetWorkOverview.Shown)
                .Select(r => new WorkReportDto(r.Id, r.WorkspaceId, names[r.WorkspaceId], r.Title, r.Current.AwaitsSecondSignature, r.Current.UpdatedAt)).ToList(),
            organization.StorageUsedBytes, organization.StorageQuotaBytes,
            seesUsage ? Math.Round(await UsageMeter.ProcessingHoursAsync(db, Month.Of(now), cancellationToken), 6) : null,
            seesUsage ? await Billing.ProcessingQuotaAsync(db, query.OrganizationId, cancellationToken) : null);
    }
}

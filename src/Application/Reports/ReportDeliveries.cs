using VariantMiner.Application.Notifications;
using VariantMiner.Domain.Authorization;
using VariantMiner.Domain.Notifications;
using VariantMiner.Domain.Reports;

namespace VariantMiner.Application.Reports;

/// <param name="Status">pending (waiting or to be tried again at nextAttemptAt), delivered or failed.</param>
/// <param name="Rounds">Rounds tried (each round is several attempts for passing failures).</param>
/// <param name="RemoteLocation">Where the FHIR server keeps the report, when it said.</param>
public sealed record ReportDeliveryDto(Guid Id, int Version, string Endpoint, string Status, int Rounds, int? LastStatusCode, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, string? RemoteLocation)
{
    internal static ReportDeliveryDto From(ReportDelivery d) => new(d.Id, d.VersionNumber, d.Endpoint, d.Status.ToString().ToLowerInvariant(), d.Rounds,
        d.LastStatusCode, d.LastError, d.CreatedAt, d.NextAttemptAt, d.DeliveredAt, d.RemoteLocation);
}

/// <summary>Final reports on their way to the organization's FHIR server (integration settings): queued with the signature, sent by a worker.</summary>
public static class ReportDeliveries
{
    /// <summary>
    /// Queues <paramref name="version"/> for the organization's FHIR server when one is set; saved with the caller's
    /// change (the same transaction). Returns whether it was queued.
    /// </summary>
    internal static async Task<bool> QueueAsync(IApplicationDbContext db, Report report, ReportVersion version, Guid by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var settings = await db.IntegrationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == report.OrganizationId, cancellationToken);
        if (settings?.FhirBaseUrl is not { } endpoint) return false;
        db.ReportDeliveries.Add(new ReportDelivery(report.OrganizationId, report.WorkspaceId, report.Id, version.Id, version.Number, endpoint, by, at));
        return true;
    }

    internal static async Task<IReadOnlyList<ReportDeliveryDto>> OfAsync(IApplicationDbContext db, Guid reportId, CancellationToken cancellationToken) =>
        (await db.ReportDeliveries.AsNoTracking().Where(d => d.ReportId == reportId).OrderByDescending(d => d.CreatedAt).Take(20).ToListAsync(cancellationToken))
        .Select(ReportDeliveryDto.From).ToList();

    /// <summary>What is sent: the signed version as a FHIR transaction (see <see cref="FhirReport.AsTransaction"/>), read in the delivery's organization.</summary>
    public static async Task<string> TransactionAsync(IApplicationDbContext db, ReportDelivery delivery, CancellationToken cancellationToken)
    {
        var report = await db.Reports.AsNoTracking().Include(r => r.Versions).SingleAsync(r => r.Id == delivery.ReportId, cancellationToken);
        var version = report.Versions.Single(v => v.Id == delivery.VersionId);
        return FhirReport.ToJson(FhirReport.AsTransaction(await ReportAccess.FhirBundleAsync(db, report, version, cancellationToken)));
    }

    /// <summary>
    /// Tells the person who signed (or sent it again) and the organization's settings managers — those who may see the
    /// report — that it did not reach the FHIR server, as their notification settings say (saved with the failure). The
    /// server's answer stays on the report's page: it may quote patient data, so it is not put in an e-mail.
    /// </summary>
    public static async Task NotifyFailureAsync(IApplicationDbContext db, NotificationFanOut fanOut, ReportDelivery delivery, CancellationToken cancellationToken)
    {
        var title = await db.Reports.Where(r => r.Id == delivery.ReportId).Select(r => r.Title).SingleAsync(cancellationToken);
        var managers = await fanOut.HoldersOfAsync(Permissions.OrganizationSettingsManage, cancellationToken);
        await fanOut.SendAsync(delivery.OrganizationId, NotificationEvents.ReportNotDelivered, managers.Append(delivery.RequestedBy),
            (access, userId) => ReportAccess.Visible(db, access, userId, delivery.WorkspaceId).AnyAsync(r => r.Id == delivery.ReportId, cancellationToken),
            $"Report not delivered to the FHIR server: {title} (version {delivery.VersionNumber})",
            $"/orgs/{delivery.OrganizationId}/workspaces/{delivery.WorkspaceId}/reports/{delivery.ReportId}", cancellationToken);
    }
}

/// <summary>
/// Sends the current signed version to the organization's FHIR server again (reports.sign) — after a failure, or to a
/// newly configured server. 409 when the current version is not signed, no server is set, or a delivery is pending.
/// </summary>
[RequiresPermission(Permissions.ReportsSign)]
public sealed record SendReport : ICommand<ReportDto>, IWorkspaceRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkspaceId { get; init; }
    [JsonIgnore] public Guid ReportId { get; init; }
}

public sealed class SendReportHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock)
    : ICommandHandler<SendReport, ReportDto>
{
    public async ValueTask<ReportDto> Handle(SendReport command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var report = await ReportAccess.FindAsync(db, scope.Access, me, command.WorkspaceId, command.ReportId, cancellationToken);
        var version = report.Versions.Where(v => v.IsSigned).MaxBy(v => v.Number)
            ?? throw new ConflictException("Only a signed version is sent to the FHIR server: sign the report first.");
        if (await db.ReportDeliveries.AnyAsync(d => d.ReportId == report.Id && d.Status == Domain.Integrations.DeliveryStatus.Pending, cancellationToken))
            throw new ConflictException("A delivery of this report is still pending: wait for it to succeed or fail.");
        if (!await ReportDeliveries.QueueAsync(db, report, version, me, clock.GetUtcNow(), cancellationToken))
            throw new ConflictException("No FHIR server is set for the organization: set one in the integration settings first.");
        await db.SaveChangesAsync(cancellationToken);
        return await ReportAccess.ToDtoAsync(db, report, accounts, cancellationToken);
    }
}

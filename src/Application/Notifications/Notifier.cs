using VariantMiner.Application.Analyses;
using VariantMiner.Application.Reports;
using VariantMiner.Application.Samples;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Files;
using VariantMiner.Domain.Invitations;
using VariantMiner.Domain.Notifications;
using VariantMiner.Domain.Reports;

namespace VariantMiner.Application.Notifications;

/// <summary>
/// What each event says, to whom, and who may see it (<see cref="NotificationFanOut"/> does the telling). Runs when the
/// change is saved, in its transaction; what it checks against the database is what was there before this save, so an
/// assignment being saved grants its own visibility here (the person may enter the workspace).
/// </summary>
internal sealed class Notifier(IApplicationDbContext db, NotificationFanOut fanOut) :
    IDomainEventHandler<FileUploaded>, IDomainEventHandler<AnalysisFinished>, IDomainEventHandler<AnalysisAssigneesChanged>,
    IDomainEventHandler<SampleAssigneesChanged>, IDomainEventHandler<ReportAwaitingSignature>, IDomainEventHandler<ReportSigned>,
    IDomainEventHandler<InvitationAccepted>
{
    private static string Workspace(Guid organizationId, Guid workspaceId) => $"/orgs/{organizationId}/workspaces/{workspaceId}";

    public Task HandleAsync(FileUploaded e, CancellationToken cancellationToken)
    {
        var f = e.File;
        return fanOut.SendAsync(f.OrganizationId, NotificationEvents.UploadFinished, [f.UploadedBy],
            async (access, userId) => access.CanEnter(f.WorkspaceId) && (f.SampleId is not { } sampleId
                || await SampleVisibility.VisibleSamples(db.Samples, access, userId, f.WorkspaceId).AnyAsync(s => s.Id == sampleId, cancellationToken)),
            $"Upload finished: {f.Name}",
            f.SampleId is { } sample ? $"{Workspace(f.OrganizationId, f.WorkspaceId)}/samples/{sample}" : $"{Workspace(f.OrganizationId, f.WorkspaceId)}/files",
            cancellationToken, tellActor: true); // a long upload ends while its uploader looks elsewhere
    }

    public async Task HandleAsync(AnalysisFinished e, CancellationToken cancellationToken)
    {
        var run = e.Analysis;
        var complete = run.Status == AnalysisStatus.COMPLETE;
        var name = await AnalysisNames.OfAsync(db, run, cancellationToken);
        await fanOut.SendAsync(run.OrganizationId, complete ? NotificationEvents.AnalysisFinished : NotificationEvents.AnalysisFailed,
            run.Assignments.Select(a => a.UserId).Append(run.LaunchedBy),
            (access, userId) => AnalysisVisibility.VisibleAnalyses(db, access, userId, run.WorkspaceId).AnyAsync(a => a.Id == run.Id, cancellationToken),
            complete ? $"Analysis complete: {name}" : $"Analysis failed: {name}",
            $"{Workspace(run.OrganizationId, run.WorkspaceId)}/analyses/{run.Id}", cancellationToken);
    }

    public async Task HandleAsync(AnalysisAssigneesChanged e, CancellationToken cancellationToken)
    {
        var run = e.Analysis;
        if (e.Added.Count == 0) return; // only unassigned: nothing was assigned to anyone
        await fanOut.SendAsync(run.OrganizationId, NotificationEvents.AnalysisAssigned, e.Added,
            (access, _) => Task.FromResult(access.CanEnter(run.WorkspaceId)),
            $"An analysis was assigned to you: {await AnalysisNames.OfAsync(db, run, cancellationToken)}",
            $"{Workspace(run.OrganizationId, run.WorkspaceId)}/analyses/{run.Id}", cancellationToken);
    }

    public Task HandleAsync(SampleAssigneesChanged e, CancellationToken cancellationToken)
    {
        var s = e.Sample;
        if (e.Added.Count == 0) return Task.CompletedTask; // only unassigned: nothing was assigned to anyone
        // Being assigned shows the sample only to those whose role sees assigned (or all) samples.
        return fanOut.SendAsync(s.OrganizationId, NotificationEvents.SampleAssigned, e.Added,
            (access, _) => Task.FromResult(access.CanEnter(s.WorkspaceId) && SampleVisibility.SeesSamples(access)),
            $"A sample was assigned to you: {s.Name}", $"{Workspace(s.OrganizationId, s.WorkspaceId)}/samples/{s.Id}", cancellationToken);
    }

    public async Task HandleAsync(ReportAwaitingSignature e, CancellationToken cancellationToken)
    {
        var r = e.Report;
        // Those whose role may sign (the fan-out checks each one's access and visibility).
        var members = await fanOut.HoldersOfAsync(Permissions.ReportsSign, cancellationToken);
        await fanOut.SendAsync(r.OrganizationId, NotificationEvents.ReportAwaitingSignature, members.Where(m => m != e.FirstSigner),
            async (access, userId) => access.Has(Permissions.ReportsSign) && await SeesAsync(r, access, userId, cancellationToken),
            e.FirstSigner is null ? $"A report is ready for your signature: {r.Title}" : $"A report awaits a second signature: {r.Title}",
            $"{Workspace(r.OrganizationId, r.WorkspaceId)}/reports/{r.Id}", cancellationToken);
    }

    public Task HandleAsync(ReportSigned e, CancellationToken cancellationToken)
    {
        var r = e.Report;
        return fanOut.SendAsync(r.OrganizationId, NotificationEvents.ReportSigned, [r.CreatedBy],
            (access, userId) => SeesAsync(r, access, userId, cancellationToken),
            $"Report signed: {r.Title} (version {e.Version.Number})", $"{Workspace(r.OrganizationId, r.WorkspaceId)}/reports/{r.Id}", cancellationToken);
    }

    public Task HandleAsync(InvitationAccepted e, CancellationToken cancellationToken)
    {
        var i = e.Invitation;
        return fanOut.SendAsync(i.OrganizationId, NotificationEvents.InvitationAccepted, [i.InvitedBy],
            (access, _) => Task.FromResult(access.Has(Permissions.UsersManage)),
            $"{i.Email} accepted your invitation", $"/orgs/{i.OrganizationId}/members", cancellationToken);
    }

    private Task<bool> SeesAsync(Report report, OrganizationAccess access, Guid userId, CancellationToken cancellationToken) =>
        ReportAccess.Visible(db, access, userId, report.WorkspaceId).AnyAsync(x => x.Id == report.Id, cancellationToken);
}

using VariantMiner.Application.Analyses;
using VariantMiner.Application.Reports;
using VariantMiner.Application.Samples;
using VariantMiner.Domain.Analyses;

namespace VariantMiner.Application.Access;

/// <param name="Kind">membership, workspace, permission, assignment, sub-analysis, sample.</param>
/// <param name="Holds">Whether this link of the chain holds for the person.</param>
public sealed record AccessStepDto(string Kind, bool Holds, string Text);

/// <param name="Kind">grant-workspace, assign-sample, assign-analysis or add-permission (to the person's role).</param>
public sealed record AccessChangeDto(string Kind, string Text, Guid? WorkspaceId = null, Guid? SampleId = null, Guid? AnalysisId = null,
    Guid? RoleId = null, string? Permission = null);

/// <param name="Changes">Made together, they let the person see it.</param>
/// <param name="Reach">Whom else the changes concern ("only them", or every member holding their role).</param>
public sealed record AccessOptionDto(IReadOnlyList<AccessChangeDto> Changes, string Reach);

public sealed record PermissionRefDto(string Key, string Label);

/// <param name="Kind">workspace, sample, analysis or report.</param>
/// <param name="CanAct">What the permissions they hold let them do with it (only when they see it).</param>
/// <param name="Reasons">The chain: membership and role, workspace, permission (or the role-based-access switch), assignment.</param>
/// <param name="WouldGrant">When they do not see it: the smallest sets of changes that would let them, the narrowest first.</param>
public sealed record AccessExplanationDto(Guid UserId, string DisplayName, string RoleName, string Kind, Guid TargetId, string TargetName,
    Guid WorkspaceId, bool CanView, IReadOnlyList<PermissionRefDto> CanAct, IReadOnlyList<AccessStepDto> Reasons,
    IReadOnlyList<AccessOptionDto> WouldGrant);

/// <summary>
/// Whether a member can see a workspace, sample, analysis or report, and why — for those who manage people. Exactly one
/// target; the caller must see it too (else 404, as everywhere).
/// </summary>
[RequiresPermission(Permissions.UsersManage)]
public sealed record ExplainAccess(Guid OrganizationId, Guid UserId) : IQuery<AccessExplanationDto>, IOrganizationRequest
{
    public Guid? WorkspaceId { get; init; }
    public Guid? SampleId { get; init; }
    public Guid? AnalysisId { get; init; }
    public Guid? ReportId { get; init; }
}

public sealed class ExplainAccessValidator : AbstractValidator<ExplainAccess>
{
    public ExplainAccessValidator()
    {
        RuleFor(q => q.UserId).NotEmpty().WithMessage("Name the member: userId.");
        RuleFor(q => q).Must(q => new[] { q.WorkspaceId, q.SampleId, q.AnalysisId, q.ReportId }.Count(id => id is not null) == 1)
            .WithName("target").WithMessage("Name exactly one of workspaceId, sampleId, analysisId, reportId.");
    }
}

public sealed class ExplainAccessHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IMembershipLookup memberships,
    IUserAccounts accounts) : IQueryHandler<ExplainAccess, AccessExplanationDto>
{
    public async ValueTask<AccessExplanationDto> Handle(ExplainAccess query, CancellationToken cancellationToken)
    {
        var access = await memberships.FindAsync(query.UserId, query.OrganizationId, cancellationToken) ?? throw new NotFoundException("The member");
        var rolePermissions = await db.Roles.Where(r => r.Id == access.RoleId).SelectMany(r => r.Permissions.Select(p => p.Permission))
            .ToListAsync(cancellationToken);
        var roleMembers = await db.Memberships.CountAsync(m => m.RoleId == access.RoleId, cancellationToken);
        var name = (await accounts.DisplayNamesAsync([query.UserId], cancellationToken)).GetValueOrDefault(query.UserId, "This member");
        var person = new AccessChain(query.UserId, name, access, rolePermissions.ToHashSet(StringComparer.Ordinal), roleMembers);
        var me = currentUser.UserId!.Value;

        if (query.SampleId is { } sampleId)
        {
            var sample = await db.Samples.AsNoTracking().Include(s => s.Assignments).SingleOrDefaultAsync(s => s.Id == sampleId, cancellationToken);
            if (sample is null || !await SampleVisibility.VisibleSamples(db.Samples, scope.Access, me, sample.WorkspaceId).AnyAsync(s => s.Id == sampleId, cancellationToken))
                throw new NotFoundException("The sample");
            var verdict = person.Sample(ToFacts(sample), await WorkspaceNameAsync(sample.WorkspaceId, cancellationToken));
            return Answer(person, "sample", sample.Id, sample.Name, sample.WorkspaceId, verdict, AccessChain.SampleActions);
        }
        if (query.AnalysisId is { } analysisId)
        {
            var run = await db.Analyses.AsNoTracking().Include(a => a.Samples).Include(a => a.Assignments).SingleOrDefaultAsync(a => a.Id == analysisId, cancellationToken);
            if (run is null || !await AnalysisVisibility.VisibleAnalyses(db, scope.Access, me, run.WorkspaceId).AnyAsync(a => a.Id == analysisId, cancellationToken))
                throw new NotFoundException("The analysis");
            var (verdict, runName) = await RunVerdictAsync(person, run, readsData: false, cancellationToken);
            return Answer(person, "analysis", run.Id, runName, run.WorkspaceId, verdict, verdict.ReadsData ? AccessChain.AnalysisActions : []);
        }
        if (query.ReportId is { } reportId)
        {
            var report = await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
            if (report is null || !await ReportAccess.Visible(db, scope.Access, me, report.WorkspaceId).AnyAsync(r => r.Id == reportId, cancellationToken))
                throw new NotFoundException("The report");
            var run = await db.Analyses.AsNoTracking().Include(a => a.Samples).Include(a => a.Assignments).SingleAsync(a => a.Id == report.AnalysisId, cancellationToken);
            var (verdict, _) = await RunVerdictAsync(person, run, readsData: true, cancellationToken);
            return Answer(person, "report", report.Id, report.Title, report.WorkspaceId, verdict, AccessChain.ReportActions);
        }
        var workspaceId = query.WorkspaceId!.Value;
        if (!scope.Access.CanEnter(workspaceId)) throw new NotFoundException("The workspace");
        var workspaceName = await WorkspaceNameAsync(workspaceId, cancellationToken);
        return Answer(person, "workspace", workspaceId, workspaceName, workspaceId, person.Workspace(workspaceId, workspaceName), AccessChain.WorkspaceActions);
    }

    private static AccessExplanationDto Answer(AccessChain person, string kind, Guid targetId, string targetName, Guid workspaceId, AccessVerdict verdict,
        IReadOnlyList<string> actions) =>
        new(person.UserId, person.Name, person.Access.RoleName, kind, targetId, targetName, workspaceId, verdict.Holds,
            verdict.Holds ? actions.Where(person.Access.Has).Select(p => new PermissionRefDto(p, Permissions.Label(p))).ToList() : [],
            verdict.Reasons, verdict.Holds ? [] : verdict.Options);

    private async Task<(AccessVerdict, string)> RunVerdictAsync(AccessChain person, Analysis run, bool readsData, CancellationToken cancellationToken)
    {
        var sampleIds = run.Samples.Select(s => s.SampleId).ToList();
        var samples = await db.Samples.AsNoTracking().Include(s => s.Assignments).Where(s => sampleIds.Contains(s.Id)).ToListAsync(cancellationToken);
        var assignedSub = readsData ? null : await db.Analyses.AsNoTracking().Include(a => a.Samples)
            .Where(a => a.ParentId == run.Id && a.Assignments.Any(x => x.UserId == person.UserId)).FirstOrDefaultAsync(cancellationToken);
        var names = await AnalysisNames.OfManyAsync(db, assignedSub is null ? [run] : [run, assignedSub], cancellationToken);
        // What the caller does not see is not named, nor offered to change (they may see the run only by its assignment).
        var me = currentUser.UserId!.Value;
        var callerSees = (await SampleVisibility.VisibleSamples(db.Samples, scope.Access, me, run.WorkspaceId).Where(s => sampleIds.Contains(s.Id))
            .Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
        var subName = assignedSub is not null && await AnalysisVisibility.VisibleAnalyses(db, scope.Access, me, run.WorkspaceId)
            .AnyAsync(a => a.Id == assignedSub.Id, cancellationToken) ? names[assignedSub.Id] : null;
        var facts = new RunFacts(run.Id, names[run.Id], run.WorkspaceId, sampleIds.Count - samples.Count,
            samples.Select(s => ToFacts(s) with { SeenByCaller = callerSees.Contains(s.Id) }).ToList(), run.IsAssignedTo(person.UserId),
            assignedSub is not null, subName);
        return (person.Run(facts, await WorkspaceNameAsync(run.WorkspaceId, cancellationToken), readsData), names[run.Id]);
    }

    private static SampleFacts ToFacts(Sample sample) => new(sample.Id, sample.Name, sample.WorkspaceId, sample.IsAssignedTo);

    private async Task<string> WorkspaceNameAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Name).SingleAsync(cancellationToken);
}

/// <param name="SeenByCaller">Whether the person asking sees it (else it is not named to them).</param>
internal sealed record SampleFacts(Guid Id, string Name, Guid WorkspaceId, Func<Guid, bool> IsAssignedTo, bool SeenByCaller = true);

/// <param name="Trashed">Samples of the run in the trash (no one sees them, so only the run's own assignment opens it).</param>
/// <param name="SubAnalysisAssigned">A sub-analysis of it is assigned to the person.</param>
/// <param name="SubAnalysisName">Its name, when the person asking sees it.</param>
internal sealed record RunFacts(Guid Id, string Name, Guid WorkspaceId, int Trashed, IReadOnlyList<SampleFacts> Samples, bool Assigned,
    bool SubAnalysisAssigned, string? SubAnalysisName);

internal sealed record AccessVerdict(bool Holds, IReadOnlyList<AccessStepDto> Reasons, IReadOnlyList<AccessOptionDto> Options, bool ReadsData = true);

/// <summary>
/// The visibility rules (<see cref="SampleVisibility"/>, <see cref="AnalysisVisibility"/>, reports by their run's data)
/// spelled out link by link for one person, with what is missing. A property test holds it to what the routes answer.
/// </summary>
internal sealed class AccessChain(Guid userId, string name, OrganizationAccess access, IReadOnlySet<string> rolePermissions, int roleMembers)
{
    public static readonly IReadOnlyList<string> WorkspaceActions =
    [
        Permissions.SamplesDefine, Permissions.SamplesAssign, Permissions.AnalysesLaunchWorkflow, Permissions.AnalysesLaunchDirect,
        Permissions.OrdersManage, Permissions.ReportsWrite, Permissions.ReportsSign, Permissions.WorkspacesAccessManage,
    ];
    public static readonly IReadOnlyList<string> SampleActions =
        [Permissions.SamplesAssign, Permissions.SamplesDelete, Permissions.AnalysesLaunchWorkflow, Permissions.AnalysesLaunchDirect, Permissions.OrdersManage];
    public static readonly IReadOnlyList<string> AnalysisActions =
        [Permissions.AnalysesLaunchSub, Permissions.VariantsClassify, Permissions.ReportsWrite, Permissions.ReportsSign];
    public static readonly IReadOnlyList<string> ReportActions = [Permissions.ReportsWrite, Permissions.ReportsSign];

    public Guid UserId => userId;
    public string Name => name;
    public OrganizationAccess Access => access;

    private string Role => $"“{access.RoleName}”";

    public AccessVerdict Workspace(Guid workspaceId, string workspaceName)
    {
        var (step, grant) = WorkspaceStep(workspaceId, workspaceName);
        return new AccessVerdict(step.Holds, [Membership(), step], grant is null ? [] : [Only(grant)]);
    }

    public AccessVerdict Sample(SampleFacts sample, string workspaceName)
    {
        var (workspace, grant) = WorkspaceStep(sample.WorkspaceId, workspaceName);
        var reasons = new List<AccessStepDto> { Membership(), workspace };
        var assigned = sample.IsAssignedTo(userId);
        var assignStep = new AccessStepDto("assignment", assigned,
            assigned ? $"The sample {sample.Name} is assigned to them." : $"The sample {sample.Name} is not assigned to them.");
        var assign = new AccessChangeDto("assign-sample", $"Assign the sample {sample.Name} to {name}.", SampleId: sample.Id);
        var seesAll = AddPermission(Permissions.SamplesViewAll);
        var before = grant is null ? new List<AccessChangeDto>() : [grant];
        List<List<AccessChangeDto>> options;
        bool holds;
        if (access.Has(Permissions.SamplesViewAll))
        {
            reasons.Add(PermissionStep(Permissions.SamplesViewAll, "may see every sample of the workspaces they enter"));
            holds = workspace.Holds;
            options = [before];
        }
        else if (access.Has(Permissions.SamplesViewAssigned))
        {
            reasons.Add(PermissionStep(Permissions.SamplesViewAssigned, "may see the samples assigned to them"));
            reasons.Add(assignStep);
            holds = workspace.Holds && assigned;
            options = [[.. before, .. assigned ? [] : new[] { assign }], [.. before, seesAll]];
        }
        else
        {
            reasons.Add(new AccessStepDto("permission", false,
                $"Their role {Role} sees no samples: it holds neither {Permissions.SamplesViewAll} nor {Permissions.SamplesViewAssigned}."));
            holds = false;
            options = [[.. before, AddPermission(Permissions.SamplesViewAssigned), .. assigned ? [] : new[] { assign }], [.. before, seesAll]];
        }
        return new AccessVerdict(holds, reasons, holds ? [] : options.Where(o => o.Count > 0).Select(Option).ToList());
    }

    /// <param name="readsData">A report (the run's data) rather than the run's row: a sub-analysis assigned under it does not count.</param>
    public AccessVerdict Run(RunFacts run, string workspaceName, bool readsData)
    {
        var (workspace, grant) = WorkspaceStep(run.WorkspaceId, workspaceName);
        var reasons = new List<AccessStepDto> { Membership(), workspace };
        var samples = run.Samples.Select(s => (Sample: s, Verdict: Sample(s, workspaceName))).ToList();
        var seesSamples = run.Trashed == 0 && samples.All(s => s.Verdict.Holds);
        foreach (var (sample, verdict) in samples.Where(s => s.Sample.SeenByCaller))
            reasons.Add(new AccessStepDto("sample", verdict.Holds, verdict.Holds ? $"They see the sample {sample.Name}."
                : $"They do not see the sample {sample.Name}: {verdict.Reasons.First(r => !r.Holds).Text}"));
        var unseen = samples.Where(s => !s.Sample.SeenByCaller).ToList();
        if (unseen.Count > 0)
            reasons.Add(new AccessStepDto("sample", unseen.All(s => s.Verdict.Holds), unseen.All(s => s.Verdict.Holds)
                ? $"They see the {unseen.Count} of its samples you cannot see yourself."
                : $"They do not see every one of the {unseen.Count} of its samples you cannot see yourself."));
        if (run.Trashed > 0) reasons.Add(new AccessStepDto("sample", false, $"{run.Trashed} of its samples are in the trash or gone: no one sees them."));
        reasons.Add(new AccessStepDto("assignment", run.Assigned,
            run.Assigned ? $"The analysis is assigned to them." : "The analysis is not assigned to them."));
        var parentRow = !readsData && run.SubAnalysisAssigned;
        if (parentRow)
            reasons.Add(new AccessStepDto("sub-analysis", true, (run.SubAnalysisName is { } sub ? $"Its sub-analysis {sub} is" : "A sub-analysis of it is")
                + " assigned to them: they see this analysis's row, not its files or variants."));
        var holds = workspace.Holds && (seesSamples || run.Assigned || parentRow);
        if (holds) return new AccessVerdict(true, reasons, [], ReadsData: seesSamples || run.Assigned);

        var before = grant is null ? new List<AccessChangeDto>() : [grant];
        var options = new List<AccessOptionDto>
        {
            Option([.. before, new AccessChangeDto("assign-analysis", $"Assign the analysis {run.Name} to {name}.", AnalysisId: run.Id)]),
        };
        if (run.Trashed == 0 && unseen.All(s => s.Verdict.Holds))
        {
            // Through the samples: each unseen sample's narrowest option, each change named once.
            options.Add(Option(before.Concat(samples.Where(s => !s.Verdict.Holds).SelectMany(s => s.Verdict.Options[0].Changes)).Distinct().ToList()));
        }
        return new AccessVerdict(false, reasons, options);
    }

    private AccessStepDto Membership() => new("membership", true,
        access.IsSupervisor ? $"{name} is a member with the role {Role}: Supervisors enter every workspace and hold every permission."
            : $"{name} is a member with the role {Role}.");

    private (AccessStepDto Step, AccessChangeDto? Grant) WorkspaceStep(Guid workspaceId, string workspaceName)
    {
        if (access.IsSupervisor) return (new AccessStepDto("workspace", true, $"As a Supervisor they enter the workspace {workspaceName}."), null);
        return access.CanEnter(workspaceId)
            ? (new AccessStepDto("workspace", true, $"They have been granted the workspace {workspaceName}."), null)
            : (new AccessStepDto("workspace", false, $"They have not been granted the workspace {workspaceName}."),
                new AccessChangeDto("grant-workspace", $"Grant {name} access to the workspace {workspaceName}.", WorkspaceId: workspaceId));
    }

    private AccessStepDto PermissionStep(string permission, string what) => new("permission", true,
        access.IsSupervisor ? $"As a Supervisor they {what}."
        : rolePermissions.Contains(permission) ? $"Their role {Role} {what} ({permission})."
        : $"Role-based access is off in this organization: every member {what}.");

    private AccessChangeDto AddPermission(string permission) => new("add-permission",
        $"Give the role {Role} the permission {permission} ({Permissions.Label(permission)}).", RoleId: access.RoleId, Permission: permission);

    private AccessOptionDto Only(AccessChangeDto change) => Option([change]);

    private AccessOptionDto Option(IReadOnlyList<AccessChangeDto> changes) => new(changes,
        changes.Any(c => c.Kind == "add-permission")
            ? $"Every member with the role {Role} ({roleMembers} {(roleMembers == 1 ? "person" : "people")}) gains the permission."
            : $"Only {name}.");
}

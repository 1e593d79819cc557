using System.Text.Json;
using VariantMiner.Application.Files;
using VariantMiner.Application.Samples;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Files;

namespace VariantMiner.Application.Analyses;

public sealed record LaunchedDto(Guid Id, string Status);

/// <summary>
/// Launches a run on a sample: with a workflow (<c>analyses.launch.workflow</c>; its parameters are fixed, none may be
/// given) or without (<c>analyses.launch.direct</c>; pipeline and parameters). The sample must be one I see; its input
/// files are its complete files of the pipeline's kinds (or <see cref="FileIds"/> when it has several).
/// </summary>
[RequiresAnyPermission(Permissions.AnalysesLaunchWorkflow, Permissions.AnalysesLaunchDirect)]
public sealed record LaunchAnalysis(IReadOnlyList<Guid> SampleIds) : ICommand<LaunchedDto>, IWorkspaceRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkspaceId { get; init; }
    public Guid? WorkflowId { get; init; }
    public string? Pipeline { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? Parameters { get; init; }
    /// <summary>The input files, when the sample has more than one of a kind the pipeline reads.</summary>
    public IReadOnlyList<Guid>? FileIds { get; init; }
}

public sealed class LaunchAnalysisValidator : AbstractValidator<LaunchAnalysis>
{
    public LaunchAnalysisValidator()
    {
        RuleFor(c => c.SampleIds).Must(s => s.Count == 1).WithMessage("Give one sample: the pipelines run on one sample each.");
        RuleFor(c => c.Pipeline).NotEmpty().When(c => c.WorkflowId is null).WithMessage("Give a workflowId, or a pipeline and its parameters.");
        RuleFor(c => c.Pipeline).Null().When(c => c.WorkflowId is not null).WithMessage("A workflow fixes the pipeline; give the workflowId only.");
        RuleFor(c => c.Parameters).Null().When(c => c.WorkflowId is not null)
            .WithMessage("A workflow's parameters are fixed and cannot be overridden; launch without a workflow to choose them.");
        RuleFor(c => c.FileIds).Must(f => f is null || f.Count <= 20).WithMessage("At most 20 input files.");
    }
}

public sealed class LaunchAnalysisHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IPipelineCatalog catalog,
    PipelineParameters parameters, Usage.Quotas quotas, TimeProvider clock) : ICommandHandler<LaunchAnalysis, LaunchedDto>
{
    public async ValueTask<LaunchedDto> Handle(LaunchAnalysis command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        Workflow? workflow = null;
        IReadOnlyDictionary<string, JsonElement>? given = command.Parameters;
        string pipelineKey;
        if (command.WorkflowId is { } workflowId)
        {
            if (!scope.Access.Has(Permissions.AnalysesLaunchWorkflow))
                throw new ForbiddenException($"Launching with a workflow needs the permission {Permissions.AnalysesLaunchWorkflow}.");
            workflow = await db.Workflows.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workflowId, cancellationToken)
                ?? throw Invalid.Field("workflowId", "No such workflow in this organization.");
            pipelineKey = workflow.Pipeline;
            given = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(workflow.ParametersJson);
        }
        else
        {
            if (!scope.Access.Has(Permissions.AnalysesLaunchDirect))
                throw new ForbiddenException($"Launching without a workflow needs the permission {Permissions.AnalysesLaunchDirect}.");
            pipelineKey = command.Pipeline!;
        }
        var pipeline = catalog.Find(pipelineKey) ?? throw Invalid.Field("pipeline", $"No pipeline '{pipelineKey}'. Pipelines: {string.Join(", ", catalog.All.Select(p => p.Key))}.");
        if (pipeline.SubAnalysis is not null)
            throw Invalid.Field("pipeline", $"{pipeline.Name} is a sub-analysis: launch it from a finished analysis.");
        EnsureRunnable(catalog, pipeline);

        var sample = await SampleVisibility.VisibleSamples(db.Samples, scope.Access, me, command.WorkspaceId).AsNoTracking()
            .SingleOrDefaultAsync(s => s.Id == command.SampleIds[0], cancellationToken) ?? throw new NotFoundException("The sample");
        var visibleFiles = FileVisibility.VisibleFiles(db, scope.Access, me, command.WorkspaceId);
        var values = await parameters.ValidateAsync(pipeline, given, visibleFiles, workflow is null ? "parameters" : "workflowId", cancellationToken);
        var inputs = await ResolveInputsAsync(pipeline, visibleFiles.Where(f => f.SampleId == sample.Id), command.FileIds, cancellationToken);

        await quotas.EnsureLaunchAllowedAsync(scope.Access.OrganizationId, clock.GetUtcNow(), cancellationToken);
        var run = new Analysis(scope.Access.OrganizationId, command.WorkspaceId, pipeline.Key, values.ToJsonString(), [sample.Id], inputs, pipeline.RunSteps, me,
            clock.GetUtcNow(), workflow?.Id, PipelineParameters.ReferenceOf(pipeline, values));
        db.Analyses.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return new LaunchedDto(run.Id, run.Status.ToString());
    }

    /// <summary>A pipeline whose tools are missing on this server cannot be launched: 503 naming them.</summary>
    internal static void EnsureRunnable(IPipelineCatalog catalog, PipelineDefinition pipeline)
    {
        var missing = catalog.MissingTools(pipeline);
        if (missing.Count > 0)
            throw new RequestRefusedException(503, "Pipeline not available",
                $"The pipeline {pipeline.Name} cannot run on this server: {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} not installed. " +
                "Ask the administrator to install it (see the README, \"Pipelines\").");
    }

    /// <summary>
    /// Fills each CWL input from the sample's files: the one file of its kind (and read number), or the one among
    /// <paramref name="chosen"/>. None for a required input, or several without a choice → 400 saying which.
    /// </summary>
    internal static async Task<IReadOnlyList<Guid>> ResolveInputsAsync(PipelineDefinition pipeline, IQueryable<StoredFile> sampleFiles,
        IReadOnlyList<Guid>? chosen, CancellationToken cancellationToken)
    {
        var kinds = pipeline.Inputs.Select(i => i.Kind).Distinct().ToList();
        var candidates = await sampleFiles.AsNoTracking().Where(f => kinds.Contains(f.Kind)).ToListAsync(cancellationToken);
        if (chosen is not null)
        {
            var unknown = chosen.Except(candidates.Select(f => f.Id)).ToList();
            if (unknown.Count > 0) throw Invalid.Field("fileIds", $"Not a {string.Join(" or ", kinds)} file of this sample: {unknown[0]}.");
            candidates = candidates.Where(f => chosen.Contains(f.Id)).ToList();
        }
        var result = new List<Guid>();
        foreach (var input in pipeline.Inputs)
        {
            var matching = candidates.Where(f => f.Kind == input.Kind && (input.Read is null || f.ReadNumber == input.Read || (input.Read == 1 && f.ReadNumber is null)))
                .ToList();
            if (matching.Count > 1)
                throw Invalid.Field("fileIds", $"The sample has {matching.Count} {Describe(input)} files; choose one with fileIds.");
            if (matching.Count == 0)
            {
                if (input.Required) throw Invalid.Field("sampleIds", $"The sample has no complete {Describe(input)} file; upload it first.");
                continue;
            }
            result.Add(matching[0].Id);
        }
        return result;
    }

    private static string Describe(PipelineInput input) => input.Kind.ToUpperInvariant() + (input.Read is { } r ? $" read {r}" : "");
}

/// <summary>
/// Asks a run to stop (anyone who may launch runs and sees it): a queued run is cancelled at once; a running one when its
/// worker has killed the engine's process tree (CANCELING → CANCELED).
/// </summary>
[RequiresAnyPermission(Permissions.AnalysesLaunchWorkflow, Permissions.AnalysesLaunchDirect, Permissions.AnalysesLaunchSub)]
public sealed record CancelAnalysis(Guid OrganizationId, Guid WorkspaceId, Guid AnalysisId) : ICommand<LaunchedDto>, IWorkspaceRequest;

public sealed class CancelAnalysisHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<CancelAnalysis, LaunchedDto>
{
    public async ValueTask<LaunchedDto> Handle(CancelAnalysis command, CancellationToken cancellationToken)
    {
        var run = await AnalysisVisibility.WithVisibleSamples(db, scope.Access, currentUser.UserId!.Value, command.WorkspaceId)
            .SingleOrDefaultAsync(a => a.Id == command.AnalysisId, cancellationToken) ?? throw new NotFoundException("The analysis");
        if (run.Status.IsFinal() || run.Status == AnalysisStatus.CANCELING)
            throw new ConflictException($"The run is already {run.Status}; there is nothing to cancel.");
        run.Cancel(currentUser.UserId!.Value, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return new LaunchedDto(run.Id, run.Status.ToString());
    }
}

/// <summary>
/// Runs a failed or cancelled run again as a new run (same pipeline, parameters and inputs), under the permission the
/// original needed: with a workflow, without, or a sub-analysis.
/// </summary>
[RequiresAnyPermission(Permissions.AnalysesLaunchWorkflow, Permissions.AnalysesLaunchDirect, Permissions.AnalysesLaunchSub)]
public sealed record RetryAnalysis(Guid OrganizationId, Guid WorkspaceId, Guid AnalysisId) : ICommand<LaunchedDto>, IWorkspaceRequest;

public sealed class RetryAnalysisHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IPipelineCatalog catalog,
    Usage.Quotas quotas, TimeProvider clock) : ICommandHandler<RetryAnalysis, LaunchedDto>
{
    public async ValueTask<LaunchedDto> Handle(RetryAnalysis command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var run = await AnalysisVisibility.WithVisibleSamples(db, scope.Access, me, command.WorkspaceId).AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == command.AnalysisId, cancellationToken)
            ?? throw new NotFoundException("The analysis");
        var needed = run.ParentId is not null ? Permissions.AnalysesLaunchSub
            : run.WorkflowId is not null ? Permissions.AnalysesLaunchWorkflow : Permissions.AnalysesLaunchDirect;
        if (!scope.Access.Has(needed)) throw new ForbiddenException($"Retrying this run needs the permission {needed}, as launching it did.");
        if (run.Status is not (AnalysisStatus.EXECUTOR_ERROR or AnalysisStatus.SYSTEM_ERROR or AnalysisStatus.CANCELED))
            throw new ConflictException($"Only a failed or cancelled run can be retried; this one is {run.Status}.");
        if (catalog.Find(run.Pipeline) is { } pipeline) LaunchAnalysisHandler.EnsureRunnable(catalog, pipeline);
        await quotas.EnsureLaunchAllowedAsync(scope.Access.OrganizationId, clock.GetUtcNow(), cancellationToken);
        var retry = run.Retry(me, clock.GetUtcNow());
        db.Analyses.Add(retry);
        await db.SaveChangesAsync(cancellationToken);
        return new LaunchedDto(retry.Id, retry.Status.ToString());
    }
}

/// <summary>Who is assigned a (sub-)analysis I see.</summary>
public sealed record GetAnalysisAssignees(Guid OrganizationId, Guid WorkspaceId, Guid AnalysisId) : IQuery<IReadOnlyList<AssigneeDto>>, IWorkspaceRequest;

public sealed class GetAnalysisAssigneesHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts)
    : IQueryHandler<GetAnalysisAssignees, IReadOnlyList<AssigneeDto>>
{
    public async ValueTask<IReadOnlyList<AssigneeDto>> Handle(GetAnalysisAssignees query, CancellationToken cancellationToken)
    {
        var run = await AnalysisVisibility.VisibleAnalyses(db, scope.Access, currentUser.UserId!.Value, query.WorkspaceId).AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == query.AnalysisId, cancellationToken) ?? throw new NotFoundException("The analysis");
        return await ToDtosAsync(run, accounts, cancellationToken);
    }

    internal static async Task<IReadOnlyList<AssigneeDto>> ToDtosAsync(Analysis run, IUserAccounts accounts, CancellationToken cancellationToken)
    {
        var names = await accounts.DisplayNamesAsync(run.Assignments.Select(a => a.UserId), cancellationToken);
        return run.Assignments.OrderBy(a => a.AssignedAt)
            .Select(a => new AssigneeDto(a.UserId, names.GetValueOrDefault(a.UserId, "Former user"), a.AssignedAt, a.AssignedBy)).ToList();
    }
}

/// <summary>
/// Sets exactly who is assigned a (sub-)analysis (samples.assign; the run's samples must be visible to me). An assignee
/// who cannot see the sample then sees this run, its main analysis's row and this run's outputs — nothing else of the sample.
/// </summary>
[RequiresPermission(Permissions.SamplesAssign)]
public sealed record SetAnalysisAssignees(IReadOnlyList<Guid> UserIds) : ICommand<IReadOnlyList<AssigneeDto>>, IWorkspaceRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkspaceId { get; init; }
    [JsonIgnore] public Guid AnalysisId { get; init; }
}

public sealed class SetAnalysisAssigneesValidator : AbstractValidator<SetAnalysisAssignees>
{
    public SetAnalysisAssigneesValidator() =>
        RuleFor(c => c.UserIds).Must(u => u.Count <= 100).WithMessage("At most 100 people.");
}

public sealed class SetAnalysisAssigneesHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts,
    TimeProvider clock) : ICommandHandler<SetAnalysisAssignees, IReadOnlyList<AssigneeDto>>
{
    public async ValueTask<IReadOnlyList<AssigneeDto>> Handle(SetAnalysisAssignees command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var run = await AnalysisVisibility.WithVisibleSamples(db, scope.Access, me, command.WorkspaceId)
            .SingleOrDefaultAsync(a => a.Id == command.AnalysisId, cancellationToken) ?? throw new NotFoundException("The analysis");
        var userIds = command.UserIds.Distinct().ToList();
        await Assignees.EnsureAssignableAsync(db, command.WorkspaceId, userIds.Where(u => !run.IsAssignedTo(u)).ToList(), "userIds", cancellationToken);
        run.ReplaceAssignees(userIds, me, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return await GetAnalysisAssigneesHandler.ToDtosAsync(run, accounts, cancellationToken);
    }
}

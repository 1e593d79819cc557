using System.Text.Json;
using System.Text.Json.Nodes;
using VariantMiner.Domain.Analyses;

namespace VariantMiner.Application.Analyses;

/// <summary>
/// Launches a sub-analysis on a COMPLETE analysis of samples I see (<c>analyses.launch.sub</c>, independent of the two
/// launch rights): a run of the sub-analysis pipeline of that kind, on the main analysis's outputs, with its reference
/// bundle. Kinds today: gene-list (parameters: genes). A sub-analysis carries the main analysis's samples and can be
/// assigned on its own.
/// </summary>
[RequiresPermission(Permissions.AnalysesLaunchSub)]
public sealed record LaunchSubAnalysis(string Kind) : ICommand<LaunchedDto>, IWorkspaceRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkspaceId { get; init; }
    [JsonIgnore] public Guid AnalysisId { get; init; }
    public IReadOnlyDictionary<string, JsonElement>? Parameters { get; init; }
}

public sealed class LaunchSubAnalysisValidator : AbstractValidator<LaunchSubAnalysis>
{
    public LaunchSubAnalysisValidator() => RuleFor(c => c.Kind).NotEmpty();
}

public sealed class LaunchSubAnalysisHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IPipelineCatalog catalog,
    PipelineParameters parameters, TimeProvider clock) : ICommandHandler<LaunchSubAnalysis, LaunchedDto>
{
    public async ValueTask<LaunchedDto> Handle(LaunchSubAnalysis command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var kinds = catalog.All.Where(p => p.SubAnalysis is not null).ToList();
        var pipeline = kinds.FirstOrDefault(p => p.SubAnalysis == command.Kind)
            ?? throw Invalid.Field("kind", $"No sub-analysis '{command.Kind}'. Kinds: {string.Join(", ", kinds.Select(p => p.SubAnalysis))}.");
        var parent = await AnalysisVisibility.WithVisibleSamples(db, scope.Access, me, command.WorkspaceId).AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == command.AnalysisId, cancellationToken) ?? throw new NotFoundException("The analysis");
        if (parent.Status != AnalysisStatus.COMPLETE)
            throw new ConflictException($"A sub-analysis needs a COMPLETE analysis; this one is {parent.Status}.");
        LaunchAnalysisHandler.EnsureRunnable(catalog, pipeline);

        // The main analysis's reference bundle, unless one is given (it must then be ready, like any).
        var given = new Dictionary<string, JsonElement>(command.Parameters ?? new Dictionary<string, JsonElement>());
        if (pipeline.Parameters.FirstOrDefault(p => p.Type == "reference") is { } reference && !given.ContainsKey(reference.Key) && parent.ReferenceBundleId is { } b)
            given[reference.Key] = JsonSerializer.SerializeToElement(b.ToString());
        var values = await parameters.ValidateAsync(pipeline, given, db.StoredFiles.Where(f => f.AnalysisId == parent.Id), "parameters", cancellationToken);
        var bundleId = PipelineParameters.ReferenceOf(pipeline, values);
        if (pipeline.GeneModels is not null && bundleId is { } id &&
            await db.ReferenceBundles.AnyAsync(r => r.Id == id && r.GeneModelsFileId == null, cancellationToken))
            throw Invalid.Field("parameters.reference", "The reference bundle has no gene models (GFF3), which this sub-analysis reads.");

        var outputs = db.StoredFiles.Where(f => f.AnalysisId == parent.Id);
        var inputs = await LaunchAnalysisHandler.ResolveInputsAsync(pipeline, outputs, null, cancellationToken);
        var run = new Analysis(scope.Access.OrganizationId, command.WorkspaceId, pipeline.Key, values.ToJsonString(),
            parent.Samples.Select(s => s.SampleId).ToList(), inputs, pipeline.RunSteps, me, clock.GetUtcNow(), referenceBundleId: bundleId,
            parentId: parent.Id, kind: pipeline.SubAnalysis);
        db.Analyses.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return new LaunchedDto(run.Id, run.Status.ToString());
    }
}

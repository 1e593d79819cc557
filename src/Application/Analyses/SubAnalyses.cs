using System.Text.Json;
using System.Text.Json.Nodes;
using VariantMiner.Domain.Analyses;

namespace VariantMiner.Application.Analyses;

/// <summary>
/// Launches a sub-analysis on a COMPLETE analysis of samples I see (<c>analyses.launch.sub</c>, independent of the two
/// launch rights): a run of the sub-analysis pipeline of that kind, on the main analysis's outputs, with its reference
/// bundle. Kinds today: gene-list (parameters: genes, or geneListId — a gene list of the organization), re-annotation
/// (parameters: reference — another bundle of the same genome build) and inheritance
/// (parameters: mode; the family is read from the subject's recorded parents, see <see cref="Family"/>). A sub-analysis
/// carries the main analysis's samples (for inheritance, the parents' too) and can be assigned on its own.
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
    PipelineParameters parameters, Usage.Quotas quotas, TimeProvider clock) : ICommandHandler<LaunchSubAnalysis, LaunchedDto>
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
        if (pipeline.SubAnalysis == "gene-list" && given.Remove("geneListId", out var listId))
        {
            var list = listId.ValueKind == JsonValueKind.String && Guid.TryParse(listId.GetString(), out var listGuid)
                ? await db.GeneLists.AsNoTracking().SingleOrDefaultAsync(l => l.Id == listGuid, cancellationToken) : null;
            if (list is null) throw Invalid.Field("parameters.geneListId", "No such gene list in this organization.");
            if (given.ContainsKey("genes")) throw Invalid.Field("parameters.genes", "Give genes or a gene list, not both.");
            given["genes"] = JsonSerializer.SerializeToElement(string.Join(' ', list.Genes));
        }
        if (pipeline.Parameters.FirstOrDefault(p => p.Type == "reference") is { } reference && !given.ContainsKey(reference.Key) && parent.ReferenceBundleId is { } b)
            given[reference.Key] = JsonSerializer.SerializeToElement(b.ToString());
        var values = await parameters.ValidateAsync(pipeline, given, db.StoredFiles.Where(f => f.AnalysisId == parent.Id), "parameters", cancellationToken);
        var bundleId = PipelineParameters.ReferenceOf(pipeline, values);
        if (pipeline.GeneModels is not null && pipeline.Annotations is null && bundleId is { } id &&
            await db.ReferenceBundles.AnyAsync(r => r.Id == id && r.GeneModelsFileId == null, cancellationToken))
            throw Invalid.Field("parameters.reference", "The reference bundle has no gene models (GFF3), which this sub-analysis reads.");
        // Annotation from another bundle only makes sense on the same genome (positions and alleles are the build's).
        if (pipeline.Annotations is not null && bundleId != parent.ReferenceBundleId)
        {
            var builds = await db.ReferenceBundles.AsNoTracking().Where(r => r.Id == bundleId || r.Id == parent.ReferenceBundleId)
                .Select(r => new { r.Id, r.GenomeBuild }).ToListAsync(cancellationToken);
            var mine = builds.FirstOrDefault(b => b.Id == parent.ReferenceBundleId)?.GenomeBuild;
            var chosen = builds.FirstOrDefault(b => b.Id == bundleId)?.GenomeBuild;
            if (mine is null || chosen != mine)
                throw Invalid.Field("parameters.reference",
                    $"The bundle is of genome build {chosen ?? "(none)"}; the analysis was made on {mine ?? "no bundle"}: re-annotate with a bundle of the same build.");
        }

        var outputs = db.StoredFiles.Where(f => f.AnalysisId == parent.Id);
        var inputs = await LaunchAnalysisHandler.ResolveInputsAsync(pipeline, outputs, null, cancellationToken);
        var samples = parent.Samples.Select(s => s.SampleId).ToList();
        if (pipeline.Builtin == PipelineDefinition.Inheritance)
        {
            var (father, mother) = await Family.ParentsAnalysesAsync(db, scope.Access, me, parent, cancellationToken);
            values["fatherAnalysisId"] = father.Id.ToString();
            values["motherAnalysisId"] = mother.Id.ToString();
            samples.AddRange(father.Samples.Select(s => s.SampleId).Concat(mother.Samples.Select(s => s.SampleId)));
            bundleId = parent.ReferenceBundleId;
        }
        await quotas.EnsureLaunchAllowedAsync(scope.Access.OrganizationId, clock.GetUtcNow(), cancellationToken);
        var run = new Analysis(scope.Access.OrganizationId, command.WorkspaceId, pipeline.Key, values.ToJsonString(),
            samples, inputs, pipeline.RunSteps, me, clock.GetUtcNow(), referenceBundleId: bundleId,
            parentId: parent.Id, kind: pipeline.SubAnalysis);
        db.Analyses.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return new LaunchedDto(run.Id, run.Status.ToString());
    }
}

/// <summary>
/// The trio of an inheritance sub-analysis: the main analysis's sample is the proband; its subject's recorded father
/// and mother each need a sample I may see with a COMPLETE analysis holding variant data on the same genome build (the
/// newest such analysis is used, and named in the run's parameters).
/// </summary>
internal static class Family
{
    public static async Task<(Analysis Father, Analysis Mother)> ParentsAnalysesAsync(IApplicationDbContext db, OrganizationAccess access, Guid me,
        Analysis proband, CancellationToken cancellationToken)
    {
        if (proband.VariantCount is null)
            throw new ConflictException("The main analysis holds no variant data to filter (its pipeline imports none).");
        if (proband.Samples.Count != 1) throw Invalid.Field("kind", "An inheritance filter needs a main analysis of one sample (the proband).");
        var sampleId = proband.Samples.First().SampleId;
        var subject = await db.Samples.AsNoTracking().Where(s => s.Id == sampleId).Select(s => s.SubjectId).SingleAsync(cancellationToken) is { } subjectId
            ? await db.Subjects.AsNoTracking().SingleOrDefaultAsync(s => s.Id == subjectId, cancellationToken)
            : null;
        if (subject is null) throw Invalid.Field("kind", "The sample has no subject: record the proband's subject and its parents first.");
        var build = await BuildOfAsync(db, proband, cancellationToken);
        var father = await ParentAsync(db, access, me, proband.WorkspaceId, subject, subject.FatherId, "father", build, cancellationToken);
        var mother = await ParentAsync(db, access, me, proband.WorkspaceId, subject, subject.MotherId, "mother", build, cancellationToken);
        return (father, mother);
    }

    private static async Task<Analysis> ParentAsync(IApplicationDbContext db, OrganizationAccess access, Guid me, Guid workspaceId, Subject child,
        Guid? parentId, string role, string? build, CancellationToken cancellationToken)
    {
        if (parentId is null)
            throw Invalid.Field("kind", $"{child.ExternalId} has no recorded {role}: record the family on the subject's page first.");
        var parentSamples = Samples.SampleVisibility.VisibleSamples(db.Samples, access, me, workspaceId).Where(s => s.SubjectId == parentId).Select(s => s.Id);
        var candidates = await AnalysisVisibility.WithVisibleSamples(db, access, me, workspaceId).AsNoTracking()
            .Where(a => a.Status == AnalysisStatus.COMPLETE && a.VariantCount != null && a.ParentId == null && a.Samples.Count == 1
                && a.Samples.All(s => parentSamples.Contains(s.SampleId)))
            .OrderByDescending(a => a.EndedAt).Take(20).ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
            if (await BuildOfAsync(db, candidate, cancellationToken) == build) return candidate;
        throw Invalid.Field("kind",
            $"The {role} of {child.ExternalId} has no finished analysis with variant data on the same genome build that you may see; analyse the {role}'s sample first.");
    }

    private static Task<string?> BuildOfAsync(IApplicationDbContext db, Analysis run, CancellationToken cancellationToken) =>
        db.ReferenceBundles.AsNoTracking().Where(b => b.Id == run.ReferenceBundleId).Select(b => b.GenomeBuild).SingleOrDefaultAsync(cancellationToken);
}

using System.Text.Json;
using VariantMiner.Application.Audit;
using VariantMiner.Application.Files;
using VariantMiner.Application.Samples;
using VariantMiner.Domain.Analyses;

namespace VariantMiner.Application.Analyses;

/// <param name="CpuSeconds">CPU seconds of the step's tools (cwltool runs; Toil does not report steps' ends).</param>
public sealed record AnalysisStepDto(string Name, string Status, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, double? CpuSeconds);

public sealed record SampleRefDto(Guid Id, string Name);

public sealed record ReferenceRefDto(Guid Id, string Name, string Version, string GenomeBuild);

/// <summary>
/// A run as a list row and as its page. <see cref="Outputs"/> holds only the files one may see (empty on a main analysis
/// one sees only because a sub-analysis of it is assigned to one).
/// </summary>
/// <param name="WallSeconds">Processing time: wall-clock seconds from start to end (so far, while running).</param>
/// <param name="CpuSeconds">CPU seconds (user + system) of the engine's process tree, once it ended.</param>
/// <param name="VariantCount">On a run's page: how many variant rows it imported, when I may read them (null otherwise,
/// and in lists).</param>
public sealed record AnalysisDto(Guid Id, Guid WorkspaceId, IReadOnlyList<SampleRefDto> Samples, Guid? ParentId, string Kind, string Pipeline,
    Guid? WorkflowId, string? WorkflowName, ReferenceRefDto? Reference, JsonElement Parameters, string Status, IReadOnlyList<AnalysisStepDto> Steps,
    IReadOnlyList<Guid> InputFileIds, IReadOnlyList<FileDto> Outputs, double? WallSeconds, double? CpuSeconds, int Attempts, string? Reason,
    PersonDto LaunchedBy, IReadOnlyList<PersonDto> Assignees, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt,
    Guid? RetryOf)
{
    public int? VariantCount { get; init; }
}

/// <summary>Runs of a workspace I may see, newest first; sub-analyses carry their main analysis's id (parentId).</summary>
public sealed record ListAnalyses(Guid OrganizationId, Guid WorkspaceId) : IQuery<IReadOnlyList<AnalysisDto>>, IWorkspaceRequest
{
    public Guid? SampleId { get; init; }
    public string? Status { get; init; }
}

public sealed class ListAnalysesValidator : AbstractValidator<ListAnalyses>
{
    public ListAnalysesValidator() =>
        RuleFor(q => q.Status).Must(s => s is null || Enum.TryParse<AnalysisStatus>(s, out _))
            .WithMessage($"status is one of {string.Join(", ", Enum.GetNames<AnalysisStatus>())}.");
}

public sealed class ListAnalysesHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock)
    : IQueryHandler<ListAnalyses, IReadOnlyList<AnalysisDto>>
{
    /// <summary>A workspace page shows at most this many runs, newest first.</summary>
    public const int MaxRuns = 500;

    public async ValueTask<IReadOnlyList<AnalysisDto>> Handle(ListAnalyses query, CancellationToken cancellationToken)
    {
        var runs = AnalysisVisibility.VisibleAnalyses(db, scope.Access, currentUser.UserId!.Value, query.WorkspaceId).AsNoTracking();
        if (query.SampleId is { } sampleId) runs = runs.Where(a => a.Samples.Any(s => s.SampleId == sampleId));
        if (query.Status is not null)
        {
            var status = Enum.Parse<AnalysisStatus>(query.Status);
            runs = runs.Where(a => a.Status == status);
        }
        var rows = await runs
            .OrderByDescending(a => a.CreatedAt).ThenBy(a => a.Id).Take(MaxRuns).ToListAsync(cancellationToken);
        return await AnalysisRows.ToDtosAsync(db, accounts, rows, [], clock.GetUtcNow(), cancellationToken);
    }
}

/// <summary>One run I may see, with its outputs I may see; opening it is a read of patient data (audited).</summary>
public sealed record GetAnalysis(Guid OrganizationId, Guid WorkspaceId, Guid AnalysisId) : IQuery<AnalysisDto>, IWorkspaceRequest;

public sealed class GetAnalysisHandler(IApplicationDbContext db, IUnitOfWork unitOfWork, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts,
    IAuditTrail audit, TimeProvider clock) : IQueryHandler<GetAnalysis, AnalysisDto>
{
    public async ValueTask<AnalysisDto> Handle(GetAnalysis query, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var run = await AnalysisVisibility.VisibleAnalyses(db, scope.Access, me, query.WorkspaceId).AsNoTracking()

            .SingleOrDefaultAsync(a => a.Id == query.AnalysisId, cancellationToken) ?? throw new NotFoundException("The analysis");
        var outputs = await FileVisibility.VisibleFiles(db, scope.Access, me, query.WorkspaceId).AsNoTracking()
            .Where(f => f.AnalysisId == run.Id).OrderBy(f => f.Name).ToListAsync(cancellationToken);
        await PatientDataReads.RecordAsync(db, unitOfWork, audit, run.OrganizationId, run.WorkspaceId, nameof(Analysis), [run.Id], cancellationToken);
        // A main analysis seen only above an assigned sub-analysis does not open its variants: no count, no link.
        var readable = run.VariantCount is not null && run.Status == AnalysisStatus.COMPLETE &&
            await AnalysisVisibility.WithReadableData(db, scope.Access, me, query.WorkspaceId).AnyAsync(a => a.Id == run.Id, cancellationToken);
        return (await AnalysisRows.ToDtosAsync(db, accounts, [run], await ListFilesHandler.ToDtosAsync(outputs, accounts, cancellationToken),
            clock.GetUtcNow(), cancellationToken))[0] with
        { VariantCount = readable ? run.VariantCount : null };
    }
}

internal static class AnalysisRows
{
    public static async Task<IReadOnlyList<AnalysisDto>> ToDtosAsync(IApplicationDbContext db, IUserAccounts accounts, IReadOnlyList<Analysis> runs,
        IReadOnlyList<FileDto> outputs, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (runs.Count == 0) return [];
        var sampleIds = runs.SelectMany(r => r.Samples.Select(s => s.SampleId)).Distinct().ToList();
        var samples = await db.Samples.AsNoTracking().Where(s => sampleIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var workflowIds = runs.Where(r => r.WorkflowId is not null).Select(r => r.WorkflowId!.Value).Distinct().ToList();
        var workflows = await db.Workflows.AsNoTracking().Where(w => workflowIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, cancellationToken);
        var bundleIds = runs.Where(r => r.ReferenceBundleId is not null).Select(r => r.ReferenceBundleId!.Value).Distinct().ToList();
        var bundles = await db.ReferenceBundles.AsNoTracking().Where(b => bundleIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, cancellationToken);
        var names = await accounts.DisplayNamesAsync(runs.Select(r => r.LaunchedBy).Concat(runs.SelectMany(r => r.Assignments.Select(a => a.UserId))).Distinct(),
            cancellationToken);
        PersonDto Person(Guid id) => new(id, names.GetValueOrDefault(id, "Former user"));
        return runs.Select(r => new AnalysisDto(r.Id, r.WorkspaceId,
            r.Samples.Select(s => new SampleRefDto(s.SampleId, samples.GetValueOrDefault(s.SampleId, "(in the trash)"))).ToList(),
            r.ParentId, r.Kind, r.Pipeline, r.WorkflowId, r.WorkflowId is { } w ? workflows.GetValueOrDefault(w) : null,
            r.ReferenceBundleId is { } b && bundles.TryGetValue(b, out var bundle) ? new ReferenceRefDto(bundle.Id, bundle.Name, bundle.Version, bundle.GenomeBuild) : null,
            JsonDocument.Parse(r.ParametersJson).RootElement.Clone(), r.Status.ToString(),
            r.Steps.OrderBy(s => s.Position).Select(s => new AnalysisStepDto(s.Name, s.Status.ToString(), s.StartedAt, s.EndedAt, s.CpuSeconds)).ToList(),
            r.Inputs.Select(i => i.FileId).ToList(), outputs,
            r.WallSeconds ?? (r.StartedAt is { } started && !r.Status.IsFinal() ? Math.Round((now - started).TotalSeconds, 1) : null),
            r.CpuSeconds, r.Attempts, r.Reason, Person(r.LaunchedBy),
            r.Assignments.OrderBy(a => a.AssignedAt).Select(a => Person(a.UserId)).ToList(), r.CreatedAt, r.StartedAt, r.EndedAt, r.RetryOf)).ToList();
    }
}

/// <summary>The engine's full log of a run I may see (plain text; the stored tail when the full log is gone).</summary>
public sealed record GetAnalysisLog(Guid OrganizationId, Guid WorkspaceId, Guid AnalysisId) : IQuery<string>, IWorkspaceRequest;

public sealed class GetAnalysisLogHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IRunFiles runFiles)
    : IQueryHandler<GetAnalysisLog, string>
{
    public async ValueTask<string> Handle(GetAnalysisLog query, CancellationToken cancellationToken)
    {
        var run = await AnalysisVisibility.VisibleAnalyses(db, scope.Access, currentUser.UserId!.Value, query.WorkspaceId).AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == query.AnalysisId, cancellationToken) ?? throw new NotFoundException("The analysis");
        return await runFiles.ReadLogAsync(run.OrganizationId, run.Id, cancellationToken) ?? run.LogTail;
    }
}

/// <summary>Where runs keep their working folders and full logs (the worker writes them, the API reads the log).</summary>
public interface IRunFiles
{
    Task<string?> ReadLogAsync(Guid organizationId, Guid analysisId, CancellationToken cancellationToken);
}

using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Analyses;

/// <summary>
/// One run of a pipeline on a sample (or several), or a sub-analysis of a finished run (it has a parent). Queued in the
/// database; a worker takes it with a lease it renews while the engine runs (the lease columns belong to the queue, not to
/// this class). Its outputs become files of the sample when it completes, in the same transaction as COMPLETE.
/// </summary>
public sealed class Analysis : Entity, ITenantOwned
{
    public const int LogTailMaxLength = 16_000;
    public const int ReasonMaxLength = 2_000;

    private readonly List<AnalysisSample> _samples = [];
    private readonly List<AnalysisStep> _steps = [];
    private readonly List<AnalysisInput> _inputs = [];
    private readonly List<AnalysisAssignment> _assignments = [];

    private Analysis() { }

    public Analysis(Guid organizationId, Guid workspaceId, string pipeline, string parametersJson, IReadOnlyCollection<Guid> sampleIds,
        IReadOnlyCollection<Guid> inputFileIds, IReadOnlyList<string> stepNames, Guid launchedBy, DateTimeOffset createdAt, Guid? workflowId = null, Guid? referenceBundleId = null,
        Guid? parentId = null, string? kind = null)
    {
        if (sampleIds.Count == 0) throw new DomainException("An analysis needs a sample.");
        OrganizationId = organizationId;
        WorkspaceId = workspaceId;
        Pipeline = pipeline;
        Kind = kind ?? pipeline;
        ParametersJson = parametersJson;
        WorkflowId = workflowId;
        ReferenceBundleId = referenceBundleId;
        ParentId = parentId;
        LaunchedBy = launchedBy;
        CreatedAt = createdAt;
        Status = AnalysisStatus.QUEUED;
        _samples.AddRange(sampleIds.Distinct().Select(s => new AnalysisSample(Id, s)));
        _inputs.AddRange(inputFileIds.Distinct().Select(f => new AnalysisInput(Id, f)));
        _steps.AddRange(stepNames.Select((name, i) => new AnalysisStep(Id, name, i)));
    }

    public Guid OrganizationId { get; private init; }
    public Guid WorkspaceId { get; private init; }
    /// <summary>The main analysis this sub-analysis filters or re-annotates.</summary>
    public Guid? ParentId { get; private init; }
    /// <summary>What was run: the pipeline's key, or for a sub-analysis its kind (gene-list, …).</summary>
    public string Kind { get; private init; } = "";
    public string Pipeline { get; private init; } = "";
    public Guid? WorkflowId { get; private init; }
    public Guid? ReferenceBundleId { get; private init; }
    /// <summary>The parameters the run used, every default filled in (JSON object).</summary>
    public string ParametersJson { get; private init; } = "{}";
    public AnalysisStatus Status { get; private set; }
    public Guid LaunchedBy { get; private init; }
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    /// <summary>How many times a worker has taken the run (a run whose worker died is retried once).</summary>
    public int Attempts { get; private set; }
    public double? WallSeconds { get; private set; }
    /// <summary>CPU seconds (user + system) of the engine's whole process tree.</summary>
    public double? CpuSeconds { get; private set; }
    /// <summary>Why the run failed or was cancelled, in words a user can act on.</summary>
    public string? Reason { get; private set; }
    /// <summary>The end of the engine's log (the full log is kept with the run).</summary>
    public string LogTail { get; private set; } = "";
    public Guid? CanceledBy { get; private set; }
    /// <summary>The run this one retries (a retry is a new run).</summary>
    public Guid? RetryOf { get; private init; }

    public IReadOnlyCollection<AnalysisSample> Samples => _samples;
    public IReadOnlyCollection<AnalysisStep> Steps => _steps;
    public IReadOnlyCollection<AnalysisInput> Inputs => _inputs;
    public IReadOnlyCollection<AnalysisAssignment> Assignments => _assignments;

    /// <summary>A new run with the same pipeline, parameters, samples and inputs.</summary>
    public Analysis Retry(Guid launchedBy, DateTimeOffset now)
    {
        if (!Status.IsFinal() || Status == AnalysisStatus.COMPLETE) throw new DomainException("Only a failed or cancelled run can be retried.");
        return new Analysis(OrganizationId, WorkspaceId, Pipeline, ParametersJson, _samples.Select(s => s.SampleId).ToList(),
            _inputs.Select(i => i.FileId).ToList(), _steps.OrderBy(s => s.Position).Select(s => s.Name).ToList(), launchedBy, now, WorkflowId, ReferenceBundleId, ParentId, Kind)
        { RetryOf = Id };
    }

    /// <summary>Asks for the run to stop: a queued run is cancelled at once; a running one when its worker has killed the engine.</summary>
    public void Cancel(Guid by, DateTimeOffset now)
    {
        if (Status.IsFinal() || Status == AnalysisStatus.CANCELING) throw new DomainException($"The run is already {Status}.");
        CanceledBy = by;
        if (Status == AnalysisStatus.QUEUED) Finish(AnalysisStatus.CANCELED, now, "Cancelled before it started.");
        else Status = AnalysisStatus.CANCELING;
    }

    /// <summary>
    /// A worker took the run (the queue's claim set INITIALIZING, the lease and <see cref="Attempts"/>): a second attempt,
    /// after a worker died, starts its steps over.
    /// </summary>
    public void StartOver()
    {
        foreach (var step in _steps) step.Reset();
        (VariantCount, VariantSamples) = (null, null);
    }

    /// <summary>Back to the queue after its worker died (the claim counted the attempt).</summary>
    public void Requeue()
    {
        if (!Status.IsLeased()) throw new DomainException($"A {Status} run is not held by a worker.");
        Status = AnalysisStatus.QUEUED;
        StartOver();
    }

    public void Started(DateTimeOffset now)
    {
        Status = AnalysisStatus.RUNNING;
        StartedAt ??= now;
    }

    /// <summary>
    /// Records a step's progress as the engine reports it (a step the pipeline did not declare is added at the end), with
    /// the CPU seconds its tools used when the engine can tell.
    /// </summary>
    public void StepChanged(string name, AnalysisStatus status, DateTimeOffset at, double? cpuSeconds = null)
    {
        var step = _steps.FirstOrDefault(s => s.Name == name);
        if (step is null)
        {
            step = new AnalysisStep(Id, name, _steps.Count);
            _steps.Add(step);
        }
        step.Change(status, at, cpuSeconds);
    }

    /// <summary>How many variant rows the import wrote (null: nothing imported), and the VCF's sample names in their order.</summary>
    public int? VariantCount { get; private set; }
    public string? VariantSamples { get; private set; }

    public void VariantsImported(int count, IReadOnlyList<string> sampleNames)
    {
        VariantCount = count;
        VariantSamples = string.Join('\t', sampleNames);
    }

    public void KeepLogTail(string tail) =>
        LogTail = tail.Length > LogTailMaxLength ? tail[^LogTailMaxLength..] : tail;

    public void Measured(double wallSeconds, double? cpuSeconds)
    {
        WallSeconds = Math.Round(wallSeconds, 3);
        CpuSeconds = cpuSeconds is null ? null : Math.Round(cpuSeconds.Value, 3);
    }

    /// <summary>Ends the run; steps still running end with it (failed, or cancelled).</summary>
    public void Finish(AnalysisStatus status, DateTimeOffset now, string? reason = null)
    {
        if (!status.IsFinal()) throw new DomainException($"{status} is not a final state.");
        Status = status;
        EndedAt = now;
        Reason = reason is null ? null : reason.Length > ReasonMaxLength ? reason[..ReasonMaxLength] : reason;
        foreach (var step in _steps.Where(s => !s.Status.IsFinal())) step.Change(status, now, null);
        if (status != AnalysisStatus.CANCELED) Raise(new AnalysisFinished(this));
    }

    public bool IsAssignedTo(Guid userId) => _assignments.Any(a => a.UserId == userId);

    /// <summary>Sets exactly who is assigned; answers who was added and who removed.</summary>
    public (IReadOnlyList<Guid> Added, IReadOnlyList<Guid> Removed) ReplaceAssignees(IReadOnlyCollection<Guid> userIds, Guid by, DateTimeOffset now)
    {
        var removed = _assignments.Where(a => !userIds.Contains(a.UserId)).ToList();
        foreach (var a in removed) _assignments.Remove(a);
        var added = userIds.Where(u => !IsAssignedTo(u)).Distinct().ToList();
        _assignments.AddRange(added.Select(u => new AnalysisAssignment(Id, WorkspaceId, u, by, now)));
        if (added.Count > 0) Raise(new AnalysisAssigneesChanged(this, added));
        return (added, removed.Select(a => a.UserId).ToList());
    }
}

public sealed class AnalysisSample
{
    private AnalysisSample() { }
    internal AnalysisSample(Guid analysisId, Guid sampleId) => (AnalysisId, SampleId) = (analysisId, sampleId);
    public Guid AnalysisId { get; private init; }
    public Guid SampleId { get; private init; }
}

/// <summary>A file the run reads (its FASTQ pair, its VCF).</summary>
public sealed class AnalysisInput
{
    private AnalysisInput() { }
    internal AnalysisInput(Guid analysisId, Guid fileId) => (AnalysisId, FileId) = (analysisId, fileId);
    public Guid AnalysisId { get; private init; }
    public Guid FileId { get; private init; }
}

public sealed class AnalysisStep
{
    private AnalysisStep() { }

    internal AnalysisStep(Guid analysisId, string name, int position)
    {
        AnalysisId = analysisId;
        Name = name;
        Position = position;
        Status = AnalysisStatus.QUEUED;
    }

    public Guid AnalysisId { get; private init; }
    public string Name { get; private init; } = "";
    public int Position { get; private init; }
    public AnalysisStatus Status { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public double? CpuSeconds { get; private set; }

    internal void Reset() => (Status, StartedAt, EndedAt, CpuSeconds) = (AnalysisStatus.QUEUED, null, null, null);

    internal void Change(AnalysisStatus status, DateTimeOffset at, double? cpuSeconds)
    {
        Status = status;
        if (cpuSeconds is { } cpu) CpuSeconds = Math.Round(cpu, 3);
        if (status == AnalysisStatus.RUNNING) StartedAt ??= at;
        if (status.IsFinal()) EndedAt ??= at;
    }
}

/// <summary>Someone assigned a (sub-)analysis: they see it, and its main analysis's row, even without the sample.</summary>
public sealed class AnalysisAssignment
{
    private AnalysisAssignment() { }

    internal AnalysisAssignment(Guid analysisId, Guid workspaceId, Guid userId, Guid assignedBy, DateTimeOffset assignedAt)
    {
        AnalysisId = analysisId;
        WorkspaceId = workspaceId;
        UserId = userId;
        AssignedBy = assignedBy;
        AssignedAt = assignedAt;
    }

    public Guid AnalysisId { get; private init; }
    public Guid WorkspaceId { get; private init; }
    public Guid UserId { get; private init; }
    public Guid AssignedBy { get; private init; }
    public DateTimeOffset AssignedAt { get; private init; }
}

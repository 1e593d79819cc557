using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VariantMiner.Application.Analyses;
using VariantMiner.Application.Common.Exceptions;
using VariantMiner.Application.Files;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Files;
using VariantMiner.Infrastructure.Storage;
using VariantMiner.Infrastructure.Variants;

namespace VariantMiner.Infrastructure.Analyses;

/// <summary>
/// Runs one claimed analysis to its end, inside the run's organization scope: writes the CWL job, starts the engine,
/// follows its log (step states, lease heartbeat, cancel), then either registers the outputs as files of the sample —
/// all of them and COMPLETE in one transaction, or none — or records why it failed. Outputs of a run that did not
/// complete are never registered: they stay in the work folder, which is removed.
/// </summary>
public sealed class RunExecutor(AppDbContext db, RunQueue queue, IPipelineCatalog catalog, CwlEngine engine, RunFiles runFiles, LocalFileStore store,
    ReferenceFiles references, VariantImporter importer, VariantPartitions partitions, InheritanceFilter inheritance, IUnitOfWork unitOfWork, IOptions<WorkerOptions> options, TimeProvider clock, ILogger<RunExecutor> logger)
{
    private const int TailLines = 60;

    public async Task ExecuteAsync(ClaimedRun claimed, string worker, CancellationToken stoppingToken)
    {
        try
        {
            await ExecuteAttemptAsync(claimed, worker, stoppingToken);
        }
        catch (Exception e) when (e is not (ConflictException or OperationCanceledException))
        {
            // A fault of the worker itself (not of the pipeline): end the run now with the reason, rather than leave it to the lease.
            logger.LogError(e, "Run {Run} failed in the worker", claimed.Id);
            db.ChangeTracker.Clear();
            var run = await db.Analyses.SingleAsync(a => a.Id == claimed.Id, stoppingToken);
            if (!run.Status.IsFinal()) await FinishAsync(run, worker, AnalysisStatus.SYSTEM_ERROR, $"The worker failed: {e.Message}", stoppingToken);
            runFiles.DeleteWorkFolders(run.OrganizationId, run.Id);
        }
        catch (ConflictException)
        {
            // The run's status is a concurrency token: it changed under the worker, which only happens when someone
            // cancelled it between two of the worker's writes. The cancel wins.
            db.ChangeTracker.Clear();
            var run = await db.Analyses.SingleAsync(a => a.Id == claimed.Id, stoppingToken);
            if (run.Status != AnalysisStatus.CANCELING) throw;
            await FinishAsync(run, worker, AnalysisStatus.CANCELED, "Cancelled before its outputs were registered.", stoppingToken);
        }
    }

    private async Task ExecuteAttemptAsync(ClaimedRun claimed, string worker, CancellationToken stoppingToken)
    {
        var run = await db.Analyses.SingleAsync(a => a.Id == claimed.Id, stoppingToken);
        if (run.Attempts > 1) run.StartOver();
        var pipeline = catalog.Find(run.Pipeline);
        if (pipeline is null)
        {
            await FinishAsync(run, worker, AnalysisStatus.SYSTEM_ERROR, $"The pipeline {run.Pipeline} is not installed on this server.", stoppingToken);
            return;
        }
        if (catalog.MissingTools(pipeline) is { Count: > 0 } missing)
        {
            await FinishAsync(run, worker, AnalysisStatus.SYSTEM_ERROR, $"Not installed on the worker: {string.Join(", ", missing)}.", stoppingToken);
            return;
        }

        if (pipeline.Builtin == PipelineDefinition.Inheritance)
        {
            await RunInheritanceAsync(run, pipeline, worker, stoppingToken);
            return;
        }

        runFiles.KillLeftoverEngines(run.OrganizationId, run.Id);
        runFiles.DeleteWorkFolders(run.OrganizationId, run.Id);
        var work = runFiles.WorkFolderOf(run.OrganizationId, run.Id, run.Attempts);
        Directory.CreateDirectory(Path.Combine(work, "tmp"));
        var logPath = runFiles.LogOf(run.OrganizationId, run.Id);

        string jobPath;
        try
        {
            jobPath = Path.Combine(work, "job.json");
            await File.WriteAllTextAsync(jobPath, (await JobAsync(run, pipeline, work, stoppingToken)).ToJsonString(), stoppingToken);
        }
        catch (RunInputException e)
        {
            await FinishAsync(run, worker, AnalysisStatus.SYSTEM_ERROR, e.Message, stoppingToken);
            return;
        }

        run.Started(clock.GetUtcNow());
        await SaveAsync(stoppingToken);
        var started = Stopwatch.StartNew();

        var outcome = await RunEngineAsync(run, worker, pipeline, jobPath, work, logPath, stoppingToken);
        var cpu = File.Exists(Path.Combine(work, "cpu-times")) ? CwlEngine.ParseCpuTimes(await File.ReadAllTextAsync(Path.Combine(work, "cpu-times"), stoppingToken)) : null;
        run.Measured(started.Elapsed.TotalSeconds, cpu);
        run.KeepLogTail(Tail(logPath));

        try
        {
            switch (outcome)
            {
                case EngineOutcome.LostLease:
                    logger.LogWarning("Run {Run} was taken over by another worker; this worker leaves it", run.Id);
                    return;
                case EngineOutcome.Canceled:
                    await FinishAsync(run, worker, AnalysisStatus.CANCELED, "Cancelled while running; the engine was stopped.", stoppingToken);
                    return;
                case EngineOutcome.OverQuota overQuota:
                    await FinishAsync(run, worker, AnalysisStatus.EXECUTOR_ERROR, overQuota.Reason, stoppingToken);
                    return;
                case EngineOutcome.Failed failed:
                    var step = run.Steps.Where(s => s.Status == AnalysisStatus.EXECUTOR_ERROR).OrderBy(s => s.Position).FirstOrDefault()
                        ?? run.Steps.Where(s => s.Status == AnalysisStatus.RUNNING).OrderBy(s => s.Position).FirstOrDefault();
                    await FinishAsync(run, worker, AnalysisStatus.EXECUTOR_ERROR,
                        $"{(step is null ? "The workflow" : $"The step {step.Name}")} failed (engine exit code {failed.ExitCode}). The log ends with: {LastLines(run.LogTail, 5)}",
                        stoppingToken);
                    return;
                case EngineOutcome.Succeeded succeeded:
                    if (pipeline.ImportVariants is { } key && !await ImportVariantsAsync(run, worker, key, succeeded.OutputJson, stoppingToken)) return;
                    await RegisterOutputsAsync(run, pipeline, worker, succeeded.OutputJson, stoppingToken);
                    return;
            }
        }
        finally
        {
            if (outcome is not EngineOutcome.LostLease) runFiles.DeleteWorkFolders(run.OrganizationId, run.Id);
        }
    }

    private abstract record EngineOutcome
    {
        public sealed record Succeeded(string OutputJson) : EngineOutcome;
        public sealed record Failed(int ExitCode) : EngineOutcome;
        public sealed record Canceled : EngineOutcome;
        public sealed record LostLease : EngineOutcome;
        public sealed record OverQuota(string Reason) : EngineOutcome;
    }

    private async Task<EngineOutcome> RunEngineAsync(Analysis run, string worker, PipelineDefinition pipeline, string jobPath, string work, string logPath,
        CancellationToken stoppingToken)
    {
        var command = engine.CommandLine(Path.Combine(pipeline.Directory, pipeline.Workflow), jobPath, work);
        var start = new ProcessStartInfo(command[0]) { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in command.Skip(1)) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The engine did not start.");
        RunFiles.RecordEngine(work, process.Id);
        var stdout = process.StandardOutput.ReadToEndAsync(stoppingToken);

        // The log reader only queues step events; this loop alone touches the run (a DbContext is single-threaded).
        var events = new System.Collections.Concurrent.ConcurrentQueue<StepProgress>();
        var steps = new StepClock(pipeline.Steps.LastOrDefault());
        var stderr = Task.Run(async () =>
        {
            await using var log = new StreamWriter(new FileStream(logPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite));
            while (await process.StandardError.ReadLineAsync(stoppingToken) is { } line)
            {
                await log.WriteLineAsync(line);
                await log.FlushAsync(stoppingToken);
                // The engine's reaped-children CPU is read as the line arrives: a step's tools were waited for before its end was logged.
                if (engine.Parse(line) is { } step) events.Enqueue(new StepProgress(step, clock.GetUtcNow(), EngineCpu.ReapedSeconds(process.Id)));
            }
        }, stoppingToken);

        var heartbeat = options.Value.Heartbeat;
        var lastBeat = Stopwatch.StartNew();
        EngineOutcome? stopped = null;
        while (!process.HasExited)
        {
            try
            {
                await Task.WhenAny(process.WaitForExitAsync(stoppingToken), Task.Delay(TimeSpan.FromSeconds(1), stoppingToken));
                stoppingToken.ThrowIfCancellationRequested();
            }
            catch (OperationCanceledException)
            {
                // The host is stopping: leave the run to the lease (another worker, or this one after restart, takes it over).
                process.Kill(entireProcessTree: true);
                throw;
            }
            if (process.HasExited) break;
            if (await RecordStepsAsync(run, events, steps, stoppingToken) && await OverQuotaAsync(run, work, stoppingToken) is { } reason)
            {
                stopped = new EngineOutcome.OverQuota(reason);
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                break;
            }
            if (lastBeat.Elapsed < heartbeat) continue;
            lastBeat.Restart();
            if (!await queue.RenewAsync(run.Id, worker, clock.GetUtcNow(), options.Value.Lease, stoppingToken)) stopped = new EngineOutcome.LostLease();
            else if (await db.Analyses.AsNoTracking().Where(a => a.Id == run.Id).Select(a => a.Status).SingleAsync(stoppingToken) == AnalysisStatus.CANCELING)
                stopped = new EngineOutcome.Canceled();
            if (stopped is not null)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                break;
            }
        }
        await stderr;
        await RecordStepsAsync(run, events, steps, stoppingToken);
        var output = await stdout;
        if (stopped is not null) return stopped;
        // A cancel that arrived after the last heartbeat still wins over a result nobody wants any more.
        if (await db.Analyses.AsNoTracking().Where(a => a.Id == run.Id).Select(a => a.Status).SingleAsync(stoppingToken) == AnalysisStatus.CANCELING)
            return new EngineOutcome.Canceled();
        return process.ExitCode == 0 ? new EngineOutcome.Succeeded(output) : new EngineOutcome.Failed(process.ExitCode);
    }

    private sealed record StepProgress(StepEvent Step, DateTimeOffset At, double? EngineCpu);

    /// <summary>Each step's CPU: what the engine reaped between the step's start and its end (cwltool runs steps one at a time).</summary>
    private sealed class StepClock(string? lastStep)
    {
        private readonly Dictionary<string, double?> _startCpu = [];

        public double? CpuOf(StepProgress progress)
        {
            if (progress.Step.Status == AnalysisStatus.RUNNING)
            {
                _startCpu[progress.Step.Step] = progress.EngineCpu;
                return null;
            }
            return _startCpu.GetValueOrDefault(progress.Step.Step) is { } start && progress.EngineCpu is { } end ? Math.Max(0, end - start) : null;
        }

        public bool IsLastStart(StepProgress progress) => progress.Step.Status == AnalysisStatus.RUNNING && progress.Step.Step == lastStep;
    }

    /// <returns>true when the pipeline's last step has just started.</returns>
    private async Task<bool> RecordStepsAsync(Analysis run, System.Collections.Concurrent.ConcurrentQueue<StepProgress> events, StepClock steps,
        CancellationToken cancellationToken)
    {
        if (events.IsEmpty) return false;
        var lastStarted = false;
        while (events.TryDequeue(out var e))
        {
            run.StepChanged(e.Step.Step, e.Step.Status, e.At, steps.CpuOf(e));
            lastStarted |= steps.IsLastStart(e);
        }
        await SaveAsync(cancellationToken);
        return lastStarted;
    }

    /// <summary>
    /// As the last step starts, the files the run has written so far (its outputs are among them) must fit in the
    /// organization's free storage; otherwise the run stops there rather than compute outputs it could not keep. The
    /// registration checks the exact figure again.
    /// </summary>
    private async Task<string?> OverQuotaAsync(Analysis run, string work, CancellationToken cancellationToken)
    {
        var written = new DirectoryInfo(work).EnumerateFiles("*", SearchOption.AllDirectories).Where(f => f.LinkTarget is null).Sum(f => f.Length);
        var free = await StorageLedger.FreeBytesAsync(db, run.OrganizationId, cancellationToken);
        return written <= free ? null
            : $"Stopped before its last step: the files written so far ({Bytes(written)}) exceed the organization's free storage ({Bytes(Math.Max(0, free))}). Free space or raise the quota, then retry.";
    }

    /// <summary>Every write of the worker in a transaction, like a command's: the audit chain's lock is held for it.</summary>
    private Task SaveAsync(CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync(async () => await db.SaveChangesAsync(cancellationToken), cancellationToken);

    /// <summary>The CWL job: input files and the reference by their paths on this machine, parameters by their CWL names.</summary>
    private async Task<JsonObject> JobAsync(Analysis run, PipelineDefinition pipeline, string work, CancellationToken cancellationToken)
    {
        var job = new JsonObject();
        var inputIds = run.Inputs.Select(i => i.FileId).ToList();
        var inputs = await db.StoredFiles.AsNoTracking().Where(f => inputIds.Contains(f.Id)).ToListAsync(cancellationToken);
        foreach (var input in pipeline.Inputs)
        {
            var file = inputs.FirstOrDefault(f => f.Kind == input.Kind && (input.Read is null || f.ReadNumber == input.Read || (input.Read == 1 && f.ReadNumber is null)));
            if (file is null)
            {
                if (input.Required) throw new RunInputException($"The input file for {input.Cwl} was deleted before the run started.");
                continue;
            }
            job[input.Cwl] = CwlFile(store.PathOf(file.OrganizationId, file.Id));
        }
        var sampleId = run.Samples.First().SampleId;
        var sampleName = await db.Samples.IgnoreQueryFilters([QueryFilters.Trash]).Where(s => s.Id == sampleId).Select(s => s.Name).SingleAsync(cancellationToken);
        job["sample_name"] = SafeName(sampleName);

        var parameters = JsonNode.Parse(run.ParametersJson)!.AsObject();
        foreach (var p in pipeline.Parameters)
        {
            if (p.Cwl is null || parameters[p.Key] is not { } value) continue;
            job[p.Cwl] = p.Type switch
            {
                "reference" => CwlFile(await references.GenomePathAsync(Guid.Parse(value.GetValue<string>()), cancellationToken)
                    ?? throw new RunInputException("The reference bundle is not ready on this machine.")),
                "file" => CwlFile(await FilePathAsync(Guid.Parse(value.GetValue<string>()), cancellationToken)),
                _ => value.DeepClone(),
            };
        }
        if (pipeline.GeneModels is { } geneModels)
        {
            var path = await references.GeneModelsPathAsync(run.ReferenceBundleId, cancellationToken);
            if (path is null && pipeline.Annotations is null)
                throw new RunInputException("The reference bundle has no gene models (GFF3); this analysis needs them.");
            // Annotation without gene models: consequences are skipped, the other sources still apply.
            job[geneModels] = CwlFile(path ?? await NoGeneModelsAsync(work, cancellationToken));
        }
        if (pipeline.Annotations is { } annotations)
            job[annotations] = new JsonArray((await references.AnnotationPathsAsync(run.ReferenceBundleId, cancellationToken)).Select(p => (JsonNode)CwlFile(p)).ToArray());
        return job;
    }

    private static async Task<string> NoGeneModelsAsync(string work, CancellationToken cancellationToken)
    {
        var path = Path.Combine(work, "no-genes.gff3");
        await File.WriteAllTextAsync(path, "##gff-version 3\n", cancellationToken);
        return path;
    }

    private async Task<string> FilePathAsync(Guid id, CancellationToken cancellationToken)
    {
        var file = await db.StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken)
            ?? throw new RunInputException("A file named in the parameters was deleted before the run started.");
        return store.PathOf(file.OrganizationId, file.Id);
    }

    private static JsonObject CwlFile(string path) => new() { ["class"] = "File", ["path"] = path };

    /// <summary>The sample's name as the read group and output name: letters, digits, dot, dash and underscore only.</summary>
    private static string SafeName(string name)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()).Trim('.');
        return safe.Length == 0 ? "sample" : safe;
    }

    /// <summary>
    /// Every declared output (and its index files) becomes a file of the sample, counted against the quota, in one
    /// transaction with COMPLETE; over the quota → the run fails with the figures and no file is kept.
    /// </summary>
    private async Task RegisterOutputsAsync(Analysis run, PipelineDefinition pipeline, string worker, string outputJson, CancellationToken cancellationToken)
    {
        var outputs = new List<(string Path, string Name, string Kind)>();
        var document = JsonNode.Parse(outputJson)?.AsObject() ?? new JsonObject();
        foreach (var (key, kind) in pipeline.Outputs)
        {
            if (document[key] is not JsonObject file) continue;
            outputs.Add((LocalPath(file), Path.GetFileName(LocalPath(file)), kind));
            foreach (var secondary in file["secondaryFiles"]?.AsArray() ?? [])
                outputs.Add((LocalPath(secondary!), Path.GetFileName(LocalPath(secondary!)), "other"));
        }
        var total = outputs.Sum(o => new FileInfo(o.Path).Length);
        var sampleId = run.Samples.First().SampleId;
        var now = clock.GetUtcNow();
        // Bytes move into the store first (same disk: a rename), rows follow in one transaction. Should the process die in
        // between, the store's sweep removes bytes no row refers to.
        var files = new List<StoredFile>();
        foreach (var (path, name, kind) in outputs)
        {
            var id = Guid.CreateVersion7();
            var sha256 = await Sha256Async(path, cancellationToken);
            var size = new FileInfo(path).Length;
            store.Adopt(run.OrganizationId, id, path);
            files.Add(StoredFile.Output(id, run.OrganizationId, run.WorkspaceId, sampleId, run.Id, name, kind, size, sha256, run.LaunchedBy, now));
        }
        bool? registered = null;
        try
        {
            registered = await unitOfWork.InTransactionAsync(async () =>
            {
                if (!await queue.RenewAsync(run.Id, worker, now, options.Value.Lease, cancellationToken)) return (bool?)null;
                if (!await StorageLedger.TryUseAsync(db, run.OrganizationId, total, cancellationToken)) return false;
                db.StoredFiles.AddRange(files);
                run.Finish(AnalysisStatus.COMPLETE, now);
                await db.SaveChangesAsync(cancellationToken);
                await queue.ReleaseAsync(run.Id, cancellationToken);
                return true;
            }, cancellationToken);
        }
        finally
        {
            if (registered != true) foreach (var file in files) store.Delete(run.OrganizationId, file.Id);
        }

        if (registered is null) return; // taken over by another worker meanwhile
        if (registered == false)
            await FinishAsync(run, worker, AnalysisStatus.EXECUTOR_ERROR,
                $"The outputs ({Bytes(total)}) would exceed the organization's storage quota; free space or raise the quota, then retry.", cancellationToken);
    }

    /// <summary>
    /// The import step: the pipeline's VCF output becomes variant rows (invisible until the registration commits
    /// COMPLETE). A file that cannot be read ends the run in EXECUTOR_ERROR naming the line.
    /// </summary>
    /// <returns>false when the run ended (failed, or taken over by another worker).</returns>
    private async Task<bool> ImportVariantsAsync(Analysis run, string worker, string outputKey, string outputJson, CancellationToken cancellationToken)
    {
        if ((JsonNode.Parse(outputJson)?.AsObject() ?? [])[outputKey] is not JsonObject file)
        {
            await FinishAsync(run, worker, AnalysisStatus.EXECUTOR_ERROR, $"The pipeline produced no {outputKey} output to import.", cancellationToken);
            return false;
        }
        run.StepChanged(PipelineDefinition.ImportStep, AnalysisStatus.RUNNING, clock.GetUtcNow());
        await SaveAsync(cancellationToken);
        var lostLease = false;
        try
        {
            var (rows, samples) = await importer.ImportAsync(run, LocalPath(file), async () =>
            {
                if (!await queue.RenewAsync(run.Id, worker, clock.GetUtcNow(), options.Value.Lease, cancellationToken))
                {
                    lostLease = true;
                    throw new OperationCanceledException("The run's lease was taken over.");
                }
            }, cancellationToken);
            run.VariantsImported(rows, samples);
            run.StepChanged(PipelineDefinition.ImportStep, AnalysisStatus.COMPLETE, clock.GetUtcNow());
            return true;
        }
        catch (Variants.Vcf.VcfFormatException e)
        {
            await partitions.DeleteAsync(run.Id, cancellationToken);
            run.StepChanged(PipelineDefinition.ImportStep, AnalysisStatus.EXECUTOR_ERROR, clock.GetUtcNow());
            await FinishAsync(run, worker, AnalysisStatus.EXECUTOR_ERROR, $"The variants could not be imported: {e.Message}", cancellationToken);
            return false;
        }
        catch (OperationCanceledException) when (lostLease)
        {
            logger.LogWarning("Run {Run} was taken over during its import; this worker leaves it", run.Id);
            return false;
        }
    }

    /// <summary>
    /// The inheritance sub-analysis: no engine, one transaction that writes the rows, records the figures and COMPLETE —
    /// after checking that the three analyses it reads still hold their variants (a parent's analysis deleted since the
    /// launch would make every variant look de novo).
    /// </summary>
    private async Task RunInheritanceAsync(Analysis run, PipelineDefinition pipeline, string worker, CancellationToken cancellationToken)
    {
        var parameters = JsonNode.Parse(run.ParametersJson)!.AsObject();
        var mode = parameters["mode"]!.GetValue<string>();
        var father = Guid.Parse(parameters["fatherAnalysisId"]!.GetValue<string>());
        var mother = Guid.Parse(parameters["motherAnalysisId"]!.GetValue<string>());
        var proband = run.ParentId!.Value;
        var step = pipeline.Steps[0];
        run.Started(clock.GetUtcNow());
        run.StepChanged(step, AnalysisStatus.RUNNING, clock.GetUtcNow());
        await SaveAsync(cancellationToken);
        var started = Stopwatch.StartNew();

        var sources = await db.Analyses.AsNoTracking().Where(a => a.Id == proband || a.Id == father || a.Id == mother)
            .Where(a => a.Status == AnalysisStatus.COMPLETE && a.VariantCount != null).ToDictionaryAsync(a => a.Id, cancellationToken);
        if (sources.Count != 3)
        {
            await FinishAsync(run, worker, AnalysisStatus.SYSTEM_ERROR,
                "An analysis of the family (the proband's or a parent's) no longer holds its variants; launch the inheritance filter again.", cancellationToken);
            return;
        }
        string FirstSample(Guid id) => (sources[id].VariantSamples ?? "").Split('\t')[0];
        var done = await unitOfWork.InTransactionAsync(async () =>
        {
            if (!await queue.RenewAsync(run.Id, worker, clock.GetUtcNow(), options.Value.Lease, cancellationToken)) return false;
            await partitions.DeleteAsync(run.Id, cancellationToken);
            var rows = await inheritance.WriteAsync(run, mode, proband, father, mother, cancellationToken);
            run.VariantsImported(rows, [FirstSample(proband), FirstSample(father), FirstSample(mother)]);
            run.StepChanged(step, AnalysisStatus.COMPLETE, clock.GetUtcNow());
            run.Measured(started.Elapsed.TotalSeconds, null);
            run.Finish(AnalysisStatus.COMPLETE, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            await queue.ReleaseAsync(run.Id, cancellationToken);
            return true;
        }, cancellationToken);
        if (!done) logger.LogWarning("Run {Run} was taken over by another worker; this worker leaves it", run.Id);
    }

    /// <summary>A CWL File's path on this machine: "path" (cwltool), or its file:// "location" (Toil gives only that for secondary files).</summary>
    private static string LocalPath(JsonNode file) =>
        file["path"]?.GetValue<string>() ?? new Uri(file["location"]!.GetValue<string>()).LocalPath;

    private async Task FinishAsync(Analysis run, string worker, AnalysisStatus status, string reason, CancellationToken cancellationToken)
    {
        await partitions.DeleteAsync(run.Id, cancellationToken); // rows of an import that got this far are never wanted
        run.Finish(status, clock.GetUtcNow(), reason);
        await SaveAsync(cancellationToken);
        await queue.ReleaseAsync(run.Id, cancellationToken);
        logger.LogInformation("Run {Run} ended {Status}: {Reason}", run.Id, status, reason);
    }

    private static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    private static string Tail(string logPath)
    {
        if (!File.Exists(logPath)) return "";
        var lines = File.ReadLines(logPath).TakeLast(TailLines);
        return string.Join('\n', lines);
    }

    private static string LastLines(string text, int count) => string.Join(" | ", text.Split('\n').Where(l => l.Trim().Length > 0).TakeLast(count));

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1 << 30 => $"{bytes / (double)(1 << 30):0.0} GiB",
        >= 1 << 20 => $"{bytes / (double)(1 << 20):0.0} MiB",
        _ => $"{bytes / 1024.0:0.0} KiB",
    };
}

/// <summary>A run cannot start because something it reads is gone: it ends in SYSTEM_ERROR with this message.</summary>
public sealed class RunInputException(string message) : Exception(message);

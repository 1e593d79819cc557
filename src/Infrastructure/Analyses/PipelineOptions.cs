namespace VariantMiner.Infrastructure.Analyses;

/// <summary>
/// Configuration section <c>Pipelines</c>: where the CWL pipelines are and which engine runs them.
/// </summary>
public sealed class PipelineOptions
{
    /// <summary>The folder with one sub-folder per pipeline (pipeline.json + CWL); default: the pipelines shipped with the app.</summary>
    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "pipelines");

    /// <summary><c>cwltool</c> (local machine, the default) or <c>toil</c> (toil-cwl-runner, for clusters).</summary>
    public string Engine { get; set; } = "cwltool";

    /// <summary>Toil's own options, passed through (default: its single-machine batch system), e.g. ["--batchSystem", "slurm"].</summary>
    public string[] ToilOptions { get; set; } = ["--batchSystem", "single_machine"];
}

/// <summary>Configuration section <c>Workers</c>: the run queue's workers in this process.</summary>
public sealed class WorkerOptions
{
    /// <summary>Whether this process takes runs from the queue (the web process does by default; <c>--worker</c> processes always).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Runs this process executes at once.</summary>
    public int Slots { get; set; } = 1;

    /// <summary>How long a claim holds without a heartbeat; a worker that dies loses its runs after this.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an idle worker looks for queued runs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A run whose worker died is taken again up to this many times in all, then ends in SYSTEM_ERROR.</summary>
    public int MaxAttempts { get; set; } = 2;
}

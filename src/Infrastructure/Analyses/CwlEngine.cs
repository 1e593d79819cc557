using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using VariantMiner.Domain.Analyses;

namespace VariantMiner.Infrastructure.Analyses;

/// <summary>A step event read from the engine's log.</summary>
public sealed record StepEvent(string Step, AnalysisStatus Status);

/// <summary>
/// How a CWL engine is started and how its log tells step progress. cwltool (the default) logs
/// <c>[step align] start</c> and <c>[step align] completed success|permanentFail</c>; Toil logs when it issues a step's
/// job (<c>Issued job 'CWLJob' germline-fastq.cwl.align.…</c>) and not when one ends, so under Toil a step is RUNNING
/// from its issue until the run ends (or until a later step is issued that needs it — not tracked).
/// </summary>
public sealed partial class CwlEngine(IOptions<PipelineOptions> options, PipelineCatalog catalog)
{
    public bool IsToil => catalog.EngineProgram == "toil-cwl-runner";

    /// <summary>
    /// The command line: <c>setsid</c> gives the engine its own process group (so the whole tree can be killed, also by
    /// a worker that takes the run over after this one died), and <c>sh</c> lets the shell's <c>times</c> write the CPU
    /// time of the engine's whole process tree (every step's tools are its descendants, waited for) to <c>cpu-times</c>.
    /// </summary>
    public IReadOnlyList<string> CommandLine(string workflowPath, string jobPath, string workDirectory)
    {
        var outDir = Path.Combine(workDirectory, "out");
        var tmp = Path.Combine(workDirectory, "tmp") + Path.DirectorySeparatorChar;
        IEnumerable<string> engine = IsToil
            ? ["toil-cwl-runner", "--jobStore", "file:" + Path.Combine(workDirectory, "jobstore"), "--workDir", tmp, "--outdir", outDir,
                "--logInfo", .. options.Value.ToilOptions, workflowPath, jobPath]
            : ["cwltool", "--no-container", "--disable-color", "--outdir", outDir, "--tmpdir-prefix", tmp, "--tmp-outdir-prefix", tmp,
                workflowPath, jobPath];
        return ["setsid", "sh", "-c", "\"$@\"; rc=$?; times > cpu-times; exit $rc", "sh", .. engine];
    }

    public StepEvent? Parse(string line)
    {
        if (IsToil)
        {
            var issued = ToilIssued().Match(line);
            return issued.Success ? new StepEvent(issued.Groups["step"].Value, AnalysisStatus.RUNNING) : null;
        }
        var m = CwltoolStep().Match(line);
        if (!m.Success) return null;
        return m.Groups["what"].Value switch
        {
            "start" => new StepEvent(m.Groups["step"].Value, AnalysisStatus.RUNNING),
            "completed success" => new StepEvent(m.Groups["step"].Value, AnalysisStatus.COMPLETE),
            _ => new StepEvent(m.Groups["step"].Value, AnalysisStatus.EXECUTOR_ERROR),
        };
    }

    /// <summary>CPU seconds of the process tree from the shell's <c>times</c> (second line: children's user and system time).</summary>
    public static double? ParseCpuTimes(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 2) return null;
        double total = 0;
        foreach (Match m in ShellTime().Matches(lines[1]))
            total += double.Parse(m.Groups["m"].Value, System.Globalization.CultureInfo.InvariantCulture) * 60
                + double.Parse(m.Groups["s"].Value, System.Globalization.CultureInfo.InvariantCulture);
        return total;
    }

    [GeneratedRegex(@"\[step (?<step>[A-Za-z0-9_\-]+)\] (?<what>start|completed \w+)")]
    private static partial Regex CwltoolStep();

    [GeneratedRegex(@"Issued job 'CWLJob' [^ ]+?\.cwl\.(?<step>[A-Za-z0-9_\-]+)\.")]
    private static partial Regex ToilIssued();

    [GeneratedRegex(@"(?<m>\d+)m(?<s>[\d.]+)s")]
    private static partial Regex ShellTime();
}

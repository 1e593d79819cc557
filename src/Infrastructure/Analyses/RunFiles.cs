using VariantMiner.Application.Analyses;

namespace VariantMiner.Infrastructure.Analyses;

/// <summary>
/// A run's folder: <c>{DataDirectory}/runs/{organizationId}/{analysisId}/</c> holds the full engine log
/// (<c>engine.log</c>) for good, and while an attempt is going its working folder (<c>work-{attempt}/</c>: job, outputs,
/// temporary files, <c>engine.pid</c>), removed once the outputs are registered as files or the run failed. One folder
/// per attempt: an engine left running by a worker that died can never write into the next attempt's folder.
/// </summary>
public sealed class RunFiles(DatabaseSettings settings) : IRunFiles
{
    public string FolderOf(Guid organizationId, Guid analysisId) =>
        Path.Combine(settings.DataDirectory, "runs", organizationId.ToString("N"), analysisId.ToString("N"));

    public string LogOf(Guid organizationId, Guid analysisId) => Path.Combine(FolderOf(organizationId, analysisId), "engine.log");

    public string WorkFolderOf(Guid organizationId, Guid analysisId, int attempt) =>
        Path.Combine(FolderOf(organizationId, analysisId), $"work-{attempt}");

    /// <summary>Removes every attempt's working folder (the log stays).</summary>
    public void DeleteWorkFolders(Guid organizationId, Guid analysisId)
    {
        var folder = FolderOf(organizationId, analysisId);
        if (!Directory.Exists(folder)) return;
        foreach (var work in Directory.EnumerateDirectories(folder, "work-*")) Directory.Delete(work, recursive: true);
    }

    /// <summary>Records the engine's process group (this machine and pid) in the attempt's folder.</summary>
    public static void RecordEngine(string workFolder, int pid) =>
        File.WriteAllText(Path.Combine(workFolder, "engine.pid"), $"{Environment.MachineName} {pid}");

    /// <summary>
    /// Kills engines of earlier attempts still running on this machine (their worker died; the engine did not): the
    /// process group recorded in engine.pid, if that process is still this run's engine (its command line names the run's
    /// folder). Engines on other machines cannot be reached from here; they find their folder gone.
    /// </summary>
    public void KillLeftoverEngines(Guid organizationId, Guid analysisId)
    {
        var folder = FolderOf(organizationId, analysisId);
        if (!Directory.Exists(folder)) return;
        foreach (var pidFile in Directory.EnumerateFiles(folder, "engine.pid", SearchOption.AllDirectories))
        {
            var parts = File.ReadAllText(pidFile).Split(' ');
            if (parts.Length != 2 || parts[0] != Environment.MachineName || !int.TryParse(parts[1], out var pid)) continue;
            var cmdline = $"/proc/{pid}/cmdline";
            if (!File.Exists(cmdline) || !File.ReadAllText(cmdline).Contains(folder, StringComparison.Ordinal)) continue;
            using var kill = System.Diagnostics.Process.Start("kill", ["-KILL", "--", $"-{pid}"]);
            kill.WaitForExit();
        }
    }

    public async Task<string?> ReadLogAsync(Guid organizationId, Guid analysisId, CancellationToken cancellationToken)
    {
        var path = LogOf(organizationId, analysisId);
        if (!File.Exists(path)) return null;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken);
    }

    /// <summary>A run's folder and everything in it (its sample was purged, or its workspace deleted).</summary>
    public void Delete(Guid organizationId, Guid analysisId)
    {
        var folder = FolderOf(organizationId, analysisId);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }
}

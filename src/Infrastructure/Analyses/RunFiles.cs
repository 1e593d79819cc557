using VariantMiner.Application.Analyses;

namespace VariantMiner.Infrastructure.Analyses;

/// <summary>
/// A run's folder: <c>{DataDirectory}/runs/{organizationId}/{analysisId}/</c> holds the full engine log
/// (<c>engine.log</c>) for good, and while the run is going its working folder (<c>work/</c>: job, outputs, temporary
/// files), which is removed once the outputs are registered as files or the run failed.
/// </summary>
public sealed class RunFiles(DatabaseSettings settings) : IRunFiles
{
    public string FolderOf(Guid organizationId, Guid analysisId) =>
        Path.Combine(settings.DataDirectory, "runs", organizationId.ToString("N"), analysisId.ToString("N"));

    public string LogOf(Guid organizationId, Guid analysisId) => Path.Combine(FolderOf(organizationId, analysisId), "engine.log");

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

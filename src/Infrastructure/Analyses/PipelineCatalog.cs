using System.Text.Json;
using Microsoft.Extensions.Options;
using VariantMiner.Application.Analyses;

namespace VariantMiner.Infrastructure.Analyses;

/// <summary>
/// The pipelines of <see cref="PipelineOptions.Directory"/>: each sub-folder's pipeline.json, read once. A pipeline can
/// run here when the engine and every tool it names are executables on PATH.
/// </summary>
public sealed class PipelineCatalog : IPipelineCatalog
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Lazy<IReadOnlyList<PipelineDefinition>> _all;
    private readonly IOptions<PipelineOptions> _options;

    public PipelineCatalog(IOptions<PipelineOptions> options)
    {
        _options = options;
        _all = new(() => Load(options.Value.Directory));
    }

    public IReadOnlyList<PipelineDefinition> All => _all.Value;

    /// <summary>The engine's program: cwltool, or toil-cwl-runner.</summary>
    public string EngineProgram => _options.Value.Engine.Equals("toil", StringComparison.OrdinalIgnoreCase) ? "toil-cwl-runner" : "cwltool";

    /// <remarks>A built-in pipeline runs in the worker itself: no engine.</remarks>
    public IReadOnlyList<string> MissingTools(PipelineDefinition pipeline) =>
        (pipeline.Builtin is null ? pipeline.Tools.Prepend(EngineProgram) : pipeline.Tools).Where(tool => FindOnPath(tool) is null).ToList();

    public static string? FindOnPath(string program)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, program);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(candidate) & UnixFileMode.UserExecute) != 0)) return candidate;
        }
        return null;
    }

    private static IReadOnlyList<PipelineDefinition> Load(string directory)
    {
        if (!System.IO.Directory.Exists(directory)) return [];
        return System.IO.Directory.EnumerateFiles(directory, "pipeline.json", SearchOption.AllDirectories).Order()
            .Select(path =>
            {
                var definition = JsonSerializer.Deserialize<PipelineDefinition>(File.ReadAllText(path), Json)
                    ?? throw new InvalidOperationException($"{path} is empty.");
                return definition with { Directory = Path.GetDirectoryName(path)! };
            }).ToList();
    }
}

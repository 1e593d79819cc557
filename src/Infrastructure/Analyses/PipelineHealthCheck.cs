using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VariantMiner.Infrastructure.Analyses;

/// <summary>/health's "pipelines" entry: Degraded (still 200) naming what is missing when a pipeline cannot run here.</summary>
public sealed class PipelineHealthCheck(PipelineCatalog catalog) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (catalog.All.Count == 0) return Task.FromResult(HealthCheckResult.Degraded("No pipelines found (Pipelines:Directory)."));
        var missing = catalog.All.Select(p => (p.Key, Missing: catalog.MissingTools(p))).Where(p => p.Missing.Count > 0).ToList();
        return Task.FromResult(missing.Count == 0
            ? HealthCheckResult.Healthy($"Ready: {string.Join(", ", catalog.All.Select(p => p.Key))} on {catalog.EngineProgram}.")
            : HealthCheckResult.Degraded(string.Join("; ", missing.Select(p => $"{p.Key} needs {string.Join(", ", p.Missing)}"))));
    }
}

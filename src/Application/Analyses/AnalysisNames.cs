using VariantMiner.Domain.Analyses;

namespace VariantMiner.Application.Analyses;

/// <summary>How a run is named to people: "Germline on S-001, S-002" — its workflow's name (else its pipeline) and its samples'.</summary>
public static class AnalysisNames
{
    public static async Task<string> OfAsync(IApplicationDbContext db, Analysis run, CancellationToken cancellationToken) =>
        (await OfManyAsync(db, [run], cancellationToken))[run.Id];

    /// <summary>The names of several runs in two queries (their workflows, their samples).</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> OfManyAsync(IApplicationDbContext db, IReadOnlyCollection<Analysis> runs,
        CancellationToken cancellationToken)
    {
        var workflowIds = runs.Where(r => r.WorkflowId != null).Select(r => r.WorkflowId!.Value).Distinct().ToList();
        var workflows = await db.Workflows.Where(w => workflowIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, cancellationToken);
        var sampleIds = runs.SelectMany(r => r.Samples.Select(s => s.SampleId)).Distinct().ToList();
        var samples = await db.Samples.Where(s => sampleIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        return runs.ToDictionary(r => r.Id, r =>
        {
            var names = r.Samples.Select(s => samples.GetValueOrDefault(s.SampleId)).OfType<string>().Order(StringComparer.Ordinal);
            return $"{(r.WorkflowId is { } id ? workflows.GetValueOrDefault(id) : null) ?? r.Pipeline} on {string.Join(", ", names)}";
        });
    }
}

using VariantMiner.Domain.Analyses;

namespace VariantMiner.Application.Analyses;

/// <summary>How a run is named to people: "Germline on S-001, S-002" — its workflow's name (else its pipeline) and its samples'.</summary>
public static class AnalysisNames
{
    public static async Task<string> OfAsync(IApplicationDbContext db, Analysis run, CancellationToken cancellationToken)
    {
        var workflow = run.WorkflowId is { } id ? await db.Workflows.Where(w => w.Id == id).Select(w => w.Name).SingleOrDefaultAsync(cancellationToken) : null;
        var sampleIds = run.Samples.Select(s => s.SampleId).ToList();
        var samples = await db.Samples.Where(s => sampleIds.Contains(s.Id)).Select(s => s.Name).ToListAsync(cancellationToken);
        return $"{workflow ?? run.Pipeline} on {string.Join(", ", samples.Order(StringComparer.Ordinal))}";
    }
}

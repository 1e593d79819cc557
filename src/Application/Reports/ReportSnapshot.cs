using System.Text.Json;
using VariantMiner.Application.Analyses;
using VariantMiner.Application.Variants;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Reports;

namespace VariantMiner.Application.Reports;

public sealed record ReportSubjectDto(string ExternalId, string Sex, DateOnly? DateOfBirth, IReadOnlyList<string> PhenotypeTerms);

public sealed record ReportSpecimenDto(Guid SampleId, string Name, string Assay);

/// <param name="Pipeline">The pipeline's key; <paramref name="Workflow"/> the saved workflow it ran as, if any.</param>
public sealed record ReportMethodDto(Guid AnalysisId, string Pipeline, string? Workflow, string? Reference, string GenomeBuild, DateTimeOffset? CompletedAt);

/// <param name="Zygosity">heterozygous, homozygous, hemizygous, homozygous reference or not called (the first sample's call).</param>
/// <param name="Classification">The organization's classification when the report was written (signed: when it was signed).</param>
public sealed record ReportVariantDto(int Id, string Key, string Chrom, long Position, string Ref, string Alt, string? Gene, string? Consequence,
    string? Transcript, string? DnaChange, string? ProteinChange, string Zygosity, double? PopulationAf, string? ClinVar, string? Classification,
    string? Evidence);

/// <summary>
/// Everything a report says, resolved: the subject and specimens, the method, the chosen variants with the organization's
/// classifications, and the writer's texts. A draft's is read afresh each time; a signed version keeps the one it was
/// signed with (classifications may change later; the report does not).
/// </summary>
public sealed record ReportSnapshotDto(string Organization, string Workspace, string Title, ReportSubjectDto? Subject, IReadOnlyList<ReportSpecimenDto> Specimens,
    ReportMethodDto Method, IReadOnlyList<ReportVariantDto> Variants, string? Interpretation, string? Conclusion, string? Limitations, string? FiltersUsed)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static ReportSnapshotDto FromJson(string json) => JsonSerializer.Deserialize<ReportSnapshotDto>(json, Json)!;
}

internal static class ReportSnapshots
{
    /// <summary>Words for the report (and the FHIR allelic state).</summary>
    public static string ZygosityName(Domain.Variants.Zygosity zygosity) => zygosity switch
    {
        Domain.Variants.Zygosity.Het => "heterozygous",
        Domain.Variants.Zygosity.HomAlt => "homozygous",
        Domain.Variants.Zygosity.Hemizygous => "hemizygous",
        Domain.Variants.Zygosity.HomRef => "homozygous reference",
        _ => "not called",
    };

    /// <summary>Reads what the content points at now; variants not in the analysis are refused, naming them.</summary>
    public static async Task<ReportSnapshotDto> ReadAsync(IApplicationDbContext db, Analysis run, string title, ReportContent content, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().Where(o => o.Id == run.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var workspace = await db.Workspaces.AsNoTracking().Where(w => w.Id == run.WorkspaceId).Select(w => w.Name).SingleAsync(cancellationToken);
        var sampleIds = run.Samples.Select(s => s.SampleId).ToList();
        var samples = await db.Samples.AsNoTracking().Where(s => sampleIds.Contains(s.Id)).ToListAsync(cancellationToken);
        var subjectId = samples.Select(s => s.SubjectId).FirstOrDefault(id => id is not null);
        var subject = subjectId is null ? null : await db.Subjects.AsNoTracking().SingleOrDefaultAsync(s => s.Id == subjectId, cancellationToken);
        var workflow = run.WorkflowId is { } wf ? await db.Workflows.AsNoTracking().Where(w => w.Id == wf).Select(w => w.Name).SingleOrDefaultAsync(cancellationToken) : null;
        var bundle = await VariantAccess.AnnotationAsync(db, run, cancellationToken);
        var build = bundle?.GenomeBuild ?? VariantAccess.UnknownBuild;

        var ids = content.VariantIds.ToList();
        var rows = await db.Variants.AsNoTracking().Where(v => v.AnalysisId == run.Id && ids.Contains(v.Ordinal)).ToListAsync(cancellationToken);
        var missing = ids.Except(rows.Select(r => r.Ordinal)).ToList();
        if (missing.Count > 0)
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("variantIds",
                $"Not variants of this analysis: {string.Join(", ", missing)}.")]);
        var classifications = await VariantAccess.ClassificationsAsync(db, build, rows, cancellationToken);
        var evidence = await db.Classifications.AsNoTracking().Where(c => c.Build == build && rows.Select(r => r.Chrom).Contains(c.Chrom))
            .Select(c => new { c.Chrom, c.Position, c.Ref, c.Alt, c.Evidence }).ToListAsync(cancellationToken);
        var byOrdinal = rows.ToDictionary(r => r.Ordinal);
        var variants = ids.Select(id => byOrdinal[id]).Select(v => new ReportVariantDto(v.Ordinal,
            new Domain.Variants.VariantKey(build, v.Chrom, v.Position, v.Ref, v.Alt).ToString(), v.Chrom, v.Position, v.Ref, v.Alt, v.Gene, v.Consequence,
            v.Transcript, v.DnaChange, v.ProteinChange, ZygosityName(v.Zygosity), v.PopulationAf, v.ClinVar,
            classifications.TryGetValue((v.Chrom, v.Position, v.Ref, v.Alt), out var tier) ? Tiers.Name(tier) : null,
            evidence.FirstOrDefault(e => e.Chrom == v.Chrom && e.Position == v.Position && e.Ref == v.Ref && e.Alt == v.Alt)?.Evidence)).ToList();

        return new ReportSnapshotDto(organization, workspace, title,
            subject is null ? null : new ReportSubjectDto(subject.ExternalId, subject.Sex.ToString().ToLowerInvariant(), subject.DateOfBirth, subject.PhenotypeTerms),
            samples.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => new ReportSpecimenDto(s.Id, s.Name, s.Assay)).ToList(),
            new ReportMethodDto(run.Id, run.Pipeline, workflow, bundle is null ? null : $"{bundle.Name} {bundle.Version}", build, run.EndedAt),
            variants, content.Interpretation, content.Conclusion, content.Limitations, content.FiltersUsed);
    }
}

using VariantMiner.Domain.Analyses;

namespace VariantMiner.Infrastructure.Variants;

/// <summary>
/// The inheritance sub-analysis, computed on the stored genotypes: the proband's variant rows that fit the pattern are
/// copied into the sub-analysis (numbered again in position order), each with the father's and mother's calls appended
/// to its genotypes. One INSERT … SELECT joining the proband's rows to each parent's on chrom, position and alleles;
/// a variant a parent's analysis did not call counts as homozygous reference there (it is shown as "./.").
/// </summary>
public sealed class InheritanceFilter(AppDbContext db, VariantPartitions partitions)
{
    public static readonly IReadOnlyList<string> Modes = ["de_novo", "hom_recessive", "compound_het"];

    /// <summary>Each mode's condition on the joined rows (c.*, fz/mz = the parents' zygosity or null when not called).</summary>
    private static readonly Dictionary<string, string> Conditions = new()
    {
        ["de_novo"] = """c."Zygosity" IN ('Het', 'HomAlt', 'Hemizygous') AND c.father_ref = 1 AND c.mother_ref = 1""",
        ["hom_recessive"] = """c."Zygosity" = 'HomAlt' AND c.fz = 'Het' AND c.mz = 'Het'""",
        // Two or more heterozygous variants of one gene, at least one from each parent (and not from both).
        ["compound_het"] = """
            c."Zygosity" = 'Het' AND c."Gene" IS NOT NULL AND (c.from_father = 1 OR c.from_mother = 1)
            AND c."Gene" IN (SELECT g."Gene" FROM c g WHERE g."Zygosity" = 'Het' GROUP BY g."Gene" HAVING MAX(g.from_father) = 1 AND MAX(g.from_mother) = 1)
            """,
    };

    private const string Columns = """
        "AnalysisId", "Ordinal", "OrganizationId", "WorkspaceId", "Chrom", "Position", "Ref", "Alt", "VcfId", "Quality", "Filter", "Gene", "Consequence",
        "Transcript", "ProteinChange", "DnaChange", "Consequences", "ClinVar", "PopulationAf", "Priority", "Gt", "Zygosity", "Gq", "Dp", "AdRef", "AdAlt", "Genotypes"
        """;

    /// <summary>Writes the sub-analysis's rows (inside the caller's transaction, after any earlier ones were deleted); answers how many.</summary>
    public async Task<int> WriteAsync(Analysis run, string mode, Guid proband, Guid father, Guid mother, CancellationToken cancellationToken)
    {
        if (!Conditions.TryGetValue(mode, out var condition)) throw new ArgumentException($"Unknown inheritance mode {mode}.", nameof(mode));
        // Only the fixed texts above are spliced in (the mode picks one of them); the ids are parameters.
        await partitions.CreateAsync(run.Id, cancellationToken);
        var rows = await db.Database.ExecuteSqlRawAsync(Sql($$"""
            WITH c AS (
                SELECT p.*, f."Zygosity" AS fz, m."Zygosity" AS mz,
                    CASE WHEN f."Zygosity" IS NULL OR f."Zygosity" = 'HomRef' THEN 1 ELSE 0 END AS father_ref,
                    CASE WHEN m."Zygosity" IS NULL OR m."Zygosity" = 'HomRef' THEN 1 ELSE 0 END AS mother_ref,
                    CASE WHEN f."Zygosity" = 'Het' AND (m."Zygosity" IS NULL OR m."Zygosity" = 'HomRef') THEN 1 ELSE 0 END AS from_father,
                    CASE WHEN m."Zygosity" = 'Het' AND (f."Zygosity" IS NULL OR f."Zygosity" = 'HomRef') THEN 1 ELSE 0 END AS from_mother,
                    {{Call("f")}} AS father_call, {{Call("m")}} AS mother_call
                FROM "Variants" p
                LEFT JOIN "Variants" f ON f."AnalysisId" = {1} AND f."Chrom" = p."Chrom" AND f."Position" = p."Position" AND f."Ref" = p."Ref" AND f."Alt" = p."Alt"
                LEFT JOIN "Variants" m ON m."AnalysisId" = {2} AND m."Chrom" = p."Chrom" AND m."Position" = p."Position" AND m."Ref" = p."Ref" AND m."Alt" = p."Alt"
                WHERE p."AnalysisId" = {0}
            )
            INSERT INTO {{partitions.LoadTable(run.Id)}} ({{Columns}})
            SELECT {3}, ROW_NUMBER() OVER (ORDER BY c."Ordinal"), c."OrganizationId", c."WorkspaceId", c."Chrom", c."Position", c."Ref", c."Alt", c."VcfId",
                c."Quality", c."Filter", c."Gene", c."Consequence", c."Transcript", c."ProteinChange", c."DnaChange", c."Consequences", c."ClinVar",
                c."PopulationAf", c."Priority", c."Gt", c."Zygosity", c."Gq", c."Dp", c."AdRef", c."AdAlt",
                c."Genotypes" || '|' || c.father_call || '|' || c.mother_call
            FROM c
            WHERE {{condition}}
            """), [proband, father, mother, run.Id], cancellationToken);
        await partitions.AttachAsync(run.Id, cancellationToken);
        return rows;
    }

    private static string Sql(string text) => text;

    /// <summary>A parent's first call as the genotypes column writes calls (GT:GQ:DP:ADref,ADalt), "./.:::," when not called.</summary>
    private static string Call(string t) =>
        $"""CASE WHEN {t}."Gt" IS NULL THEN './.:::,' ELSE {t}."Gt" || ':' || COALESCE(CAST({t}."Gq" AS TEXT), '') || ':' || COALESCE(CAST({t}."Dp" AS TEXT), '') || ':' || COALESCE(CAST({t}."AdRef" AS TEXT), '') || ',' || COALESCE(CAST({t}."AdAlt" AS TEXT), '') END""";
}

namespace VariantMiner.Domain.Variants;

/// <summary>
/// The default order of a variant table ("priority"): a damaging consequence first, then ClinVar's word, then rarity.
/// Deliberately simple and stated here in full, so a reviewer can tell why a row is where it is.
/// score = 2 × severity (high 4, moderate 3, low 1, modifier 0.5, none 0) + ClinVar (pathogenic 5, likely pathogenic 4,
/// uncertain or conflicting 1, (likely) benign −2) + rarity (absent or AF &lt; 0.001: 1, AF &lt; 0.01: 0.5, AF &gt; 0.05: −2).
/// </summary>
public static class VariantPriority
{
    private static readonly Dictionary<string, double> Severity = new(StringComparer.OrdinalIgnoreCase)
    {
        ["stop_gained"] = 4,
        ["frameshift"] = 4,
        ["splice_acceptor"] = 4,
        ["splice_donor"] = 4,
        ["start_lost"] = 4,
        ["stop_lost"] = 4,
        ["missense"] = 3,
        ["inframe_deletion"] = 3,
        ["inframe_insertion"] = 3,
        ["inframe_altering"] = 3,
        ["splice_region"] = 3,
        ["synonymous"] = 1,
        ["stop_retained"] = 1,
        ["start_retained"] = 1,
        ["intron"] = 0.5,
        ["5_prime_utr"] = 0.5,
        ["3_prime_utr"] = 0.5,
        ["non_coding"] = 0.5,
        ["coding_sequence"] = 0.5,
    };

    public static double Score(string? consequence, string? clinVar, double? populationAf) =>
        2 * SeverityOf(consequence) + ClinVarWeight(clinVar) + Rarity(populationAf);

    /// <summary>The most severe part of a csq consequence such as <c>*missense&amp;inframe_altering</c> (leading * or @ mark a downstream or joint call).</summary>
    public static double SeverityOf(string? consequence)
    {
        if (string.IsNullOrEmpty(consequence)) return 0;
        double max = 0;
        foreach (var part in consequence.TrimStart('*', '@').Split('&'))
            if (Severity.TryGetValue(part, out var s) && s > max) max = s;
        return max;
    }

    private static double ClinVarWeight(string? clinVar)
    {
        if (string.IsNullOrEmpty(clinVar)) return 0;
        var c = clinVar.ToLowerInvariant();
        if (c.Contains("conflicting")) return 1;
        if (c.StartsWith("pathogenic", StringComparison.Ordinal)) return 5;
        if (c.StartsWith("likely_pathogenic", StringComparison.Ordinal)) return 4;
        if (c.Contains("uncertain")) return 1;
        if (c.Contains("benign")) return -2;
        return 0;
    }

    private static double Rarity(double? af) => af switch
    {
        null or < 0.001 => 1,
        < 0.01 => 0.5,
        > 0.05 => -2,
        _ => 0,
    };
}

using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Reports;

/// <summary>What the report writer chooses and writes: the analysis's variants to report and the texts around them.</summary>
/// <param name="VariantIds">Variants of the report's analysis (their numbers in it), in the order they are reported.</param>
/// <param name="FiltersUsed">How the variants were found (the filters used), as the writer puts it.</param>
public sealed record ReportContent(IReadOnlyList<int> VariantIds, string? Interpretation, string? Conclusion, string? Limitations, string? FiltersUsed)
{
    public const int MaxVariants = 200;
    public const int TextMaxLength = 20_000;

    public static readonly ReportContent Empty = new([], null, null, null, null);

    /// <summary>The content with its texts trimmed (empty ones dropped) and each variant once, or a readable refusal.</summary>
    public static ReportContent Checked(IReadOnlyList<int>? variantIds, string? interpretation, string? conclusion, string? limitations, string? filtersUsed)
    {
        var ids = (variantIds ?? []).Distinct().ToList();
        if (ids.Count > MaxVariants) throw new DomainException($"A report carries at most {MaxVariants} variants.");
        return new ReportContent(ids, Text(interpretation, "interpretation"), Text(conclusion, "conclusion"), Text(limitations, "limitations"), Text(filtersUsed, "filtersUsed"));
    }

    private static string? Text(string? value, string name)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return text?.Length > TextMaxLength ? throw new DomainException($"The {name} must be at most {TextMaxLength:N0} characters.") : text;
    }
}

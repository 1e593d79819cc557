using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Variants;

/// <summary>The genotype class of a call, from its GT.</summary>
public enum Zygosity
{
    Missing,
    HomRef,
    Het,
    HomAlt,
    /// <summary>One allele called (chrY, chrX in males, mitochondria), and it is the ALT.</summary>
    Hemizygous,
}

/// <summary>
/// One ALT allele at one position of an analysis's VCF (multi-allelic records are split), with its annotation and the
/// calls. Rows are written in bulk by the import and never change; <see cref="Ordinal"/> is the row's place in the
/// file, which is position order (a normalised VCF is sorted), so paging by position is paging by ordinal.
/// The first sample's call has its own columns (what the filters read: the analysis's sample); every sample's call is
/// kept in <see cref="Genotypes"/>, in the order of <c>Analysis.VariantSamples</c>.
/// </summary>
public sealed class Variant : ITenantOwned
{
    public Guid OrganizationId { get; init; }
    public Guid WorkspaceId { get; init; }
    public Guid AnalysisId { get; init; }
    public int Ordinal { get; init; }
    public string Chrom { get; init; } = "";
    public long Position { get; init; }
    public string Ref { get; init; } = "";
    public string Alt { get; init; } = "";
    public string? VcfId { get; init; }
    public double? Quality { get; init; }
    public string? Filter { get; init; }
    /// <summary>From the first consequence bcftools csq gave (its order: by transcript), or null outside genes.</summary>
    public string? Gene { get; init; }
    public string? Consequence { get; init; }
    public string? Transcript { get; init; }
    public string? ProteinChange { get; init; }
    public string? DnaChange { get; init; }
    /// <summary>Every consequence (bcftools csq's BCSQ, comma-separated) for the detail view.</summary>
    public string? Consequences { get; init; }
    /// <summary>ClinVar clinical significance (CLNSIG), as the bundle's ClinVar file spells it.</summary>
    public string? ClinVar { get; init; }
    /// <summary>Population allele frequency of this ALT (the bundle's frequency file, INFO/AF).</summary>
    public double? PopulationAf { get; init; }
    /// <summary>Higher first: consequence severity, ClinVar significance and rarity (VariantPriority).</summary>
    public double Priority { get; init; }
    public string Gt { get; init; } = ".";
    public Zygosity Zygosity { get; init; }
    public int? Gq { get; init; }
    public int? Dp { get; init; }
    public int? AdRef { get; init; }
    public int? AdAlt { get; init; }
    /// <summary>Every sample's call as <c>GT:GQ:DP:ADref,ADalt</c> (empty fields for missing values), separated by <c>|</c>.</summary>
    public string Genotypes { get; init; } = "";
}

using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Analyses;

public enum ReferenceStatus
{
    /// <summary>Waiting for the product to copy the genome and build its indexes (samtools faidx, bwa index).</summary>
    Preparing,
    Ready,
    Failed,
}

/// <summary>
/// An organization's reference: a genome FASTA (indexed by the product), optional gene models (GFF3) and annotation
/// VCFs, named and versioned. Analyses record the bundle they used; a bundle in use is never changed, only retired.
/// Its files are copied out of the workspace files they were uploaded as, so deleting those files does not break it.
/// </summary>
public sealed class ReferenceBundle : Entity, ITenantOwned
{
    public const int NameMaxLength = 200;

    private ReferenceBundle() { }

    public ReferenceBundle(Guid organizationId, string name, string version, string genomeBuild, Guid genomeFileId, Guid? geneModelsFileId,
        IReadOnlyList<Guid> annotationFileIds, Guid createdBy, DateTimeOffset now)
    {
        OrganizationId = organizationId;
        Name = Required(name, nameof(name));
        Version = Required(version, nameof(version));
        GenomeBuild = Required(genomeBuild, nameof(genomeBuild));
        GenomeFileId = genomeFileId;
        GeneModelsFileId = geneModelsFileId;
        AnnotationFileIds = string.Join(",", annotationFileIds.Distinct());
        CreatedBy = createdBy;
        CreatedAt = now;
        Status = ReferenceStatus.Preparing;
    }

    public Guid OrganizationId { get; private init; }
    public string Name { get; private init; } = "";
    public string Version { get; private init; } = "";
    public string GenomeBuild { get; private init; } = "";
    public Guid GenomeFileId { get; private init; }
    public Guid? GeneModelsFileId { get; private init; }
    /// <summary>Comma-separated file ids of annotation VCFs (ClinVar, population frequencies), in the order given.</summary>
    public string AnnotationFileIds { get; private init; } = "";
    public ReferenceStatus Status { get; private set; }
    public string? Reason { get; private set; }
    public Guid CreatedBy { get; private init; }
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset? ReadyAt { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }

    public string Label => $"{Name} {Version}";

    public void Prepared(DateTimeOffset now)
    {
        Status = ReferenceStatus.Ready;
        ReadyAt = now;
        Reason = null;
    }

    public void PreparationFailed(string reason) => (Status, Reason) = (ReferenceStatus.Failed, reason);

    public void Retire(DateTimeOffset now) => RetiredAt ??= now;

    private static string Required(string value, string field)
    {
        var trimmed = value.Trim();
        if (trimmed.Length == 0 || trimmed.Length > NameMaxLength) throw new DomainException($"The {field} has 1 to {NameMaxLength} characters.");
        return trimmed;
    }
}

using VariantMiner.Application.Files;
using VariantMiner.Domain.Analyses;

namespace VariantMiner.Application.Analyses;

public sealed record ReferenceBundleDto(Guid Id, string Name, string Version, string GenomeBuild, string Status, string? Reason, Guid GenomeFileId,
    Guid? GeneModelsFileId, IReadOnlyList<Guid> AnnotationFileIds, DateTimeOffset CreatedAt, DateTimeOffset? ReadyAt, DateTimeOffset? RetiredAt);

/// <summary>The organization's reference bundles, newest first (everyone sees them, to launch with one).</summary>
public sealed record ListReferenceBundles(Guid OrganizationId) : IQuery<IReadOnlyList<ReferenceBundleDto>>, IOrganizationRequest;

public sealed class ListReferenceBundlesHandler(IApplicationDbContext db) : IQueryHandler<ListReferenceBundles, IReadOnlyList<ReferenceBundleDto>>
{
    public async ValueTask<IReadOnlyList<ReferenceBundleDto>> Handle(ListReferenceBundles query, CancellationToken cancellationToken) =>
        (await db.ReferenceBundles.AsNoTracking().OrderByDescending(b => b.CreatedAt).ToListAsync(cancellationToken)).Select(ToDto).ToList();

    internal static ReferenceBundleDto ToDto(ReferenceBundle b) => new(b.Id, b.Name, b.Version, b.GenomeBuild, b.Status.ToString(), b.Reason, b.GenomeFileId,
        b.GeneModelsFileId, b.AnnotationFileIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList(), b.CreatedAt, b.ReadyAt, b.RetiredAt);
}

/// <summary>
/// Creates a reference bundle from files already uploaded to a workspace (references.manage): a genome FASTA, optional
/// gene models (GFF3) and annotation VCFs, each a file I see. The product then copies them and builds the genome's
/// indexes in the background (Preparing → Ready, or Failed with the reason); only a Ready bundle can be launched with.
/// </summary>
[RequiresPermission(Permissions.ReferencesManage)]
public sealed record CreateReferenceBundle(string Name, string Version, string GenomeBuild, Guid GenomeFileId) : ICommand<ReferenceBundleDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    public Guid? GeneModelsFileId { get; init; }
    public IReadOnlyList<Guid>? AnnotationFileIds { get; init; }
}

public sealed class CreateReferenceBundleValidator : AbstractValidator<CreateReferenceBundle>
{
    public CreateReferenceBundleValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(ReferenceBundle.NameMaxLength);
        RuleFor(c => c.Version).NotEmpty().MaximumLength(ReferenceBundle.NameMaxLength);
        RuleFor(c => c.GenomeBuild).NotEmpty().MaximumLength(ReferenceBundle.NameMaxLength)
            .Must(b => b is null || !b.Contains(':')).WithMessage("A genome build name cannot contain \":\" (it starts every variant key, build:chrom:pos:ref:alt).");
        RuleFor(c => c.AnnotationFileIds).Must(a => a is null || a.Count <= 20).WithMessage("At most 20 annotation files.");
    }
}

public sealed class CreateReferenceBundleHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<CreateReferenceBundle, ReferenceBundleDto>
{
    public async ValueTask<ReferenceBundleDto> Handle(CreateReferenceBundle command, CancellationToken cancellationToken)
    {
        await EnsureFileAsync(command.GenomeFileId, "fasta", "genomeFileId", cancellationToken);
        if (command.GeneModelsFileId is { } gff) await EnsureFileAsync(gff, "gff3", "geneModelsFileId", cancellationToken);
        foreach (var id in command.AnnotationFileIds ?? []) await EnsureFileAsync(id, "vcf", "annotationFileIds", cancellationToken);
        var name = command.Name.Trim();
        var version = command.Version.Trim();
        if (await db.ReferenceBundles.AnyAsync(b => b.Name == name && b.Version == version, cancellationToken))
            throw new ConflictException($"The reference bundle {name} {version} already exists; give the new one another version.");
        var bundle = new ReferenceBundle(command.OrganizationId, name, version, command.GenomeBuild, command.GenomeFileId, command.GeneModelsFileId,
            command.AnnotationFileIds ?? [], currentUser.UserId!.Value, clock.GetUtcNow());
        db.ReferenceBundles.Add(bundle);
        await db.SaveChangesAsync(cancellationToken);
        return ListReferenceBundlesHandler.ToDto(bundle);
    }

    /// <summary>A file of the organization I see (in a workspace I can enter), of the kind the bundle needs.</summary>
    private async Task EnsureFileAsync(Guid id, string kind, string field, CancellationToken cancellationToken)
    {
        var file = await db.StoredFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (file is null || !await FileVisibility.VisibleFiles(db, scope.Access, currentUser.UserId!.Value, file.WorkspaceId).AnyAsync(f => f.Id == id, cancellationToken))
            throw Invalid.Field(field, $"No such file in this organization: {id}.");
        if (file.Kind != kind) throw Invalid.Field(field, $"{file.Name} is a {file.Kind} file; a {kind} file is needed here.");
    }
}

/// <summary>Retires a bundle (references.manage): no new run can use it; runs that used it keep it.</summary>
[RequiresPermission(Permissions.ReferencesManage)]
public sealed record RetireReferenceBundle(Guid OrganizationId, Guid ReferenceId) : ICommand<ReferenceBundleDto>, IOrganizationRequest;

public sealed class RetireReferenceBundleHandler(IApplicationDbContext db, TimeProvider clock) : ICommandHandler<RetireReferenceBundle, ReferenceBundleDto>
{
    public async ValueTask<ReferenceBundleDto> Handle(RetireReferenceBundle command, CancellationToken cancellationToken)
    {
        var bundle = await db.ReferenceBundles.SingleOrDefaultAsync(b => b.Id == command.ReferenceId, cancellationToken)
            ?? throw new NotFoundException("The reference bundle");
        bundle.Retire(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return ListReferenceBundlesHandler.ToDto(bundle);
    }
}

/// <summary>Opens a file of a Ready bundle's prepared genome folder (<c>genome.fa</c>, <c>genome.fa.fai</c>); null when it is not there.</summary>
public interface IReferenceGenomes
{
    Stream? Open(Guid organizationId, Guid bundleId, string fileName);
}

/// <summary>
/// A Ready bundle's genome FASTA or its samtools faidx index, for the genome browser (read with HTTP Range). Any member
/// reads it, as they see the bundles: a reference genome is not patient data. Not Ready yet (or failed) → 409.
/// </summary>
public sealed record OpenReferenceGenome(Guid OrganizationId, Guid ReferenceId, bool Index) : IQuery<Stream>, IOrganizationRequest;

public sealed class OpenReferenceGenomeHandler(IApplicationDbContext db, IReferenceGenomes genomes) : IQueryHandler<OpenReferenceGenome, Stream>
{
    public async ValueTask<Stream> Handle(OpenReferenceGenome query, CancellationToken cancellationToken)
    {
        var bundle = await db.ReferenceBundles.AsNoTracking().SingleOrDefaultAsync(b => b.Id == query.ReferenceId, cancellationToken)
            ?? throw new NotFoundException("The reference bundle");
        if (bundle.Status != ReferenceStatus.Ready)
            throw new ConflictException($"The reference bundle \"{bundle.Name}\" is {bundle.Status.ToString().ToLowerInvariant()}, not ready: its genome has no index to browse yet.");
        return genomes.Open(bundle.OrganizationId, bundle.Id, query.Index ? "genome.fa.fai" : "genome.fa")
            ?? throw new NotFoundException("The reference bundle's prepared genome");
    }
}

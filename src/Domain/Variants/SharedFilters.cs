using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Variants;

/// <summary>A named list of genes shared in the organization (a panel), usable as a filter and by gene-list sub-analyses.</summary>
public sealed class GeneList : Entity, ITenantOwned
{
    public const int NameMaxLength = 100, MaxGenes = 5000, GeneMaxLength = 50;

    private GeneList() { }

    public GeneList(Guid organizationId, string name, IEnumerable<string> genes, Guid by, DateTimeOffset at)
    {
        OrganizationId = organizationId;
        CreatedBy = by;
        Change(name, genes, by, at);
    }

    public Guid OrganizationId { get; private init; }
    public string Name { get; private set; } = "";
    /// <summary>Gene names, distinct, in the order given.</summary>
    public IReadOnlyList<string> Genes { get; private set; } = [];
    public Guid CreatedBy { get; private init; }
    public Guid UpdatedBy { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Change(string name, IEnumerable<string> genes, Guid by, DateTimeOffset at)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > NameMaxLength) throw new DomainException($"A gene list's name is 1 to {NameMaxLength} characters.");
        var list = ValidGenes(genes);
        (Name, Genes, UpdatedBy, UpdatedAt) = (name, list, by, at);
    }

    /// <summary>Trimmed, distinct (case-insensitively), without separators; 1 to <see cref="MaxGenes"/>.</summary>
    public static IReadOnlyList<string> ValidGenes(IEnumerable<string> genes)
    {
        var list = (genes ?? []).Select(g => (g ?? "").Trim()).Where(g => g.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (list.Count == 0) throw new DomainException("A gene list needs at least one gene.");
        if (list.Count > MaxGenes) throw new DomainException($"A gene list has at most {MaxGenes} genes.");
        var bad = list.FirstOrDefault(g => g.Length > GeneMaxLength || g.Any(c => char.IsWhiteSpace(c) || c is ',' or ';'));
        if (bad is not null) throw new DomainException($"\"{bad}\" is not a gene name (no spaces, commas or semicolons; at most {GeneMaxLength} characters).");
        return list;
    }
}

/// <summary>Named variant filters shared in the organization (e.g. "rare damaging").</summary>
public sealed class FilterSet : Entity, ITenantOwned
{
    public const int NameMaxLength = 100, FiltersMaxLength = 8000;

    private FilterSet() { }

    public FilterSet(Guid organizationId, string name, string filtersJson, Guid by, DateTimeOffset at)
    {
        OrganizationId = organizationId;
        CreatedBy = by;
        Change(name, filtersJson, by, at);
    }

    public Guid OrganizationId { get; private init; }
    public string Name { get; private set; } = "";
    /// <summary>The filters as the variant table takes them (JSON object; checked by the application before it gets here).</summary>
    public string FiltersJson { get; private set; } = "{}";
    public Guid CreatedBy { get; private init; }
    public Guid UpdatedBy { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public void Change(string name, string filtersJson, Guid by, DateTimeOffset at)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > NameMaxLength) throw new DomainException($"A filter set's name is 1 to {NameMaxLength} characters.");
        if (filtersJson.Length > FiltersMaxLength) throw new DomainException("The filters are too long.");
        (Name, FiltersJson, UpdatedBy, UpdatedAt) = (name, filtersJson, by, at);
    }
}

/// <summary>
/// A person's saved variant search in one organization, pinned to the annotation it was saved with: run against
/// variants annotated otherwise, the table says so (a search does not silently change meaning).
/// </summary>
public sealed class SavedSearch : Entity, ITenantOwned
{
    public const int NameMaxLength = 100;

    private SavedSearch() { }

    public SavedSearch(Guid organizationId, Guid ownerId, string name, string filtersJson, string? annotation, DateTimeOffset at)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > NameMaxLength) throw new DomainException($"A saved search's name is 1 to {NameMaxLength} characters.");
        if (filtersJson.Length > FilterSet.FiltersMaxLength) throw new DomainException("The filters are too long.");
        (OrganizationId, OwnerId, Name, FiltersJson, Annotation, CreatedAt) = (organizationId, ownerId, name, filtersJson, annotation, at);
    }

    public Guid OrganizationId { get; private init; }
    public Guid OwnerId { get; private init; }
    public string Name { get; private init; } = "";
    public string FiltersJson { get; private init; } = "{}";
    /// <summary>The reference bundle (name and version) of the analysis it was saved on, if any.</summary>
    public string? Annotation { get; private init; }
    public DateTimeOffset CreatedAt { get; private init; }
}

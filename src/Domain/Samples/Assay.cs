using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Samples;

/// <summary>One entry of an organization's configurable assay list (WGS, WES, …). Samples carry the assay's name.</summary>
public sealed class Assay : Entity, ITenantOwned
{
    public const int NameMaxLength = 64;

    /// <summary>The list every organization starts with.</summary>
    public static IReadOnlyList<string> Defaults { get; } = ["WGS", "WES", "Gene panel", "RNA-seq"];

    private Assay() { }

    public Assay(Guid organizationId, string name)
    {
        OrganizationId = organizationId;
        Name = ValidName(name);
    }

    /// <summary>An assay someone added to the organization's list (the default ones are not news).</summary>
    public static Assay Add(Guid organizationId, string name)
    {
        var assay = new Assay(organizationId, name);
        assay.Raise(new AssayAdded(assay));
        return assay;
    }

    public Guid OrganizationId { get; private init; }
    public string Name { get; private init; } = "";

    public static string ValidName(string name)
    {
        name = (name ?? "").Trim();
        if (name.Length == 0 || name.Length > NameMaxLength)
            throw new DomainException($"An assay name must be 1 to {NameMaxLength} characters.");
        return name;
    }
}

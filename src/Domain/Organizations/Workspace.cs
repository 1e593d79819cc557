using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Organizations;

/// <summary>The isolation unit for data inside an organization.</summary>
public sealed class Workspace : Entity, ITenantOwned
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2000;

    private Workspace() { }

    public Workspace(Guid organizationId, string name, DateTimeOffset createdAt, string? description = null)
    {
        OrganizationId = organizationId;
        CreatedAt = createdAt;
        Rename(name);
        Describe(description);
    }

    public Guid OrganizationId { get; private init; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public DateTimeOffset CreatedAt { get; private init; }

    public void Rename(string name)
    {
        name = name.Trim();
        if (name.Length == 0 || name.Length > NameMaxLength)
            throw new DomainException($"A workspace name must be 1 to {NameMaxLength} characters.");
        Name = name;
    }

    public void Describe(string? description)
    {
        description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (description?.Length > DescriptionMaxLength)
            throw new DomainException($"A description must be at most {DescriptionMaxLength} characters.");
        Description = description;
    }
}

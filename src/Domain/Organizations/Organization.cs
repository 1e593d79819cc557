using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Organizations;

public sealed class Organization : Entity
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2000;

    private Organization() { }

    public Organization(string name, string? description, DateTimeOffset createdAt)
    {
        Rename(name);
        Description = description;
        CreatedAt = createdAt;
    }

    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    /// <summary>The seed-004 switch: off means assignment is a tracking aid only.</summary>
    public bool RoleBasedAccessEnabled { get; private set; } = true;
    public DateTimeOffset CreatedAt { get; private init; }

    public void Rename(string name)
    {
        name = name.Trim();
        if (name.Length == 0 || name.Length > NameMaxLength)
            throw new DomainException($"An organization name must be 1 to {NameMaxLength} characters.");
        Name = name;
    }

    public void SetRoleBasedAccess(bool enabled) => RoleBasedAccessEnabled = enabled;
}

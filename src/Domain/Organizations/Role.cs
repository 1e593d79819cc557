using VariantMiner.Domain.Authorization;
using Authorization = VariantMiner.Domain.Authorization;
using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Organizations;

/// <summary>A set of permissions within one organization: one of the five built-in roles, or a custom one.</summary>
public sealed class Role : Entity, ITenantOwned
{
    public const int NameMaxLength = 100;

    private readonly List<RolePermission> _permissions = [];

    private Role() { }

    private Role(Guid organizationId, string name, BuiltInRole? builtIn, IEnumerable<string> permissions)
    {
        OrganizationId = organizationId;
        Name = name;
        BuiltIn = builtIn;
        foreach (var key in permissions.Distinct(StringComparer.Ordinal))
        {
            if (!Authorization.Permissions.IsKnown(key)) throw new DomainException($"Unknown permission '{key}'.");
            _permissions.Add(new RolePermission(Id, key));
        }
    }

    public static Role CreateBuiltIn(Guid organizationId, BuiltInRole role) =>
        new(organizationId, BuiltInRoles.NameOf(role), role, BuiltInRoles.DefaultPermissions(role));

    public Guid OrganizationId { get; private init; }
    public string Name { get; private set; } = "";
    /// <summary>Which built-in role this is; null for custom roles.</summary>
    public BuiltInRole? BuiltIn { get; private init; }
    public bool IsSupervisor => BuiltIn == BuiltInRole.Supervisor;
    public IReadOnlyCollection<RolePermission> Permissions => _permissions;
}

public sealed class RolePermission(Guid roleId, string permission)
{
    public Guid RoleId { get; private init; } = roleId;
    public string Permission { get; private init; } = permission;
}

using VariantMiner.Domain.Authorization;
using VariantMiner.Domain.Common;
using Catalogue = VariantMiner.Domain.Authorization.Permissions;

namespace VariantMiner.Domain.Organizations;

/// <summary>A set of permissions within one organization: one of the five built-in roles, or a custom one.</summary>
public sealed class Role : Entity, ITenantOwned, IVersioned
{
    public const int NameMaxLength = 100;

    private readonly List<RolePermission> _permissions = [];

    private Role() { }

    private Role(Guid organizationId, string name, BuiltInRole? builtIn, IEnumerable<string> permissions)
    {
        OrganizationId = organizationId;
        BuiltIn = builtIn;
        Name = ValidName(name);
        Replace(permissions);
    }

    public static Role CreateBuiltIn(Guid organizationId, BuiltInRole role) =>
        new(organizationId, BuiltInRoles.NameOf(role), role, BuiltInRoles.DefaultPermissions(role)) { OfferedPermissions = Offered(Catalogue.All) };

    /// <summary>A custom role; the creator may only put in permissions they hold themselves.</summary>
    public static Role CreateCustom(Guid organizationId, string name, IEnumerable<string> permissions, IReadOnlySet<string> creatorPermissions)
    {
        var keys = permissions.ToHashSet(StringComparer.Ordinal);
        EnsureHeld(keys, creatorPermissions);
        var role = new Role(organizationId, name, null, keys);
        role.Raise(new RoleCreated(role));
        return role;
    }

    public Guid OrganizationId { get; private init; }
    public Guid Version { get; private set; } = Guid.NewGuid();
    public string Name { get; private set; } = "";
    /// <summary>Which built-in role this is; null for custom roles.</summary>
    public BuiltInRole? BuiltIn { get; private init; }
    public bool IsSupervisor => BuiltIn == BuiltInRole.Supervisor;
    public bool IsCustom => BuiltIn is null;
    public IReadOnlyCollection<RolePermission> Permissions => _permissions;
    public IReadOnlySet<string> PermissionKeys => _permissions.Select(p => p.Permission).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The catalogue keys this built-in role has been offered its default for (sorted, comma-separated; empty for custom
    /// roles). A key added to the catalogue later is offered once (<see cref="OfferNewPermissions"/>), so an
    /// organization's own edits of the keys it already had are never undone.
    /// </summary>
    public string OfferedPermissions { get; private set; } = "";

    public static string Offered(IEnumerable<string> keys) => string.Join(",", keys.Order(StringComparer.Ordinal));

    /// <summary>Gives a built-in role the default of every catalogue key it has never been offered; true when it changed.</summary>
    public bool OfferNewPermissions()
    {
        if (BuiltIn is not { } builtIn) return false;
        var offered = OfferedPermissions.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var fresh = Catalogue.All.Where(k => !offered.Contains(k)).ToList();
        if (fresh.Count == 0) return false;
        var defaults = BuiltInRoles.DefaultPermissions(builtIn);
        Replace(PermissionKeys.Concat(fresh.Where(defaults.Contains)));
        OfferedPermissions = Offered(Catalogue.All);
        Version = Guid.NewGuid();
        return true;
    }

    /// <summary>Custom roles may be renamed; built-in roles keep their names. Unique names are checked by the caller (needs a query).</summary>
    public void Rename(string name)
    {
        if (!IsCustom) throw new DomainException($"'{Name}' is a built-in role and keeps its name.");
        var previous = Name;
        Name = ValidName(name);
        if (Name == previous) return;
        Version = Guid.NewGuid();
        Raise(new RoleChanged(this, [$"renamed \"{previous}\" to \"{Name}\""]));
    }

    private static string ValidName(string name)
    {
        name = name.Trim();
        if (name.Length == 0 || name.Length > NameMaxLength)
            throw new DomainException($"A role name must be 1 to {NameMaxLength} characters.");
        return name;
    }

    /// <summary>
    /// Changes the permission set. Every permission added or removed must be held by the editor: nobody grants (or
    /// takes away) what they do not hold themselves. The Supervisor role cannot be edited.
    /// </summary>
    public void SetPermissions(IEnumerable<string> permissions, IReadOnlySet<string> editorPermissions)
    {
        EnsureEditable();
        var wanted = permissions.ToHashSet(StringComparer.Ordinal);
        var changed = new HashSet<string>(wanted, StringComparer.Ordinal);
        changed.SymmetricExceptWith(PermissionKeys);
        EnsureHeld(changed, editorPermissions);
        var before = PermissionKeys;
        Replace(wanted);
        var added = PermissionKeys.Except(before).Order(StringComparer.Ordinal).ToList();
        var removed = before.Except(PermissionKeys).Order(StringComparer.Ordinal).ToList();
        if (added.Count == 0 && removed.Count == 0) return;
        Version = Guid.NewGuid();
        static string Labels(IEnumerable<string> keys) => string.Join(", ", keys.Select(k => $"\"{Catalogue.Label(k)}\""));
        Raise(new RoleChanged(this, [.. added.Count > 0 ? ["added " + Labels(added)] : Array.Empty<string>(),
            .. removed.Count > 0 ? ["removed " + Labels(removed)] : Array.Empty<string>()]));
    }

    /// <summary>Only custom roles can be deleted; whether members still hold it is checked by the caller (needs a count).</summary>
    public void Delete()
    {
        EnsureDeletable();
        Raise(new RoleDeleted(this));
    }

    /// <summary>One change event per save, listing every change in order.</summary>
    public override IReadOnlyList<IDomainEvent> TakeDomainEvents() =>
        Merge<RoleChanged>(base.TakeDomainEvents(), (a, b) => a with { Changes = [.. a.Changes, .. b.Changes] });

    /// <summary>
    /// Why someone may not give this role to a person (by inviting them, changing their role, or making it the default of
    /// invitations), or null when they may: a Group Supervisor gives any role; anyone else only a role that is not Group
    /// Supervisor and whose permissions they all hold themselves.
    /// </summary>
    public string? RefusalToAssignBy(bool actorIsSupervisor, IReadOnlySet<string> actorPermissions)
    {
        if (actorIsSupervisor) return null;
        if (IsSupervisor) return "Only a Group Supervisor may make someone a Group Supervisor.";
        var lacking = PermissionKeys.Where(p => !actorPermissions.Contains(p)).Order(StringComparer.Ordinal).ToList();
        return lacking.Count == 0 ? null
            : $"You cannot give the role \"{Name}\": it has permissions you do not hold yourself ({string.Join(", ", lacking)}).";
    }

    /// <summary>Only custom roles can be deleted; whether members still hold it is checked by the caller (needs a count).</summary>
    public void EnsureDeletable()
    {
        if (!IsCustom) throw new DomainException($"'{Name}' is a built-in role and cannot be deleted.");
    }

    private void EnsureEditable()
    {
        if (IsSupervisor)
            throw new DomainException("The Group Supervisor role always holds every permission and cannot be edited.");
    }

    private void Replace(IEnumerable<string> keys)
    {
        var set = keys.ToHashSet(StringComparer.Ordinal);
        var unknown = set.Where(k => !Catalogue.IsKnown(k)).ToList();
        if (unknown.Count > 0) throw new DomainException($"Unknown permission: {string.Join(", ", unknown)}.");
        _permissions.RemoveAll(p => !set.Contains(p.Permission));
        foreach (var key in set.Where(k => _permissions.All(p => p.Permission != k)))
            _permissions.Add(new RolePermission(Id, key));
    }

    private static void EnsureHeld(IEnumerable<string> keys, IReadOnlySet<string> holderPermissions)
    {
        var lacking = keys.Where(k => !holderPermissions.Contains(k)).Order(StringComparer.Ordinal).ToList();
        if (lacking.Count > 0)
            throw new PermissionEscalationException($"You cannot grant or remove permissions you do not hold yourself: {string.Join(", ", lacking)}.");
    }
}

public sealed class RolePermission(Guid roleId, string permission)
{
    public Guid RoleId { get; private init; } = roleId;
    public string Permission { get; private init; } = permission;
}

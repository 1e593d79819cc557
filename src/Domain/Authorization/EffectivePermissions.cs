namespace VariantMiner.Domain.Authorization;

public static class EffectivePermissions
{
    /// <summary>
    /// What a member may do: the role's permissions, plus every data permission of the catalogue (the samples.* and
    /// analyses.* keys) while the organization's role-based-access switch is off (docs/architecture.md, "Roles and
    /// permissions"). Stored roles are never changed by the switch.
    /// </summary>
    public static IReadOnlySet<string> Of(IEnumerable<string> rolePermissions, bool roleBasedAccessEnabled)
    {
        var set = rolePermissions.Where(Permissions.IsKnown).ToHashSet(StringComparer.Ordinal);
        if (!roleBasedAccessEnabled)
            set.UnionWith(Permissions.All.Where(Permissions.IsDataPermission));
        return set;
    }
}

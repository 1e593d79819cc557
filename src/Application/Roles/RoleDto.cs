namespace VariantMiner.Application.Roles;

/// <param name="Version">Changes with every edit; send it back with an update to refuse overwriting someone else's edit.</param>
public sealed record RoleDto(Guid Id, string Name, bool BuiltIn, string? BuiltInKey, IReadOnlyList<string> Permissions, int MemberCount, Guid Version)
{
    public static RoleDto From(Domain.Organizations.Role role, int memberCount) =>
        new(role.Id, role.Name, role.BuiltIn is not null, role.BuiltIn?.ToString(), role.PermissionKeys.Order(StringComparer.Ordinal).ToList(),
            memberCount, role.Version);
}

namespace VariantMiner.Application.Roles;

public sealed record RoleDto(Guid Id, string Name, bool BuiltIn, string? BuiltInKey, IReadOnlyList<string> Permissions, int MemberCount);

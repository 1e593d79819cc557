using VariantMiner.Application.Organizations;

namespace VariantMiner.Application.Members;

public sealed record MemberDto(
    Guid UserId, string DisplayName, string Email, string? Position, OrganizationRoleDto Role, DateTimeOffset? LastLoginAt,
    IReadOnlyList<Guid> WorkspaceIds);

public enum MemberSort
{
    Name,
    LastLogin,
}

public sealed record AssignableMemberDto(Guid UserId, string DisplayName, string Email);

public sealed record MemberPage(IReadOnlyList<MemberDto> Items, string? NextCursor, int Total);

/// <summary>
/// The user-management table's read side. Members join the global accounts (kept by the identity store), so the
/// query lives with the data layer; it only ever reads the given organization.
/// </summary>
public interface IMemberDirectory
{
    Task<MemberPage> ListAsync(Guid organizationId, string? search, Guid? roleId, MemberSort sort, int limit, string? cursor, CancellationToken cancellationToken);

    /// <summary>Members of the scoped organization who can enter the workspace, by name.</summary>
    Task<IReadOnlyList<AssignableMemberDto>> AssignableAsync(Guid workspaceId, CancellationToken cancellationToken);
}

namespace VariantMiner.Application.Common.Security;

/// <summary>
/// A member's standing in one organization, read once per request: role, effective permissions and the
/// workspaces they may enter.
/// </summary>
public sealed record OrganizationAccess(
    Guid OrganizationId,
    Guid MembershipId,
    Guid RoleId,
    string RoleName,
    Domain.Authorization.BuiltInRole? BuiltInRole,
    bool RoleBasedAccessEnabled,
    IReadOnlySet<string> Permissions,
    IReadOnlySet<Guid> EnterableWorkspaceIds)
{
    public bool IsSupervisor => BuiltInRole == Domain.Authorization.BuiltInRole.Supervisor;
    /// <summary>The organization's security policy, read with the membership (and cached with it until either changes).</summary>
    public SecurityPolicy Policy { get; init; } = SecurityPolicy.Installation;
    public bool Has(string permission) => Permissions.Contains(permission);
    public bool CanEnter(Guid workspaceId) => EnterableWorkspaceIds.Contains(workspaceId);

    /// <summary>
    /// The product's own work inside one organization and workspace (a worker running an analysis): the tenant filters
    /// then match that organization only. No member, no role.
    /// </summary>
    public static OrganizationAccess ForSystem(Guid organizationId, Guid workspaceId) =>
        new(organizationId, Guid.Empty, Guid.Empty, "VariantMiner (automatic)", null, false,
            Domain.Authorization.Permissions.All, new HashSet<Guid> { workspaceId });
}

/// <summary>Reads a user's membership in an organization; null when they are not a member (or it does not exist).</summary>
public interface IMembershipLookup
{
    Task<OrganizationAccess?> FindAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken);
}

/// <summary>What an organization asks of a member's session before they act there (<c>…/settings/security</c>).</summary>
public sealed record SecurityPolicy(int MinimumPasswordLength, bool RequireTwoFactor, int? MaxSessionHours, int? MaxIdleMinutes,
    bool PersonalAccessTokensAllowed, int MaxTokenLifetimeDays)
{
    public static readonly SecurityPolicy Installation = new(Domain.Organizations.Organization.InstallationMinimumPasswordLength, false, null, null, true,
        Domain.Organizations.Organization.DefaultMaxTokenLifetimeDays);
}

/// <summary>The reasons of a 403 by an organization's security policy (the SPA acts on each).</summary>
public static class OrganizationPolicyReasons
{
    public const string TwoFactorRequired = "organization-requires-two-factor";
    public const string SignInAgain = "organization-requires-fresh-sign-in";
    public const string LongerPassword = "organization-requires-longer-password";
    public const string TokensDisallowed = "organization-disallows-tokens";
}

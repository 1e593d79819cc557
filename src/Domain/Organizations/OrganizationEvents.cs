using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Organizations;

public sealed record OrganizationCreated(Organization Organization) : IDomainEvent;
/// <param name="Fields">name, description, contact — in that order, each once.</param>
public sealed record OrganizationDetailsChanged(Organization Organization, IReadOnlyList<string> Fields) : IDomainEvent;
public sealed record RoleBasedAccessChanged(Organization Organization) : IDomainEvent;
public sealed record InvitationPreferencesChanged(Organization Organization) : IDomainEvent;
/// <summary>The owner an organization was created for verified their address and became its Supervisor.</summary>
public sealed record OwnerJoined(Organization Organization, Guid UserId, string Email) : IDomainEvent;

public sealed record WorkspaceCreated(Workspace Workspace) : IDomainEvent;
public sealed record WorkspaceChanged(Workspace Workspace, string PreviousName) : IDomainEvent;
public sealed record WorkspaceDeleted(Workspace Workspace) : IDomainEvent;

public sealed record MemberRoleChanged(Membership Membership, Guid PreviousRoleId) : IDomainEvent;
public sealed record MemberPositionChanged(Membership Membership) : IDomainEvent;
public sealed record MemberRemoved(Membership Membership) : IDomainEvent;
/// <summary>An administrator gave or took a member's access to a workspace (grants made while joining or creating are part of those).</summary>
public sealed record WorkspaceAccessChanged(Membership Membership, Guid WorkspaceId, bool Granted) : IDomainEvent;

public sealed record RoleCreated(Role Role) : IDomainEvent;
/// <param name="Changes">What changed, as the activity feed words it ("renamed …", "added …", "removed …").</param>
public sealed record RoleChanged(Role Role, IReadOnlyList<string> Changes) : IDomainEvent;
public sealed record RoleDeleted(Role Role) : IDomainEvent;

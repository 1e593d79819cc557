using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Organizations;

/// <summary>A person's place in one organization: exactly one role and the workspaces granted to them.</summary>
public sealed class Membership : Entity, ITenantOwned
{
    public const int PositionMaxLength = 100;

    private readonly List<WorkspaceGrant> _workspaceGrants = [];

    private Membership() { }

    public Membership(Guid organizationId, Guid userId, Guid roleId, DateTimeOffset joinedAt)
    {
        OrganizationId = organizationId;
        UserId = userId;
        RoleId = roleId;
        JoinedAt = joinedAt;
    }

    public Guid OrganizationId { get; private init; }
    public Guid UserId { get; private init; }
    public Guid RoleId { get; private set; }
    public string? Position { get; private set; }
    public DateTimeOffset JoinedAt { get; private init; }
    public DateTimeOffset? LastLoginAt { get; private set; }
    public IReadOnlyCollection<WorkspaceGrant> WorkspaceGrants => _workspaceGrants;

    public void GrantWorkspace(Guid workspaceId)
    {
        if (_workspaceGrants.All(g => g.WorkspaceId != workspaceId))
            _workspaceGrants.Add(new WorkspaceGrant(OrganizationId, Id, workspaceId));
    }

    public void RecordLogin(DateTimeOffset at) => LastLoginAt = at;
}

public sealed class WorkspaceGrant(Guid organizationId, Guid membershipId, Guid workspaceId) : ITenantOwned
{
    public Guid OrganizationId { get; private init; } = organizationId;
    public Guid MembershipId { get; private init; } = membershipId;
    public Guid WorkspaceId { get; private init; } = workspaceId;
}

using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Organizations;

/// <summary>A person's place in one organization: exactly one role and the workspaces granted to them.</summary>
public sealed class Membership : Entity, ITenantOwned, IVersioned
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
    public Guid Version { get; private set; } = Guid.NewGuid();
    public Guid UserId { get; private init; }
    public Guid RoleId { get; private set; }
    public string? Position { get; private set; }
    public DateTimeOffset JoinedAt { get; private init; }
    public DateTimeOffset? LastLoginAt { get; private set; }
    public IReadOnlyCollection<WorkspaceGrant> WorkspaceGrants => _workspaceGrants;

    /// <returns>false when the workspace was already granted.</returns>
    public bool GrantWorkspace(Guid workspaceId)
    {
        if (_workspaceGrants.Any(g => g.WorkspaceId == workspaceId)) return false;
        _workspaceGrants.Add(new WorkspaceGrant(OrganizationId, Id, workspaceId));
        Version = Guid.NewGuid();
        return true;
    }

    /// <returns>false when the workspace was not granted.</returns>
    public bool RevokeWorkspace(Guid workspaceId)
    {
        if (_workspaceGrants.RemoveAll(g => g.WorkspaceId == workspaceId) == 0) return false;
        Version = Guid.NewGuid();
        return true;
    }

    public void ChangeRole(Guid roleId)
    {
        if (roleId == RoleId) return;
        var previous = RoleId;
        RoleId = roleId;
        Version = Guid.NewGuid();
        Raise(new MemberRoleChanged(this, previous));
    }

    /// <summary>An administrator's act on a member's workspace access; false when nothing changed.</summary>
    public bool ChangeWorkspaceAccess(Guid workspaceId, bool granted)
    {
        var changed = granted ? GrantWorkspace(workspaceId) : RevokeWorkspace(workspaceId);
        if (changed) Raise(new WorkspaceAccessChanged(this, workspaceId, granted));
        return changed;
    }

    /// <summary>The member leaves or is removed; their history stays attributed to them.</summary>
    public void Remove() => Raise(new MemberRemoved(this));

    public void SetPosition(string? position)
    {
        position = string.IsNullOrWhiteSpace(position) ? null : position.Trim();
        if (position?.Length > PositionMaxLength)
            throw new DomainException($"A position must be at most {PositionMaxLength} characters.");
        if (position == Position) return;
        Position = position;
        Version = Guid.NewGuid();
        Raise(new MemberPositionChanged(this));
    }

    public void RecordLogin(DateTimeOffset at) => LastLoginAt = at;
}

public sealed class WorkspaceGrant(Guid organizationId, Guid membershipId, Guid workspaceId) : ITenantOwned
{
    public Guid OrganizationId { get; private init; } = organizationId;
    public Guid MembershipId { get; private init; } = membershipId;
    public Guid WorkspaceId { get; private init; } = workspaceId;
}

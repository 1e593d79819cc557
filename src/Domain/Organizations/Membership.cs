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

    /// <summary>
    /// Gives the member <paramref name="next"/> instead of <paramref name="current"/> (their role now) under the rules no
    /// role edit can break: only a Supervisor adds, changes or removes a Supervisor, and the organization's last
    /// Supervisor cannot be demoted. Whether the actor may give <paramref name="next"/> at all is
    /// <see cref="Role.RefusalToAssignBy"/>.
    /// </summary>
    /// <param name="supervisorCount">How many members hold the Supervisor role now, this one included.</param>
    public void ChangeRole(Role current, Role next, bool actorIsSupervisor, int supervisorCount)
    {
        if (current.Id != RoleId) throw new InvalidOperationException("current must be the member's role.");
        if (next.Id == RoleId) return;
        if ((current.IsSupervisor || next.IsSupervisor) && !actorIsSupervisor)
            throw new PermissionEscalationException("Only a Group Supervisor may add, change or remove a Group Supervisor.");
        if (current.IsSupervisor && !next.IsSupervisor && supervisorCount <= 1)
            throw new DomainException("The organization's last Group Supervisor cannot be demoted. Make someone else Supervisor first.");
        RoleId = next.Id;
        Version = Guid.NewGuid();
        Raise(new MemberRoleChanged(this, current.Id));
    }

    /// <summary>An administrator's act on a member's workspace access; false when nothing changed.</summary>
    public bool ChangeWorkspaceAccess(Guid workspaceId, bool granted)
    {
        var changed = granted ? GrantWorkspace(workspaceId) : RevokeWorkspace(workspaceId);
        if (changed) Raise(new WorkspaceAccessChanged(this, workspaceId, granted));
        return changed;
    }

    /// <summary>
    /// The member leaves or is removed; their history stays attributed to them. Only a Supervisor removes a Supervisor,
    /// and the organization's last Supervisor can neither leave nor be removed.
    /// </summary>
    /// <param name="role">The member's role now.</param>
    /// <param name="supervisorCount">How many members hold the Supervisor role now, this one included.</param>
    public void Remove(Role role, bool actorIsSupervisor, int supervisorCount)
    {
        if (role.Id != RoleId) throw new InvalidOperationException("role must be the member's role.");
        if (role.IsSupervisor && !actorIsSupervisor)
            throw new PermissionEscalationException("Only a Group Supervisor may remove a Group Supervisor.");
        if (role.IsSupervisor && supervisorCount <= 1)
            throw new DomainException("The organization's last Group Supervisor cannot leave or be removed. Make someone else Supervisor first.");
        Raise(new MemberRemoved(this));
    }

    /// <summary>Sets the member's position; nobody but a Supervisor edits anything of a Supervisor's membership.</summary>
    /// <param name="role">The member's role now.</param>
    public void SetPosition(string? position, Role role, bool actorIsSupervisor)
    {
        if (role.Id != RoleId) throw new InvalidOperationException("role must be the member's role.");
        if (role.IsSupervisor && !actorIsSupervisor)
            throw new PermissionEscalationException("Only a Group Supervisor may change a Group Supervisor's membership.");
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

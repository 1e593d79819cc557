using VariantMiner.Domain.Common;

namespace VariantMiner.Application.Roles;

/// <summary>
/// Applies THE rule for "this person will hold this role" (<see cref="Role.RefusalToAssignBy"/>; docs/security.md,
/// "Who may give whom a role") with the rights of the person acting. Every path that ends with someone holding a role
/// goes through it: creating, re-sending and accepting an invitation (at acceptance, with the current rights of whoever
/// issued the live token), changing a member's role, and the default role of the invitation preferences.
/// </summary>
public static class RoleAssignment
{
    public static void EnsureCanAssign(OrganizationAccess actor, Role role)
    {
        if (role.RefusalToAssignBy(actor.IsSupervisor, actor.Permissions) is { } reason) throw new PermissionEscalationException(reason);
    }

    /// <summary>
    /// Acceptance of an invitation: the person who issued its live token must, today, still be allowed to give its role
    /// (they may have left, been demoted, or the role may have gained permissions since the invitation was sent).
    /// </summary>
    public static void EnsureIssuerCanStillAssign(OrganizationAccess? issuer, Role role)
    {
        if (issuer is null || role.RefusalToAssignBy(issuer.IsSupervisor, issuer.Permissions) is not null)
            throw new ForbiddenException("This invitation can no longer be accepted: the person who sent it may no longer give its role. Ask for a new invitation.");
    }

}

using VariantMiner.Application.Common.Exceptions;
using VariantMiner.Application.Common.Security;
using VariantMiner.Domain.Common;
using VariantMiner.Domain.Organizations;

namespace VariantMiner.Application.Roles;

/// <summary>
/// THE rule for "this person will hold this role" (no escalation, ARCHITECTURE §2): only a Supervisor hands out the
/// Supervisor role, and nobody else hands out a role carrying a permission they do not hold themselves. Every path
/// that ends with someone holding a role goes through it: creating, re-sending and accepting an invitation (at
/// acceptance, with the current rights of whoever issued the live token), changing a member's role, and the default
/// role of the invitation preferences.
/// </summary>
public static class RoleAssignment
{
    public static void EnsureCanAssign(OrganizationAccess actor, Role role)
    {
        if (Refusal(actor, role) is { } reason) throw new PermissionEscalationException(reason);
    }

    /// <summary>
    /// Acceptance of an invitation: the person who issued its live token must, today, still be allowed to give its role
    /// (they may have left, been demoted, or the role may have gained permissions since the invitation was sent).
    /// </summary>
    public static void EnsureIssuerCanStillAssign(OrganizationAccess? issuer, Role role)
    {
        if (issuer is null || Refusal(issuer, role) is not null)
            throw new ForbiddenException("This invitation can no longer be accepted: the person who sent it may no longer give its role. Ask for a new invitation.");
    }

    private static string? Refusal(OrganizationAccess actor, Role role)
    {
        if (actor.IsSupervisor) return null;
        if (role.IsSupervisor) return "Only a Group Supervisor may make someone a Group Supervisor.";
        var lacking = role.PermissionKeys.Where(p => !actor.Has(p)).Order(StringComparer.Ordinal).ToList();
        return lacking.Count == 0 ? null
            : $"You cannot give the role \"{role.Name}\": it has permissions you do not hold yourself ({string.Join(", ", lacking)}).";
    }
}

using VariantMiner.Application.Common.Security;
using VariantMiner.Domain.Common;
using VariantMiner.Domain.Organizations;

namespace VariantMiner.Application.Roles;

/// <summary>
/// No escalation (ARCHITECTURE §2): only a Supervisor hands out the Supervisor role, and nobody else hands out a role
/// carrying a permission they do not hold themselves — whether by changing a member's role or by inviting.
/// </summary>
public static class RoleAssignment
{
    public static void EnsureCanAssign(OrganizationAccess actor, Role role)
    {
        if (actor.IsSupervisor) return;
        if (role.IsSupervisor)
            throw new PermissionEscalationException("Only a Group Supervisor may make someone a Group Supervisor.");
        var lacking = role.PermissionKeys.Where(p => !actor.Has(p)).Order(StringComparer.Ordinal).ToList();
        if (lacking.Count > 0)
            throw new PermissionEscalationException(
                $"You cannot give the role \"{role.Name}\": it has permissions you do not hold yourself ({string.Join(", ", lacking)}).");
    }
}

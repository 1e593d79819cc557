using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Organizations;

/// <summary>
/// The rules no role edit can break (docs/architecture.md, "Rules no role edit can break"): only a Supervisor adds,
/// changes or removes a Supervisor or deletes the organization; the last Supervisor can neither leave nor be demoted.
/// </summary>
public static class SupervisorRules
{
    public static void EnsureCanDeleteOrganization(bool actorIsSupervisor)
    {
        if (!actorIsSupervisor) throw new PermissionEscalationException("Only a Group Supervisor may delete the organization.");
    }

    /// <param name="supervisorCount">How many members hold the Supervisor role now, the target included.</param>
    public static void EnsureCanChangeRole(bool actorIsSupervisor, bool targetIsSupervisor, bool newRoleIsSupervisor, int supervisorCount)
    {
        if ((targetIsSupervisor || newRoleIsSupervisor) && !actorIsSupervisor)
            throw new PermissionEscalationException("Only a Group Supervisor may add, change or remove a Group Supervisor.");
        if (targetIsSupervisor && !newRoleIsSupervisor && supervisorCount <= 1)
            throw new DomainException("The organization's last Group Supervisor cannot be demoted. Make someone else Supervisor first.");
    }

    public static void EnsureCanRemove(bool actorIsSupervisor, bool targetIsSupervisor, int supervisorCount)
    {
        if (targetIsSupervisor && !actorIsSupervisor)
            throw new PermissionEscalationException("Only a Group Supervisor may remove a Group Supervisor.");
        if (targetIsSupervisor && supervisorCount <= 1)
            throw new DomainException("The organization's last Group Supervisor cannot leave or be removed. Make someone else Supervisor first.");
    }
}

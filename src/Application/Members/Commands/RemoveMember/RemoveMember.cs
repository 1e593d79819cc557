using VariantMiner.Application.Members.Commands.UpdateMember;

namespace VariantMiner.Application.Members.Commands.RemoveMember;

/// <summary>
/// Removes someone from the organization; they lose access at once. Their history (activity, assignments,
/// authored records) stays attributed to them. Naming oneself is leaving: no permission needed (the last Supervisor
/// still cannot leave).
/// </summary> is leaving: no permission needed (the last Supervisor still cannot leave).
public sealed record RemoveMember(Guid OrganizationId, Guid UserId) : ICommand, IOrganizationRequest;

/// <summary>Removing someone else needs users.manage; leaving needs nothing.</summary>
public sealed class RemoveMemberPolicy(IOrganizationContext scope, ICurrentUser currentUser) : IRequestPolicy<RemoveMember>
{
    public void Authorize(RemoveMember message)
    {
        if (message.UserId != currentUser.UserId && !scope.Access.Has(Permissions.UsersManage))
            throw new ForbiddenException($"Your role does not allow this: removing a member needs the permission {Permissions.UsersManage}.");
    }
}

public sealed class RemoveMemberHandler(IApplicationDbContext db, IOrganizationContext scope)
    : ICommandHandler<RemoveMember>
{
    public async ValueTask<Unit> Handle(RemoveMember command, CancellationToken cancellationToken)
    {
        var userId = command.UserId;
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken)
            ?? throw new NotFoundException("The member");
        var role = await db.Roles.SingleAsync(r => r.Id == membership.RoleId, cancellationToken);
        membership.Remove(role, scope.Access.IsSupervisor, await UpdateMemberHandler.SupervisorCountAsync(db, cancellationToken));
        db.Memberships.Remove(membership);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

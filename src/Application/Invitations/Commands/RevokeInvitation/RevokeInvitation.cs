using VariantMiner.Domain.Invitations;

namespace VariantMiner.Application.Invitations.Commands.RevokeInvitation;

[RequiresPermission(Permissions.UsersInvite)]
public sealed record RevokeInvitation(Guid OrganizationId, Guid InvitationId) : ICommand, IOrganizationRequest;

public sealed class RevokeInvitationHandler(IApplicationDbContext db)
    : ICommandHandler<RevokeInvitation>
{
    public async ValueTask<Unit> Handle(RevokeInvitation command, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(e => e.Id == command.InvitationId, cancellationToken) ?? throw new NotFoundException("The invitation");
        invitation.Revoke();
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

using Microsoft.Extensions.Options;
using VariantMiner.Application.Roles;
using VariantMiner.Domain.Invitations;

namespace VariantMiner.Application.Invitations.Commands.ResendInvitation;

/// <summary>Sends a pending invitation again with a fresh token and expiry; the previous link stops working.</summary>
[RequiresPermission(Permissions.UsersInvite)]
public sealed record ResendInvitation(Guid OrganizationId, Guid InvitationId) : ICommand<IssuedInvitationDto>, IOrganizationRequest;

public sealed class ResendInvitationHandler(
    IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts, IOptions<InvitationOptions> options, TimeProvider clock) : ICommandHandler<ResendInvitation, IssuedInvitationDto>
{
    public async ValueTask<IssuedInvitationDto> Handle(ResendInvitation command, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(e => e.Id == command.InvitationId, cancellationToken) ?? throw new NotFoundException("The invitation");
        var role = await db.Roles.SingleAsync(r => r.Id == invitation.RoleId, cancellationToken);
        // Re-sending issues a live token for the role: the same rule as inviting with it.
        RoleAssignment.EnsureCanAssign(scope.Access, role);
        var settings = options.Value;
        var now = clock.GetUtcNow();
        var token = invitation.Renew(currentUser.UserId!.Value, now, settings.Lifetime);
        var organization = await db.Organizations.SingleAsync(o => o.Id == command.OrganizationId, cancellationToken);
        var inviter = (await accounts.DisplayNamesAsync([currentUser.UserId!.Value], cancellationToken)).GetValueOrDefault(currentUser.UserId!.Value, "A colleague");
        db.Outbox.Add(InvitationMail.Compose(organization.Id, organization.Name, inviter, invitation.Email, role.Name, settings.AcceptUrl(token), invitation.ExpiresAt, now));
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedInvitationDto(invitation.Id, invitation.Email, token, settings.AcceptUrl(token), invitation.ExpiresAt);
    }
}

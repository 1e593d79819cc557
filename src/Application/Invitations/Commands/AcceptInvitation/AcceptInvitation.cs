using VariantMiner.Application.Roles;
using VariantMiner.Domain.Invitations;

namespace VariantMiner.Application.Invitations.Commands.AcceptInvitation;

public sealed record AcceptedInvitationDto(Guid OrganizationId, string OrganizationName);

/// <summary>The signed-in user whose e-mail the invitation names joins the organization with its role and workspaces.</summary>
public sealed record AcceptInvitation(string Token) : ICommand<AcceptedInvitationDto>;

public sealed class AcceptInvitationValidator : AbstractValidator<AcceptInvitation>
{
    public AcceptInvitationValidator() => RuleFor(c => c.Token).NotEmpty().MaximumLength(200).WithMessage("The invitation token is missing.");
}

public sealed class AcceptInvitationHandler(
    IApplicationDbContext db, ICurrentUser currentUser, IUserAccounts accounts, IMembershipLookup memberships, TimeProvider clock)
    : ICommandHandler<AcceptInvitation, AcceptedInvitationDto>
{
    public async ValueTask<AcceptedInvitationDto> Handle(AcceptInvitation command, CancellationToken cancellationToken)
    {
        var userId = currentUser.UserId!.Value;
        var hash = Invitation.HashToken(command.Token.Trim());
        // No organization scope exists yet: the token (by its hash) is what selects the organization.
        var invitation = await db.Invitations.IgnoreQueryFilters().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken)
            ?? throw new NotFoundException("The invitation");
        var now = clock.GetUtcNow();
        switch (invitation.Status)
        {
            case InvitationStatus.Accepted: throw new GoneException("This invitation has already been used.");
            case InvitationStatus.Revoked: throw new GoneException("This invitation was revoked. Ask for a new one.");
        }
        if (invitation.IsExpired(now)) throw new GoneException("This invitation has expired. Ask for a new one.");

        var account = await accounts.FindAsync(userId, cancellationToken) ?? throw new UnauthenticatedException();
        // Anyone can register any address; only a verified one may take up an invitation sent to it.
        if (!account.EmailVerified)
            throw new ForbiddenException($"Verify your e-mail address first: open the link we sent to {account.Email} (or send a new one), then accept the invitation.",
                "email-unverified");
        if (!string.Equals(Invitation.NormalizeEmail(account.Email), invitation.Email, StringComparison.Ordinal))
            throw new ForbiddenException($"This invitation was sent to another e-mail address. Sign in as {invitation.Email} to accept it.");
        if (await db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.OrganizationId == invitation.OrganizationId && m.UserId == userId, cancellationToken))
            throw new ConflictException("You are already a member of this organization.");

        var role = await db.Roles.IgnoreQueryFilters()
            .SingleOrDefaultAsync(r => r.Id == invitation.RoleId && r.OrganizationId == invitation.OrganizationId, cancellationToken)
            ?? throw new GoneException("The role this invitation offered no longer exists. Ask for a new invitation.");
        RoleAssignment.EnsureIssuerCanStillAssign(await memberships.FindAsync(invitation.LastSentBy, invitation.OrganizationId, cancellationToken), role);

        invitation.Accept(userId, now);
        var membership = new Membership(invitation.OrganizationId, userId, invitation.RoleId, now);
        membership.RecordLogin(now); // joining is signing in to this organization for the first time
        foreach (var workspace in invitation.Workspaces) membership.GrantWorkspace(workspace.WorkspaceId);
        db.Memberships.Add(membership);
        await db.SaveChangesAsync(cancellationToken);

        var name = await db.Organizations.Where(o => o.Id == invitation.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        return new AcceptedInvitationDto(invitation.OrganizationId, name);
    }
}

using VariantMiner.Domain.Invitations;

namespace VariantMiner.Application.Invitations.Queries.PreviewInvitation;

/// <param name="Status">pending, accepted, revoked or expired.</param>
public sealed record InvitationPreviewDto(string OrganizationName, Guid OrganizationId, string InvitedBy, string Role, string Email, string Status,
    DateTimeOffset ExpiresAt);

/// <summary>
/// What the holder of an invitation link is invited to — organization, inviter, role, the address it was sent to —
/// shown before signing in (anonymous: the link is the credential, and the e-mail said as much).
/// </summary>
public sealed record PreviewInvitation(string Token) : IQuery<InvitationPreviewDto>, IAllowAnonymous;

public sealed class PreviewInvitationValidator : AbstractValidator<PreviewInvitation>
{
    public PreviewInvitationValidator() => RuleFor(c => c.Token).NotEmpty().MaximumLength(200).WithMessage("The invitation token is missing.");
}

public sealed class PreviewInvitationHandler(IApplicationDbContext db, IUserAccounts accounts, TimeProvider clock)
    : IQueryHandler<PreviewInvitation, InvitationPreviewDto>
{
    public async ValueTask<InvitationPreviewDto> Handle(PreviewInvitation query, CancellationToken cancellationToken)
    {
        var hash = Invitation.HashToken(query.Token.Trim());
        // No organization scope exists before joining: the token (by its hash) selects the invitation.
        var invitation = await db.Invitations.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken)
            ?? throw new NotFoundException("The invitation");
        var organization = await db.Organizations.Where(o => o.Id == invitation.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var role = await db.Roles.IgnoreQueryFilters().Where(r => r.Id == invitation.RoleId && r.OrganizationId == invitation.OrganizationId)
            .Select(r => r.Name).SingleOrDefaultAsync(cancellationToken);
        var inviter = (await accounts.DisplayNamesAsync([invitation.LastSentBy], cancellationToken)).GetValueOrDefault(invitation.LastSentBy, "A former member");
        var status = invitation.Status switch
        {
            InvitationStatus.Accepted => "accepted",
            InvitationStatus.Revoked => "revoked",
            _ when invitation.IsExpired(clock.GetUtcNow()) => "expired",
            _ => "pending",
        };
        return new InvitationPreviewDto(organization, invitation.OrganizationId, inviter, role ?? "(a role that no longer exists)", invitation.Email, status,
            invitation.ExpiresAt);
    }
}

namespace VariantMiner.Application.Common.Behaviors;

/// <summary>
/// Resolves the caller's membership of the request's organization once and stores it in the scoped
/// <see cref="OrganizationContext"/>. Not a member → 404; workspace not enterable (or of another organization) → 404.
/// A failing lookup propagates: authorization fails closed. Then the organization's security policy, before any of its
/// data: a session without the second factor it requires, older than it allows, or opened with a shorter password than
/// it asks for is refused (a session opened through the organization's own institution sign-in meets the second-factor and
/// password rules: the institution's provider answers for them) with 403 and a reason the SPA acts on (set up two-factor, sign in again, change the password).
/// </summary>
public sealed class OrganizationScopeBehavior<TMessage, TResponse>(
    ICurrentUser currentUser, IMembershipLookup memberships, OrganizationContext context, TimeProvider clock)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IOrganizationRequest request)
        {
            var userId = currentUser.UserId ?? throw new UnauthenticatedException();
            var access = await memberships.FindAsync(userId, request.OrganizationId, cancellationToken)
                ?? throw new NotFoundException("The organization");
            Guid? workspaceId = null;
            if (request is IWorkspaceRequest workspaceRequest)
            {
                if (!access.CanEnter(workspaceRequest.WorkspaceId))
                    throw new NotFoundException("The workspace");
                workspaceId = workspaceRequest.WorkspaceId;
            }
            EnforcePolicy(access.Policy, currentUser.Session, request.OrganizationId);
            context.Enter(access, workspaceId);
        }
        return await next(message, cancellationToken);
    }

    /// <summary>The session's last request here, else its sign-in (a first visit counts from there).</summary>
    private static DateTimeOffset? IdleSince(SessionFacts session) => session.LastActiveHere ?? session.SignedInAt;

    private void EnforcePolicy(SecurityPolicy policy, SessionFacts session, Guid organizationId)
    {
        if (session.TokenId is not null)
        {
            // A token speaks for its own organization only, and only while the organization allows tokens; it is a
            // credential of its own, so the session rules below (second factor, age, password) are not its.
            if (session.TokenOrganizationId != organizationId) throw new NotFoundException("The organization");
            // An organization client is the organization's own system, not a person's token: the policy on those is not its.
            if (!session.OrganizationClient && !policy.PersonalAccessTokensAllowed)
                throw new ForbiddenException("This organization does not allow personal access tokens.", OrganizationPolicyReasons.TokensDisallowed);
            return;
        }
        // Signed in through this organization's own institution: its provider answers for the factors and the password.
        var institution = session.SingleSignOnOrganizationId == organizationId;
        if (policy.RequireTwoFactor && !session.SecondFactor && !institution)
            throw new ForbiddenException("This organization requires two-factor sign-in. Turn it on in your profile, then sign in with a code.", OrganizationPolicyReasons.TwoFactorRequired);
        if (policy.MaxSessionHours is { } hours && (session.SignedInAt is not { } signedIn || clock.GetUtcNow() - signedIn > TimeSpan.FromHours(hours)))
            throw new ForbiddenException($"This organization asks you to sign in again after {hours} hours. Sign out and sign in again.", OrganizationPolicyReasons.SignInAgain);
        if (policy.MaxIdleMinutes is { } idle && IdleSince(session) is var since && (since is null || clock.GetUtcNow() - since > TimeSpan.FromMinutes(idle)))
            throw new ForbiddenException($"This organization asks you to sign in again after {idle} minutes without using it. Sign out and sign in again.",
                OrganizationPolicyReasons.SignInAgain);
        if (policy.MinimumPasswordLength > Domain.Organizations.Organization.InstallationMinimumPasswordLength && !institution)
        {
            // Unknown (a session from before lengths were recorded): signing in again tells.
            if (session.PasswordLength is not { } length)
                throw new ForbiddenException("This organization asks you to sign in again before you continue.", OrganizationPolicyReasons.SignInAgain);
            if (length < policy.MinimumPasswordLength)
                throw new ForbiddenException(
                    $"This organization requires passwords of at least {policy.MinimumPasswordLength} characters. Change your password in your profile, then continue.",
                    OrganizationPolicyReasons.LongerPassword);
        }
    }
}

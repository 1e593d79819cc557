namespace VariantMiner.Application.SingleSignOn;

/// <summary>
/// Reads about institution sign-in that come before any organization scope (the sign-in page knows an e-mail address, the
/// provider's answer names an organization): each is constrained by the domain or organization id it is given.
/// </summary>
public interface ISingleSignOnDirectory
{
    /// <summary>The connection serving the e-mail address's domain, with its organization's name; null when none.</summary>
    Task<(SingleSignOnConnection Connection, string OrganizationName)?> FindByEmailAsync(string email, CancellationToken cancellationToken);

    Task<SingleSignOnConnection?> FindAsync(Guid organizationId, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="domains"/> another organization's sign-in serves already.</summary>
    Task<IReadOnlyList<string>> ClaimedElsewhereAsync(Guid organizationId, IReadOnlyCollection<string> domains, CancellationToken cancellationToken);

    /// <summary>The organization whose sign-in this member must use (required there, their address in its domains); null when none.</summary>
    Task<Guid?> RequiredForAsync(Guid userId, string email, CancellationToken cancellationToken);

    Task<bool> IsMemberAsync(Guid organizationId, Guid userId, CancellationToken cancellationToken);

    Task<bool> HasPendingInvitationAsync(Guid organizationId, string email, CancellationToken cancellationToken);

    Task<Role?> FindRoleAsync(Guid organizationId, Guid roleId, CancellationToken cancellationToken);
}

/// <summary>
/// Where the product may fetch an identity provider's documents from: https only, and never a private, loopback or
/// link-local address (an administrator must not be able to make the server call into its own network).
/// </summary>
public interface IIdentityProviderAddresses
{
    /// <summary>Why the issuer may not be used (a sentence for the person configuring it); null when it may.</summary>
    Task<string?> RefusalAsync(string issuer, CancellationToken cancellationToken);
}

/// <summary>What the institution's provider said about the person, from its checked ID token (and user-info answer).</summary>
/// <param name="OrganizationId">The organization whose sign-in was started (bound into the provider round trip).</param>
public sealed record ExternalIdentity(Guid OrganizationId, string Issuer, string Subject, string? Email, bool EmailVerified, string? Name);

/// <summary>Accounts signed in through an institution: the link by (issuer, subject) and the session.</summary>
public interface IExternalAccounts
{
    /// <summary>The provider's answer held between the provider and the end of the sign-in (five minutes); null when none.</summary>
    Task<ExternalIdentity?> PendingAsync(CancellationToken cancellationToken);

    /// <summary>The account linked to (issuer, subject); null when none.</summary>
    Task<Guid?> FindLinkedAsync(string issuer, string subject, CancellationToken cancellationToken);

    /// <summary>A new account for the person (no password; the address counts as verified: the provider vouched for it), linked.</summary>
    Task<Guid> CreateLinkedAsync(ExternalIdentity identity, CancellationToken cancellationToken);

    /// <summary>
    /// Links the account of <paramref name="identity"/>'s address when its owner proves it: the password, and a code when
    /// the account has two-factor on. Failures count towards the lockout; false (nothing linked) when not proven.
    /// </summary>
    Task<SignInAttempt> LinkWithPasswordAsync(ExternalIdentity identity, string password, string? code, CancellationToken cancellationToken);

    /// <summary>Opens the session (how: through <paramref name="organizationId"/>'s provider) and drops the pending answer; false when the account is locked.</summary>
    Task<bool> SignInAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken);
}

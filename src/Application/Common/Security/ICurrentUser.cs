namespace VariantMiner.Application.Common.Security;

/// <summary>Who is calling. Resolved from the HTTP principal by the host; null id when anonymous.</summary>
public interface ICurrentUser
{
    Guid? UserId { get; }
    bool IsPlatformAdmin { get; }

    /// <summary>How the caller's session was opened, as an organization's security policy asks (unknown facts are null).</summary>
    SessionFacts Session => SessionFacts.Unknown;
}

/// <param name="SecondFactor">Signed in with a code of an authenticator app or a recovery code, not a password alone.</param>
/// <param name="SignedInAt">When the password was entered (or the institution's provider answered) (null: a session from before this was recorded).</param>
/// <param name="PasswordLength">The length of the password entered then (null: not known).</param>
/// <param name="TokenId">Set when the request came with a personal access token (of <paramref name="TokenOrganizationId"/>) instead of a session.</param>
/// <param name="SingleSignOnOrganizationId">Set when the session was opened through this organization's institution sign-in.</param>
/// <param name="OrganizationClient">The token is an organization client's OAuth access token (<paramref name="TokenId"/> is the client).</param>
/// <param name="LastActiveHere">When this session last acted in the organization the request names, before this request (null: not yet, or not a session).</param>
public sealed record SessionFacts(bool SecondFactor, DateTimeOffset? SignedInAt, int? PasswordLength, Guid? TokenId = null, Guid? TokenOrganizationId = null,
    Guid? SingleSignOnOrganizationId = null, bool OrganizationClient = false, DateTimeOffset? LastActiveHere = null)
{
    public static readonly SessionFacts Unknown = new(false, null, null);
}

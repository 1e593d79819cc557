using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Authorization;

/// <summary>
/// A personal access token: a person's credential for one organization's API, for scripts and tools. Only its SHA-256
/// hash is kept (the token is shown once); it acts with the owner's <em>current</em> role in that organization, and
/// stops working when revoked, expired, when the owner leaves, is locked out, or the organization disallows tokens.
/// </summary>
public sealed class PersonalAccessToken : ITenantOwned
{
    public const int NameMaxLength = 100;

    private PersonalAccessToken() { }

    public PersonalAccessToken(Guid organizationId, Guid userId, string name, string hash, string hint, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > NameMaxLength) throw new DomainException($"A token needs a name of at most {NameMaxLength} characters.");
        if (expiresAt <= now) throw new DomainException("A token must expire in the future.");
        Id = Guid.CreateVersion7();
        (OrganizationId, UserId, Name, Hash, Hint, CreatedAt, ExpiresAt) = (organizationId, userId, name.Trim(), hash, hint, now, expiresAt);
    }

    public Guid Id { get; private init; }
    public Guid OrganizationId { get; private init; }
    public Guid UserId { get; private init; }
    public string Name { get; private init; } = "";
    /// <summary>SHA-256 of the token (lower-case hex): what a request's token is looked up by.</summary>
    public string Hash { get; private init; } = "";
    /// <summary>The token's last four characters, to tell tokens apart in a list.</summary>
    public string Hint { get; private init; } = "";
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset ExpiresAt { get; private init; }
    public DateTimeOffset? LastUsedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}

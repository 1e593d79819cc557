using System.Text.RegularExpressions;
using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Authorization;

/// <summary>
/// An organization's institution sign-in: its OpenID provider (issuer, client id and secret) and the e-mail domains whose
/// people sign in there. People are linked to accounts by (issuer, subject), never by e-mail alone. New people of those
/// domains may join with <see cref="DefaultRoleId"/> on their first sign-in (just-in-time membership); when
/// <see cref="Required"/>, the organization's members of those domains cannot sign in with a password.
/// </summary>
public sealed partial class SingleSignOnConnection : ITenantOwned
{
    public const int IssuerMaxLength = 500;
    public const int ClientIdMaxLength = 200;
    public const int MaxDomains = 20;

    private readonly List<SingleSignOnDomain> _domains = [];

    private SingleSignOnConnection() { }

    public SingleSignOnConnection(Guid organizationId) => (Id, OrganizationId) = (Guid.CreateVersion7(), organizationId);

    public Guid Id { get; private init; }
    public Guid OrganizationId { get; private init; }
    public bool Enabled { get; private set; }
    /// <summary>The provider's issuer, exactly as its ID tokens name it (its discovery document is under it).</summary>
    public string Issuer { get; private set; } = "";
    public string ClientId { get; private set; } = "";
    /// <summary>The client secret, protected by the installation's keys (never shown again).</summary>
    [Auditing.NotAudited] public string ProtectedClientSecret { get; private set; } = "";
    public Guid DefaultRoleId { get; private set; }
    public bool JustInTimeMembership { get; private set; }
    public bool Required { get; private set; }
    /// <summary>Who last set the connection up: just-in-time members get the default role only while this person may still give it.</summary>
    public Guid ConfiguredBy { get; private set; }
    /// <summary>When the settings last changed (a running server rebuilds its sign-in handler for the organization then).</summary>
    public DateTimeOffset UpdatedAt { get; private set; }
    public IReadOnlyCollection<SingleSignOnDomain> Domains => _domains;

    public void Configure(bool enabled, string issuer, string clientId, IEnumerable<string> domains, Guid defaultRoleId, bool justInTime, bool required,
        Guid configuredBy, DateTimeOffset now)
    {
        if (required && !enabled) throw new DomainException("Institution sign-in must be on to be required.");
        var wanted = domains.Select(NormalizeDomain).Distinct().ToList();
        if (wanted.Count == 0) throw new DomainException("Name at least one e-mail domain of the institution.");
        if (wanted.Count > MaxDomains) throw new DomainException($"At most {MaxDomains} e-mail domains.");
        (Enabled, Issuer, ClientId, DefaultRoleId, JustInTimeMembership, Required, ConfiguredBy, UpdatedAt) =
            (enabled, issuer.Trim(), clientId.Trim(), defaultRoleId, justInTime, required, configuredBy, now);
        _domains.RemoveAll(d => !wanted.Contains(d.Domain));
        foreach (var domain in wanted.Where(w => _domains.All(d => d.Domain != w))) _domains.Add(new SingleSignOnDomain(domain, OrganizationId, Id));
    }

    public void SetClientSecret(string protectedSecret) => ProtectedClientSecret = protectedSecret;

    public bool Covers(string email) => DomainOf(email) is { } domain && _domains.Any(d => d.Domain == domain);

    /// <summary>The lower-case domain of an e-mail address (null when it has none).</summary>
    public static string? DomainOf(string email)
    {
        var at = email.LastIndexOf('@');
        return at < 0 || at == email.Length - 1 ? null : email[(at + 1)..].Trim().ToLowerInvariant();
    }

    public static bool IsDomain(string domain) => DomainPattern().IsMatch(domain.Trim().ToLowerInvariant());

    private static string NormalizeDomain(string domain)
    {
        var normalized = domain.Trim().TrimStart('@').ToLowerInvariant();
        return IsDomain(normalized) ? normalized : throw new DomainException($"'{domain}' is not an e-mail domain (for example: hospital.example.org).");
    }

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex DomainPattern();
}

/// <summary>An e-mail domain an organization's institution sign-in serves; a domain belongs to one organization at most.</summary>
public sealed class SingleSignOnDomain : ITenantOwned
{
    private SingleSignOnDomain() { }

    internal SingleSignOnDomain(string domain, Guid organizationId, Guid connectionId) => (Domain, OrganizationId, ConnectionId) = (domain, organizationId, connectionId);

    public string Domain { get; private init; } = "";
    public Guid OrganizationId { get; private init; }
    public Guid ConnectionId { get; private init; }
}

using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Integrations;

/// <summary>How the FHIR server is told who is calling: nothing, a bearer token, or a user name and password (HTTP Basic).</summary>
public enum FhirAuthentication
{
    None,
    Bearer,
    Basic,
}

/// <summary>
/// The organization's connections to the systems around it: the FHIR server its final reports are pushed to (an EHR or a
/// reporting system), and the webhook its events are posted to (signed with a secret the receiver shares). Secrets are
/// kept encrypted, never shown again, and never follow a changed address to another server.
/// </summary>
public sealed class IntegrationSettings : ITenantOwned
{
    public const int UrlMaxLength = 500;
    public const int UserNameMaxLength = 200;

    private IntegrationSettings() { }

    public IntegrationSettings(Guid organizationId) => OrganizationId = organizationId;

    public Guid OrganizationId { get; private init; }
    /// <summary>The FHIR server's base address (…/fhir); null: reports are not pushed.</summary>
    public string? FhirBaseUrl { get; private set; }
    public FhirAuthentication FhirAuthentication { get; private set; }
    public string? FhirUserName { get; private set; }
    [Auditing.NotAudited] public string? ProtectedFhirSecret { get; private set; }
    /// <summary>Where the organization's events are posted (JSON, signed); null: no webhook.</summary>
    public string? WebhookUrl { get; private set; }
    [Auditing.NotAudited] public string? ProtectedWebhookSecret { get; private set; }
    public Guid UpdatedBy { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public bool PushesReports => FhirBaseUrl is not null;

    /// <param name="protectedSecret">The new secret, encrypted; null keeps the one kept.</param>
    public void SetFhirEndpoint(string? baseUrl, FhirAuthentication authentication, string? userName, string? protectedSecret, Guid by, DateTimeOffset at)
    {
        var url = string.IsNullOrWhiteSpace(baseUrl) ? null : baseUrl.Trim().TrimEnd('/');
        if (url?.Length > UrlMaxLength) throw new DomainException($"The FHIR server's address must be at most {UrlMaxLength} characters.");
        if (url is null) authentication = FhirAuthentication.None;
        if (authentication == FhirAuthentication.Basic && string.IsNullOrWhiteSpace(userName))
            throw new DomainException("Name the user the FHIR server knows this organization as.");
        // The kept secret stays only with the same kind of authentication and the same server: it must not follow a changed
        // address to another host.
        var sameServer = SameServer(url, FhirBaseUrl);
        if (authentication != FhirAuthentication.None && protectedSecret is null && (ProtectedFhirSecret is null || authentication != FhirAuthentication || !sameServer))
            throw new DomainException((authentication == FhirAuthentication.Bearer ? "Enter the token the FHIR server gave" : "Enter the password the FHIR server gave")
                + (ProtectedFhirSecret is not null && !sameServer ? ": the kept one is not sent to another server." : "."));
        FhirBaseUrl = url;
        FhirAuthentication = authentication;
        FhirUserName = authentication == FhirAuthentication.Basic ? userName!.Trim() : null;
        ProtectedFhirSecret = authentication == FhirAuthentication.None ? null : protectedSecret ?? ProtectedFhirSecret;
        UpdatedBy = by;
        UpdatedAt = at;
    }

    public const int WebhookSecretMinLength = 16;

    /// <param name="protectedSecret">The new secret, encrypted; null keeps the one kept (for the same server only).</param>
    public void SetWebhook(string? url, string? protectedSecret, Guid by, DateTimeOffset at)
    {
        var address = string.IsNullOrWhiteSpace(url) ? null : url.Trim();
        if (address?.Length > UrlMaxLength) throw new DomainException($"The webhook's address must be at most {UrlMaxLength} characters.");
        if (address is not null && protectedSecret is null && (ProtectedWebhookSecret is null || !SameServer(address, WebhookUrl)))
            throw new DomainException("Enter the secret the webhook's receiver checks signatures with"
                + (ProtectedWebhookSecret is not null ? ": the kept one is not sent to another server." : "."));
        WebhookUrl = address;
        ProtectedWebhookSecret = address is null ? null : protectedSecret ?? ProtectedWebhookSecret;
        UpdatedBy = by;
        UpdatedAt = at;
    }

    private static bool SameServer(string? url, string? kept) =>
        url is not null && kept is not null && Uri.TryCreate(url, UriKind.Absolute, out var to) && Uri.TryCreate(kept, UriKind.Absolute, out var from)
        && Uri.Compare(to, from, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}

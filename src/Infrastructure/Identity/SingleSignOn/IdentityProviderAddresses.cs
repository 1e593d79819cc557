using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using VariantMiner.Application.SingleSignOn;
using VariantMiner.Infrastructure.Networking;

namespace VariantMiner.Infrastructure.Identity.SingleSignOn;

public sealed class SingleSignOnOptions
{
    /// <summary>
    /// Lets identity providers be reached over http and at private, loopback or link-local addresses: for a provider on
    /// the same machine in development and tests only. Off by default (an administrator must not make the server call
    /// into its own network).
    /// </summary>
    public bool AllowPrivateNetworkProviders { get; set; }
}

/// <summary>
/// The server-side-request-forgery guard for identity providers: checked when the issuer is saved (a clear message), and
/// again on every connection the sign-in makes (discovery, keys, token, user info).
/// </summary>
public sealed class IdentityProviderAddresses(IOptions<SingleSignOnOptions> options) : IIdentityProviderAddresses
{
    private OutboundGuard Guard => new(options.Value.AllowPrivateNetworkProviders);

    public Task<string?> RefusalAsync(string issuer, CancellationToken cancellationToken) =>
        Guard.RefusalAsync(issuer, "The issuer", cancellationToken);

    /// <summary>The HTTP client the sign-in talks to providers with: every connection goes through the guard.</summary>
    public HttpClient Client() => Guard.Client(TimeSpan.FromSeconds(30));
}

/// <summary>Secrets kept for later use, protected by the installation's Data Protection keys (kept in the data directory).</summary>
internal sealed class DataProtectionSecrets(IDataProtectionProvider protection) : ISecrets
{
    private IDataProtector Protector => protection.CreateProtector("VariantMiner.Secrets.v1");

    public string Protect(string secret) => Protector.Protect(secret);

    public string Unprotect(string protectedSecret) => Protector.Unprotect(protectedSecret);
}

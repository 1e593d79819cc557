using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using VariantMiner.Application.SingleSignOn;

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
/// again on every connection the sign-in makes (discovery, keys, token, user info) — at connect time, on the address
/// actually connected to, so a name that later resolves elsewhere (DNS rebinding) is refused too.
/// </summary>
public sealed class IdentityProviderAddresses(IOptions<SingleSignOnOptions> options) : IIdentityProviderAddresses
{
    private bool AllowPrivate => options.Value.AllowPrivateNetworkProviders;

    public async Task<string?> RefusalAsync(string issuer, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var uri)) return "The issuer must be an absolute address.";
        if (uri.Scheme != Uri.UriSchemeHttps && !AllowPrivate) return "The issuer must be an https:// address.";
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"The provider's host name {uri.Host} does not resolve.";
        }
        if (addresses.Length == 0) return $"The provider's host name {uri.Host} does not resolve.";
        if (!AllowPrivate && addresses.FirstOrDefault(IsPrivate) is { } inside)
            return $"The provider's address {uri.Host} points into a private, loopback or link-local network ({inside}); institution sign-in must use a public provider.";
        return null;
    }

    /// <summary>The HTTP client the sign-in talks to providers with: every connection goes through the guard.</summary>
    public HttpClient Client() => new(new SocketsHttpHandler
    {
        ConnectCallback = ConnectAsync,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AllowAutoRedirect = false,
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => AllowPrivate || !IsPrivate(a)).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException($"Refused to connect to {context.DnsEndPoint.Host}: it resolves only to private, loopback or link-local addresses.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Loopback, private (RFC 1918, unique-local), link-local (cloud metadata lives there), carrier-grade NAT, unspecified, multicast, reserved.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address)) return true;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] is >= 64 and <= 127,
                169 => b[1] == 254,
                172 => b[1] is >= 16 and <= 31,
                192 => (b[1] == 168) || (b[1] == 0 && b[2] is 0 or 2) || (b[1] == 88 && b[2] == 99),
                198 => b[1] is 18 or 19 || (b[1] == 51 && b[2] == 100),
                203 => b[1] == 0 && b[2] == 113,
                >= 224 => true,
                _ => false,
            };
        }
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)) return true;
            var b = address.GetAddressBytes();
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
                || (b[0] & 0xFE) == 0xFC                                // fc00::/7 unique local
                || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8) // 2001:db8::/32 documentation
                || (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && IsPrivate(new IPAddress(b[12..]))); // 64:ff9b::/96, NAT64 of an IPv4 address
        }
        return true;
    }
}

/// <summary>Secrets kept for later use, protected by the installation's Data Protection keys (kept in the data directory).</summary>
internal sealed class DataProtectionSecrets(IDataProtectionProvider protection) : ISecrets
{
    private IDataProtector Protector => protection.CreateProtector("VariantMiner.Secrets.v1");

    public string Protect(string secret) => Protector.Protect(secret);

    public string Unprotect(string protectedSecret) => Protector.Unprotect(protectedSecret);
}

using System.Net;
using System.Net.Sockets;

namespace VariantMiner.Infrastructure.Networking;

/// <summary>
/// The server-side-request-forgery guard for addresses an administrator configures (an identity provider, a FHIR server):
/// https only, and never a private, loopback or link-local address — checked when the address is saved (a clear message)
/// and again on every connection, at connect time, on the address actually connected to, so a name that later resolves
/// elsewhere (DNS rebinding) is refused too. <paramref name="allowPrivate"/> lifts both for a server on the same machine
/// (development and tests).
/// </summary>
public sealed class OutboundGuard(bool allowPrivate)
{
    /// <summary>Why <paramref name="address"/> may not be used (a sentence for the person configuring it); null when it may.</summary>
    /// <param name="what">What the address is, as the sentence's subject ("The issuer").</param>
    public async Task<string?> RefusalAsync(string address, string what, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri)) return $"{what} must be an absolute address.";
        if (uri.Scheme != Uri.UriSchemeHttps && !(allowPrivate && uri.Scheme == Uri.UriSchemeHttp)) return $"{what} must be an https:// address.";
        IPAddress[] addresses;
        try
        {
            addresses = await Dns.GetHostAddressesAsync(uri.IdnHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"The host name {uri.Host} does not resolve.";
        }
        if (addresses.Length == 0) return $"The host name {uri.Host} does not resolve.";
        if (!allowPrivate && addresses.FirstOrDefault(IsPrivate) is { } inside)
            return $"{uri.Host} points into a private, loopback or link-local network ({inside}); {what.ToLowerInvariant()} must be a public address.";
        return null;
    }

    /// <summary>An HTTP client whose every connection goes through the guard (redirects are not followed).</summary>
    public HttpClient Client(TimeSpan timeout) => new(new SocketsHttpHandler
    {
        ConnectCallback = ConnectAsync,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        AllowAutoRedirect = false,
        UseProxy = false, // a proxy would connect to the target itself, past the guard
    })
    { Timeout = timeout };

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => allowPrivate || !IsPrivate(a)).ToArray();
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

using System.Net;

namespace VariantMiner.WebApi.Hosting;

/// <summary>
/// Browsers treat http://localhost as a secure context and keep Secure (__Host-) cookies there. This mirrors that
/// rule on the server, so `./build.sh run` works without a certificate: a plain-HTTP request that both arrives from
/// a loopback address and names a loopback host counts as HTTPS. Anything from the network is left as it is;
/// production terminates TLS itself or behind a proxy (X-Forwarded-Proto, trusted from loopback proxies only).
/// </summary>
internal sealed class LoopbackSchemeMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.IsHttps && context.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote) && IsLoopbackHost(request.Host.Host))
        {
            request.Scheme = "https";
        }
        return next(context);
    }

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}

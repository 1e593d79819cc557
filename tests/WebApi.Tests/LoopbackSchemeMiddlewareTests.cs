using Microsoft.AspNetCore.Http;
using VariantMiner.WebApi.Hosting;

namespace VariantMiner.WebApi.Tests;

public class LoopbackSchemeMiddlewareTests
{
    [TestCase("127.0.0.1", "localhost", true)]
    [TestCase("::1", "[::1]", true)]
    [TestCase("127.0.0.1", "127.0.0.1", true)]
    [TestCase("10.1.2.3", "localhost", false)]        // from the network: never upgraded
    [TestCase("127.0.0.1", "lab.example.org", false)]  // a proxy on this host forwarding a public name: use X-Forwarded-Proto
    public async Task Only_loopback_to_loopback_http_counts_as_secure(string remote, string host, bool secure)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString(host, 5080);
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);

        await new LoopbackSchemeMiddleware(_ => Task.CompletedTask).InvokeAsync(context);

        Assert.That(context.Request.IsHttps, Is.EqualTo(secure));
    }
}

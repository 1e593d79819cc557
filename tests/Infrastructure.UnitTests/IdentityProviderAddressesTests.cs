using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using VariantMiner.Infrastructure.Identity.SingleSignOn;

namespace VariantMiner.Infrastructure.UnitTests;

/// <summary>
/// The server-side-request-forgery guard for identity providers: which addresses count as inside, what saving an issuer
/// says, and that the sign-in's HTTP client will not even connect to an inside address.
/// </summary>
public class IdentityProviderAddressesTests
{
    private static IdentityProviderAddresses Guard(bool allowPrivate = false) =>
        new(Options.Create(new SingleSignOnOptions { AllowPrivateNetworkProviders = allowPrivate }));

    [TestCase("127.0.0.1")]
    [TestCase("127.5.6.7")]
    [TestCase("10.0.0.8")]
    [TestCase("172.16.0.1")]
    [TestCase("172.31.255.254")]
    [TestCase("192.168.1.1")]
    [TestCase("169.254.169.254")] // cloud metadata
    [TestCase("100.64.0.1")]
    [TestCase("0.0.0.0")]
    [TestCase("224.0.0.1")]
    [TestCase("::1")]
    [TestCase("::")]
    [TestCase("fe80::1")]
    [TestCase("fd00::1")]
    [TestCase("::ffff:10.0.0.1")] // IPv4-mapped
    [TestCase("::ffff:169.254.169.254")]
    [TestCase("64:ff9b::a9fe:a9fe")] // NAT64 of 169.254.169.254
    public void Inside_addresses_are_private(string address) => Assert.That(VariantMiner.Infrastructure.Networking.OutboundGuard.IsPrivate(IPAddress.Parse(address)), Is.True);

    [TestCase("1.1.1.1")]
    [TestCase("8.8.8.8")]
    [TestCase("172.32.0.1")]
    [TestCase("192.169.0.1")]
    [TestCase("2606:4700:4700::1111")]
    [TestCase("::ffff:8.8.8.8")]
    public void Public_addresses_are_not(string address) => Assert.That(VariantMiner.Infrastructure.Networking.OutboundGuard.IsPrivate(IPAddress.Parse(address)), Is.False);

    [TestCase("http://1.1.1.1/realms/x", "must be an https:// address")]
    [TestCase("https://127.0.0.1/", "private, loopback or link-local")]
    [TestCase("https://localhost/", "private, loopback or link-local")]
    [TestCase("https://169.254.169.254/latest", "private, loopback or link-local")]
    [TestCase("https://10.1.2.3:8443/", "private, loopback or link-local")]
    [TestCase("https://[::1]/", "private, loopback or link-local")]
    [TestCase("https://does-not-exist.invalid/", "does not resolve")]
    public async Task Saving_an_inside_or_plain_http_issuer_is_refused(string issuer, string because) =>
        Assert.That(await Guard().RefusalAsync(issuer, CancellationToken.None), Does.Contain(because));

    [Test]
    public async Task A_public_https_issuer_is_accepted_and_development_may_use_a_local_provider()
    {
        Assert.That(await Guard().RefusalAsync("https://1.1.1.1/realms/staff", CancellationToken.None), Is.Null);
        Assert.That(await Guard(allowPrivate: true).RefusalAsync("http://localhost:8080/", CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task The_sign_ins_client_does_not_connect_to_an_inside_address()
    {
        // A listener on loopback that would answer: the guarded client must not reach it, the allowed one does.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var guarded = Guard().Client();
        var refused = Assert.ThrowsAsync<HttpRequestException>(() => guarded.GetAsync($"http://127.0.0.1:{port}/.well-known/openid-configuration"));
        Assert.That(refused!.Message, Does.Contain("private, loopback or link-local"));
        Assert.That(listener.Pending(), Is.False, "no connection was made");

        using var allowed = Guard(allowPrivate: true).Client();
        var call = allowed.GetAsync($"http://127.0.0.1:{port}/");
        using var accepted = await listener.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(accepted.Connected, Is.True);
        allowed.CancelPendingRequests();
        Assert.CatchAsync<TaskCanceledException>(async () => await call);
    }
}

using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace VariantMiner.WebApi.Tests.Security;

/// <summary>
/// An institution's real OpenID provider (npm oidc-provider, tests/oidc-provider/server.mjs) in a process of its own,
/// and a browser's side of its pages: its sign-in form accepts any address (the account is that address).
/// </summary>
public sealed partial class TestIdentityProvider : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _browser = new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new() });
    private readonly List<JsonElement> _authorizations = [];

    /// <summary>The parameters of every authorization request the provider accepted (pushed or not), in order.</summary>
    public IReadOnlyList<JsonElement> Authorizations
    {
        get { lock (_authorizations) return [.. _authorizations]; }
    }

    public string Issuer { get; }
    public int Port { get; }
    public const string ClientId = "variantminer";
    public const string ClientSecret = "variantminer-secret";

    private TestIdentityProvider(Process process, string issuer, int port) => (_process, Issuer, Port) = (process, issuer, port);

    /// <param name="redirectUri">The one redirect (callback) address the client may use.</param>
    /// <param name="issuerHost">The host the provider names itself by (another than the configured one: a wrong issuer).</param>
    /// <param name="rogueKeys">Publish keys other than the ones it signs with (a token signed by the wrong key).</param>
    public static async Task<TestIdentityProvider> StartAsync(string redirectUri, string issuerHost = "localhost", bool rogueKeys = false)
    {
        var directory = Path.Combine(RepositoryPaths.Root, "tests", "oidc-provider");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "oidc-provider")))
            throw new InvalidOperationException($"The test identity provider is not installed: run `npm ci --prefix {directory}` (./build.sh test does).");
        var port = FreePort();
        var issuer = $"http://{issuerHost}:{port}";
        var start = new ProcessStartInfo("node", ["server.mjs"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["PORT"] = port.ToString(), ["ISSUER"] = issuer, ["REDIRECT_URIS"] = redirectUri, ["CLIENT_ID"] = ClientId,
                ["CLIENT_SECRET"] = ClientSecret, ["ROGUE_KEYS"] = rogueKeys ? "1" : "0" },
        };
        var process = new Process { StartInfo = start };
        var provider = new TestIdentityProvider(process, issuer, port);
        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null) return;
            if (line.Data.StartsWith("oidc-provider ready", StringComparison.Ordinal)) ready.TrySetResult(line.Data);
            if (line.Data.StartsWith("authorization ", StringComparison.Ordinal))
                lock (provider._authorizations) provider._authorizations.Add(JsonDocument.Parse(line.Data["authorization ".Length..]).RootElement.Clone());
        };
        var errors = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, line) => { lock (errors) errors.AppendLine(line.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(ready.Task, Task.Delay(TimeSpan.FromSeconds(20))) != ready.Task)
        {
            await provider.DisposeAsync();
            lock (errors) throw new InvalidOperationException("The test identity provider did not start in 20 s: " + errors);
        }
        return provider;
    }

    /// <summary>
    /// The browser at the provider: follows the authorization request to the sign-in form, signs in as
    /// <paramref name="email"/>, and answers the redirect back to the application (its callback address with code and state).
    /// </summary>
    public async Task<Uri> SignInAsync(Uri authorizationRequest, string email)
    {
        var location = authorizationRequest;
        for (var hops = 0; hops < 10; hops++)
        {
            if (!location.AbsoluteUri.StartsWith(Issuer, StringComparison.Ordinal) && !location.AbsoluteUri.StartsWith($"http://localhost:{Port}", StringComparison.Ordinal)
                && !location.AbsoluteUri.StartsWith($"http://127.0.0.1:{Port}", StringComparison.Ordinal))
                return location; // back at the application
            HttpResponseMessage response;
            if (InteractionPath().IsMatch(location.AbsolutePath))
                response = await _browser.PostAsync(location, new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = email }));
            else
                response = await _browser.GetAsync(location);
            Assert.That((int)response.StatusCode, Is.InRange(300, 399), $"the provider at {location}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            location = new Uri(location, response.Headers.Location!);
        }
        throw new InvalidOperationException("The provider kept redirecting.");
    }

    public async ValueTask DisposeAsync()
    {
        _browser.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^/interaction/[\w-]+$")]
    private static partial Regex InteractionPath();
}

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace VariantMiner.WebApi.Tests;

/// <summary>The real host (Program) on a test database. Clients talk https so the __Host- cookies flow.</summary>
public sealed class VariantMinerFactory : WebApplicationFactory<Program>
{
    public const string SpaMarker = "<!-- test spa -->";
    private readonly TestDatabase database;
    private readonly IReadOnlyDictionary<string, string> settings;

    /// <param name="settings">Configuration for this host, e.g. Workers:Enabled=true for tests that run real pipelines (off otherwise:
    /// most tests only queue runs).</param>
    public VariantMinerFactory(TestDatabase database, IReadOnlyDictionary<string, string>? settings = null)
    {
        this.database = database;
        this.settings = settings ?? new Dictionary<string, string>();
        // The web root is chosen before the host builder exists (Program reads SpaRoot), so it comes from the environment.
        var spa = Path.Combine(database.DataDirectory, "spa");
        Directory.CreateDirectory(spa);
        File.WriteAllText(Path.Combine(spa, "index.html"), $"<!doctype html><html><body>{SpaMarker}</body></html>");
        Environment.SetEnvironmentVariable("SpaRoot", spa);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("DataDirectory", database.DataDirectory);
        builder.UseSetting("Database:Provider", database.Provider.ToString());
        builder.UseSetting($"ConnectionStrings:{database.Provider}", database.ConnectionString);
        builder.UseSetting("Workers:Enabled", "false");
        builder.UseSetting("Usage:Interval", "1.00:00:00"); // tests run a usage round themselves, when they mean to
        // Nor do deliveries go out in the background: the SQLite file is replaced between tests, under any open connection.
        builder.UseSetting("Integrations:SendInBackground", "false");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }

    public HttpClient CreateBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"),
        AllowAutoRedirect = false,
        HandleCookies = true,
    });
}

/// <summary>What the SPA does: fetch an antiforgery token and echo it on unsafe requests.</summary>
public static class BrowserClientExtensions
{
    public const string Password = TestData.Password;

    /// <summary>A signed-in browser-like client for a seeded account.</summary>
    public static async Task<HttpClient> SignedInClientAsync(this VariantMinerFactory factory, string email)
    {
        var client = factory.CreateBrowserClient();
        var response = await client.PostUnsafeAsync("/api/auth/login", new { email, password = Password });
        Assert.That(response.IsSuccessStatusCode, Is.True, $"sign-in of {email}: {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public static async Task<HttpResponseMessage> SendUnsafeAsync(this HttpClient client, HttpMethod method, string url, object? body = null)
    {
        var token = await client.GetFromJsonAsync<AntiforgeryToken>("/api/auth/antiforgery");
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-XSRF-TOKEN", token!.Token);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostUnsafeAsync(this HttpClient client, string url, object? body = null) =>
        client.SendUnsafeAsync(HttpMethod.Post, url, body);

    public static async Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string email, string displayName = "Test User") =>
        await client.PostUnsafeAsync("/api/auth/register", new { email, password = Password, displayName });

    private sealed record AntiforgeryToken(string Token);
}

using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Application.Common.Security;

namespace VariantMiner.WebApi.Tests.Security;

/// <summary>Security headers are on every answer: success, every kind of refusal, server errors; API and SPA routes.</summary>
public class SecurityHeaderTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private static void AssertHeaders(HttpResponseMessage response, string what)
    {
        Assert.That(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) ? nosniff.Single() : null, Is.EqualTo("nosniff"), what);
        Assert.That(response.Headers.TryGetValues("Referrer-Policy", out var referrer) ? referrer.Single() : null, Is.EqualTo("no-referrer"), what);
        Assert.That(response.Headers.TryGetValues("X-Frame-Options", out var frame) ? frame.Single() : null, Is.EqualTo("DENY"), what);
        Assert.That(response.Headers.TryGetValues("Content-Security-Policy", out var csp) ? csp.Single() : "", Does.Contain("frame-ancestors 'none'"), what);
    }

    [Test]
    public async Task Every_kind_of_answer_carries_the_security_headers()
    {
        SeededLab lab, other;
        await using (var db = Database.CreateContext()) lab = await SeededLab.CreateAsync(db, "Header Lab");
        await using (var db = Database.CreateContext()) other = await SeededLab.CreateAsync(db, "Other Lab");
        var analyst = await Factory.SignedInClientAsync(lab.Members[BuiltInRole.Analyst].Email);
        var supervisor = await Factory.SignedInClientAsync(lab.Members[BuiltInRole.Supervisor].Email);
        var anonymous = Factory.CreateBrowserClient();
        var org = $"/api/organizations/{lab.OrganizationId}";

        var answers = new (string What, HttpStatusCode Status, Func<Task<HttpResponseMessage>> Call)[]
        {
            ("API 200", HttpStatusCode.OK, () => analyst.GetAsync(org)),
            ("SPA 200", HttpStatusCode.OK, () => anonymous.GetAsync("/")),
            ("SPA deep link 200", HttpStatusCode.OK, () => anonymous.GetAsync("/organizations/x/settings")),
            ("401 anonymous", HttpStatusCode.Unauthorized, () => anonymous.GetAsync(org)),
            ("400 validation", HttpStatusCode.BadRequest, () => supervisor.SendUnsafeAsync(HttpMethod.Post, $"{org}/workspaces", new { name = "" })),
            ("400 missing antiforgery", HttpStatusCode.BadRequest, () => supervisor.PostAsync($"{org}/workspaces", null)),
            ("403 permission", HttpStatusCode.Forbidden, () => analyst.SendUnsafeAsync(HttpMethod.Put, $"{org}/settings/access-control", new { roleBasedAccessEnabled = false })),
            ("404 other organization", HttpStatusCode.NotFound, () => analyst.GetAsync($"/api/organizations/{other.OrganizationId}")),
            ("404 unknown API route", HttpStatusCode.NotFound, () => anonymous.GetAsync("/api/no/such/route")),
        };
        foreach (var (what, status, call) in answers)
        {
            var response = await call();
            Assert.That(response.StatusCode, Is.EqualTo(status), $"{what}: {await response.Content.ReadAsStringAsync()}");
            AssertHeaders(response, what);
        }
    }

    [Test]
    public async Task A_server_error_carries_the_security_headers_too()
    {
        SeededLab lab;
        await using (var db = Database.CreateContext()) lab = await SeededLab.CreateAsync(db, "Header Lab");
        await using var failing = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<IMembershipLookup, ThrowingLookup>()));
        var client = failing.CreateClient(new() { BaseAddress = new Uri("https://localhost"), HandleCookies = true });
        var signIn = await client.PostUnsafeAsync("/api/auth/login", new { email = lab.Members[BuiltInRole.Analyst].Email, password = TestSupport.TestData.Password });
        Assert.That(signIn.IsSuccessStatusCode, Is.True);

        var response = await client.GetAsync($"/api/organizations/{lab.OrganizationId}");
        await Problems.AssertProblemAsync(response, HttpStatusCode.InternalServerError);
        AssertHeaders(response, "500");
    }

    private sealed class ThrowingLookup : IMembershipLookup
    {
        public Task<OrganizationAccess?> FindAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the membership store is down");
    }
}

using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Infrastructure.Identity;

namespace VariantMiner.WebApi.Tests.Security;

/// <summary>
/// An organization's security policy, applied whenever a member acts there: a member whose session lacks the second
/// factor it requires, is older than it allows, or was opened with a shorter password gets 403 with the reason, on the
/// member's next request after the policy changes — and gets through once they did what it asks. Setting a policy that
/// would lock the setter out is refused.
/// </summary>
public class SecurityPolicyTests(DatabaseProvider provider) : WebTestBase(provider)
{
    /// <summary>The clock of the host; the session-age test moves it forward.</summary>
    private sealed class MovableClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
    }

    private readonly MovableClock _clock = new();
    private SeededLab _lab = null!;
    private string Workspaces => $"/api/organizations/{_lab.OrganizationId}/workspaces";
    private string Policy => $"/api/organizations/{_lab.OrganizationId}/settings/security";

    // Sessions may idle for a day here, so only the policy's own limit ends them in the session-age test.
    protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string> { ["Session:IdleTimeoutMinutes"] = "1440" };

    [SetUp]
    public async Task Seed()
    {
        _clock.Ahead = TimeSpan.Zero;
        await using var db = Database.CreateContext();
        _lab = await SeededLab.CreateAsync(db, "Policy Lab");
    }

    private async Task SetPolicyAsync(int minimumPasswordLength, bool requireTwoFactor, int? maxSessionHours, int? maxIdleMinutes = null)
    {
        await using var db = Database.CreateContext();
        var organization = await db.Organizations.SingleAsync(o => o.Id == _lab.OrganizationId);
        organization.SetSecurityPolicy(minimumPasswordLength, requireTwoFactor, maxSessionHours, maxIdleMinutes, true, 90);
        await db.SaveChangesAsync();
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string reason)
    {
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("reason").GetString(), Is.EqualTo(reason), problem.ToString());
    }

    [Test]
    public async Task Requiring_two_factor_stops_a_member_without_it_until_they_sign_in_with_a_code()
    {
        var analyst = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email);
        Assert.That((await analyst.GetAsync(Workspaces)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "cached before the change");

        await SetPolicyAsync(12, requireTwoFactor: true, null);

        await AssertRefusedAsync(await analyst.GetAsync(Workspaces), "organization-requires-two-factor");
        await AssertRefusedAsync(await analyst.GetAsync(Policy), "organization-requires-two-factor");
        Assert.That((await analyst.GetAsync("/api/organizations")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "their list of organizations stays");
        Assert.That((await analyst.GetAsync("/api/auth/me/two-factor")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "and setting it up");

        // Turning it on proves a code: this session now counts as signed in with two factors.
        var setup = await (await analyst.PostUnsafeAsync("/api/auth/me/two-factor/setup")).Content.ReadFromJsonAsync<JsonElement>();
        var key = Totp.FromBase32(setup.GetProperty("sharedKey").GetString()!);
        var enabled = await analyst.PostUnsafeAsync("/api/auth/me/two-factor/enable", new { code = Totp.Code(key, Totp.StepAt(DateTimeOffset.UtcNow)) });
        Assert.That(enabled.StatusCode, Is.EqualTo(HttpStatusCode.OK), await enabled.Content.ReadAsStringAsync());
        Assert.That((await analyst.GetAsync(Workspaces)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_password_shorter_than_the_organization_asks_must_be_changed_first()
    {
        var analyst = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email);
        var longer = BrowserClientExtensions.Password.Length + 2;
        await SetPolicyAsync(longer, requireTwoFactor: false, null);

        var refused = await analyst.GetAsync(Workspaces);
        await AssertRefusedAsync(refused, "organization-requires-longer-password");
        var changed = await analyst.PostUnsafeAsync("/api/auth/me/password",
            new { currentPassword = BrowserClientExtensions.Password, newPassword = BrowserClientExtensions.Password + " two" });
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await changed.Content.ReadAsStringAsync());
        Assert.That((await analyst.GetAsync(Workspaces)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_session_older_than_the_organization_allows_must_sign_in_again()
    {
        await using var host = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
        var email = _lab.Members[BuiltInRole.Analyst].Email;
        var analyst = host.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        Assert.That((await analyst.PostUnsafeAsync("/api/auth/login", new { email, password = BrowserClientExtensions.Password })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await SetPolicyAsync(12, requireTwoFactor: false, maxSessionHours: 2);
        Assert.That((await analyst.GetAsync(Workspaces)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        _clock.Ahead = TimeSpan.FromHours(3);
        await AssertRefusedAsync(await analyst.GetAsync(Workspaces), "organization-requires-fresh-sign-in");
        Assert.That((await analyst.PostUnsafeAsync("/api/auth/login", new { email, password = BrowserClientExtensions.Password })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await analyst.GetAsync(Workspaces)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a fresh sign-in");
    }

    [Test]
    public async Task A_session_idle_here_longer_than_the_organization_allows_must_sign_in_again_and_stays_refused_until_it_does()
    {
        await using var host = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_clock)));
        var email = _lab.Members[BuiltInRole.Analyst].Email;
        var analyst = host.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        Assert.That((await analyst.PostUnsafeAsync("/api/auth/login", new { email, password = BrowserClientExtensions.Password })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await SetPolicyAsync(12, requireTwoFactor: false, maxSessionHours: null, maxIdleMinutes: 30);

        // Active every 20-25 minutes: each request here counts, for hours.
        foreach (var minutes in new[] { 0, 20, 45, 70, 95 })
        {
            _clock.Ahead = TimeSpan.FromMinutes(minutes);
            Assert.That((await analyst.GetAsync(Workspaces)).StatusCode, Is.EqualTo(HttpStatusCode.OK), $"at {minutes} minutes");
        }

        // 35 minutes without a request here: refused, and refused again (the refusal does not count as activity), even
        // after requests elsewhere.
        _clock.Ahead = TimeSpan.FromMinutes(130);
        await AssertRefusedAsync(await analyst.GetAsync(Workspaces), "organization-requires-fresh-sign-in");
        Assert.That((await analyst.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the account itself is not the organization's");
        await AssertRefusedAsync(await analyst.GetAsync(Workspaces), "organization-requires-fresh-sign-in");

        Assert.That((await analyst.PostUnsafeAsync("/api/auth/login", new { email, password = BrowserClientExtensions.Password })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await analyst.GetAsync(Workspaces)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a fresh sign-in");
    }

    [Test]
    public async Task The_policy_is_set_through_the_api_but_never_so_that_it_locks_the_setter_out()
    {
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        var set = await supervisor.SendUnsafeAsync(HttpMethod.Put, Policy, new { minimumPasswordLength = 16, requireTwoFactor = false, maxSessionHours = 8, maxIdleMinutes = 30, personalAccessTokensAllowed = true, maxTokenLifetimeDays = 30 });
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), await set.Content.ReadAsStringAsync());
        var policy = await supervisor.GetFromJsonAsync<JsonElement>(Policy);
        Assert.That((policy.GetProperty("minimumPasswordLength").GetInt32(), policy.GetProperty("maxSessionHours").GetInt32(), policy.GetProperty("maxIdleMinutes").GetInt32()),
            Is.EqualTo((16, 8, 30)));

        var twoFactor = await Problems.AssertProblemAsync(
            await supervisor.SendUnsafeAsync(HttpMethod.Put, Policy, new { minimumPasswordLength = 12, requireTwoFactor = true, maxSessionHours = (int?)null, personalAccessTokensAllowed = true, maxTokenLifetimeDays = 30 }),
            HttpStatusCode.BadRequest);
        Assert.That(twoFactor.GetProperty("errors").TryGetProperty("requireTwoFactor", out _), Is.True, twoFactor.ToString());
        var tooLong = await Problems.AssertProblemAsync(
            await supervisor.SendUnsafeAsync(HttpMethod.Put, Policy, new { minimumPasswordLength = 64, requireTwoFactor = false, maxSessionHours = (int?)null, personalAccessTokensAllowed = true, maxTokenLifetimeDays = 30 }),
            HttpStatusCode.BadRequest);
        Assert.That(tooLong.GetProperty("errors").TryGetProperty("minimumPasswordLength", out _), Is.True, tooLong.ToString());
        foreach (var bad in new object[]
                 {
                     new { minimumPasswordLength = 8, requireTwoFactor = false, personalAccessTokensAllowed = true, maxTokenLifetimeDays = 30 },
                     new { minimumPasswordLength = 12, requireTwoFactor = false, maxSessionHours = 0, personalAccessTokensAllowed = true, maxTokenLifetimeDays = 30 },
                     new { minimumPasswordLength = 12, requireTwoFactor = false, personalAccessTokensAllowed = true, maxTokenLifetimeDays = 400 },
                     new { minimumPasswordLength = 12, requireTwoFactor = false, maxIdleMinutes = 2, personalAccessTokensAllowed = true, maxTokenLifetimeDays = 30 },
                 })
            await Problems.AssertProblemAsync(await supervisor.SendUnsafeAsync(HttpMethod.Put, Policy, bad), HttpStatusCode.BadRequest);
        Assert.That((await supervisor.GetFromJsonAsync<JsonElement>(Policy)).GetProperty("minimumPasswordLength").GetInt32(), Is.EqualTo(16), "nothing changed");
    }
}

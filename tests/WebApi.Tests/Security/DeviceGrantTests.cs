using System.Net.Http.Headers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Infrastructure.Identity.OAuth;

namespace VariantMiner.WebApi.Tests.Security;

/// <summary>
/// The device authorization grant (RFC 8628) for the command line: the command line gets a code, a signed-in person
/// approves it on the /device page for one of their organizations, and the command line's token then acts as that
/// person in that organization only. Approval needs the antiforgery token (no cross-site approvals), an organization
/// the person belongs to and that allows tokens. Asked with <c>offline_access</c>, the command line also gets a refresh
/// token, which works while the person may still act there (not locked out, still a member, tokens still allowed,
/// within the organization's longest token lifetime since the approval).
/// </summary>
public class DeviceGrantTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;
    private HttpClient _cli = null!;

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Device Lab");
        await OAuthServer.EnsureCliClientAsync(Factory.Services, CancellationToken.None);
        _cli = Factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), HandleCookies = false });
    }

    /// <summary>The clock of the host in the lifetime test (the approval's age).</summary>
    private sealed class MovableClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
    }

    private async Task<JsonElement> AskForCodeAsync(string? scope = null)
    {
        var form = new Dictionary<string, string> { ["client_id"] = OAuthServer.CliClientId };
        if (scope is not null) form["scope"] = scope;
        var answer = await _cli.PostAsync("/connect/device", new FormUrlEncodedContent(form));
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
        return await answer.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<HttpResponseMessage> PollAsync(string deviceCode) =>
        await _cli.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code",
            ["client_id"] = OAuthServer.CliClientId,
            ["device_code"] = deviceCode,
        }));

    private static async Task<HttpResponseMessage> ApproveAsync(HttpClient person, string userCode, Guid organizationId, bool antiforgery = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/device")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["user_code"] = userCode, ["organization_id"] = organizationId.ToString() }),
        };
        if (antiforgery) request.Headers.Add("X-XSRF-TOKEN", (await person.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery")).GetProperty("token").GetString());
        return await person.SendAsync(request);
    }

    [Test]
    public async Task An_approved_code_gives_the_command_line_a_token_for_that_organization_only()
    {
        var code = await AskForCodeAsync();
        Assert.That(code.GetProperty("verification_uri").GetString(), Is.EqualTo("http://localhost:5080/device"),
            "the SPA's page at the site's public address (Invitations:PublicBaseUrl), not the request's (https://localhost)");
        var deviceCode = code.GetProperty("device_code").GetString()!;
        var userCode = code.GetProperty("user_code").GetString()!;

        var pending = await PollAsync(deviceCode);
        Assert.That((await pending.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), Is.EqualTo("authorization_pending"));

        var analyst = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email);
        var approved = await ApproveAsync(analyst, userCode, _lab.OrganizationId);
        Assert.That((int)approved.StatusCode, Is.InRange(200, 399), await approved.Content.ReadAsStringAsync());

        var token = await PollAsync(deviceCode);
        Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK), await token.Content.ReadAsStringAsync());
        var access = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        var cli = Factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), HandleCookies = false });
        cli.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        var access1 = await cli.GetFromJsonAsync<JsonElement>($"/api/organizations/{_lab.OrganizationId}/me");
        Assert.That(access1.GetProperty("role").GetProperty("name").GetString(), Is.EqualTo("Analyst"), "acts as the person, with their role");
        await Problems.AssertProblemAsync(await cli.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
        SeededLab other;
        await using (var db = Database.CreateContext()) other = await SeededLab.CreateAsync(db, "Other Lab");
        await Problems.AssertProblemAsync(await cli.GetAsync($"/api/organizations/{other.OrganizationId}/workspaces"), HttpStatusCode.NotFound);

        // A code is used once.
        Assert.That((await PollAsync(deviceCode)).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [Test]
    public async Task Approval_needs_the_antiforgery_token_and_an_organization_of_the_person()
    {
        var code = await AskForCodeAsync();
        var userCode = code.GetProperty("user_code").GetString()!;
        var analyst = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email);

        Assert.That((await ApproveAsync(analyst, userCode, _lab.OrganizationId, antiforgery: false)).StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a cross-site post");
        SeededLab other;
        await using (var db = Database.CreateContext()) other = await SeededLab.CreateAsync(db, "Other Lab");
        await Problems.AssertProblemAsync(await ApproveAsync(analyst, userCode, other.OrganizationId), HttpStatusCode.NotFound);
        Assert.That((await Factory.CreateBrowserClient().PostAsync("/device", new FormUrlEncodedContent(new Dictionary<string, string> { ["user_code"] = userCode })))
            .StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "signed out");

        var stillPending = await PollAsync(code.GetProperty("device_code").GetString()!);
        Assert.That((await stillPending.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), Is.EqualTo("authorization_pending"));
    }

    /// <summary>An Analyst's approved device sign-in with offline_access: the token response.</summary>
    private async Task<JsonElement> SignInForLongAsync(HttpClient? cli = null, Func<Task<HttpClient>>? person = null)
    {
        cli ??= _cli;
        var answer = await cli.PostAsync("/connect/device", new FormUrlEncodedContent(new Dictionary<string, string>
        { ["client_id"] = OAuthServer.CliClientId, ["scope"] = "offline_access" }));
        var code = await answer.Content.ReadFromJsonAsync<JsonElement>();
        var analyst = person is null ? await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email) : await person();
        Assert.That((int)(await ApproveAsync(analyst, code.GetProperty("user_code").GetString()!, _lab.OrganizationId)).StatusCode, Is.InRange(200, 399));
        var token = await cli.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "urn:ietf:params:oauth:grant-type:device_code",
            ["client_id"] = OAuthServer.CliClientId,
            ["device_code"] = code.GetProperty("device_code").GetString()!,
        }));
        Assert.That(token.StatusCode, Is.EqualTo(HttpStatusCode.OK), await token.Content.ReadAsStringAsync());
        return await token.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpResponseMessage> RefreshAsync(HttpClient cli, string refreshToken) =>
        await cli.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["client_id"] = OAuthServer.CliClientId,
            ["refresh_token"] = refreshToken,
        }));

    [Test]
    public async Task A_refresh_token_gives_new_access_tokens_only_when_asked_for_and_while_the_person_may_act()
    {
        var signedIn = await SignInForLongAsync();
        var refreshed = await RefreshAsync(_cli, signedIn.GetProperty("refresh_token").GetString()!);
        Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await refreshed.Content.ReadAsStringAsync());
        var next = await refreshed.Content.ReadFromJsonAsync<JsonElement>();
        var cli = Factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), HandleCookies = false });
        cli.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", next.GetProperty("access_token").GetString());
        Assert.That((await cli.GetFromJsonAsync<JsonElement>($"/api/organizations/{_lab.OrganizationId}/me")).GetProperty("role").GetProperty("name").GetString(),
            Is.EqualTo("Analyst"));

        // Locked out: no new access token (the one in hand ends within its 15 minutes).
        var users = Factory.Services.CreateScope().ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<VariantMiner.Infrastructure.Identity.ApplicationUser>>();
        var account = (await users.FindByIdAsync(_lab.Members[BuiltInRole.Analyst].UserId.ToString()))!;
        await users.SetLockoutEndDateAsync(account, DateTimeOffset.UtcNow.AddHours(1));
        var locked = await RefreshAsync(_cli, next.GetProperty("refresh_token").GetString()!);
        Assert.That((await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
        await users.SetLockoutEndDateAsync(account, null);

        // Without offline_access: no refresh token at all.
        var code = await AskForCodeAsync();
        var analyst = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email);
        await ApproveAsync(analyst, code.GetProperty("user_code").GetString()!, _lab.OrganizationId);
        var plain = await (await PollAsync(code.GetProperty("device_code").GetString()!)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(plain.TryGetProperty("access_token", out _), Is.True);
        Assert.That(plain.TryGetProperty("refresh_token", out _), Is.False);
    }

    [Test]
    public async Task A_refresh_token_stops_when_the_organization_disallows_tokens()
    {
        var signedIn = await SignInForLongAsync();
        await using (var db = Database.CreateContext())
        {
            var organization = await db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Id == _lab.OrganizationId);
            organization.SetSecurityPolicy(organization.MinimumPasswordLength, false, null, null, personalAccessTokensAllowed: false, organization.MaxTokenLifetimeDays);
            await db.SaveChangesAsync();
        }
        var refused = await RefreshAsync(_cli, signedIn.GetProperty("refresh_token").GetString()!);
        Assert.That((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
    }

    [Test]
    public async Task A_refresh_token_stops_once_the_approval_is_older_than_the_organizations_longest_token_lifetime()
    {
        await using (var db = Database.CreateContext())
        {
            var organization = await db.Organizations.IgnoreQueryFilters().SingleAsync(o => o.Id == _lab.OrganizationId);
            organization.SetSecurityPolicy(organization.MinimumPasswordLength, false, null, null, personalAccessTokensAllowed: true, maxTokenLifetimeDays: 2);
            await db.SaveChangesAsync();
        }
        var clock = new MovableClock();
        await using var host = Factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var cli = host.CreateClient(new() { BaseAddress = new Uri("https://localhost"), HandleCookies = false });
        var signedIn = await SignInForLongAsync(cli, async () =>
        {
            var person = host.CreateClient(new() { BaseAddress = new Uri("https://localhost"), HandleCookies = true });
            await person.PostUnsafeAsync("/api/auth/login", new { email = _lab.Members[BuiltInRole.Analyst].Email, password = BrowserClientExtensions.Password });
            return person;
        });

        clock.Ahead = TimeSpan.FromDays(1);
        var within = await RefreshAsync(cli, signedIn.GetProperty("refresh_token").GetString()!);
        Assert.That(within.StatusCode, Is.EqualTo(HttpStatusCode.OK), await within.Content.ReadAsStringAsync());

        clock.Ahead = TimeSpan.FromDays(3);
        var beyond = await RefreshAsync(cli, (await within.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refresh_token").GetString()!);
        Assert.That((await beyond.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
    }
}

using System.Net.Http.Headers;
using VariantMiner.Infrastructure.Identity.OAuth;

namespace VariantMiner.WebApi.Tests.Security;

/// <summary>
/// The device authorization grant (RFC 8628) for the command line: the command line gets a code, a signed-in person
/// approves it on the /device page for one of their organizations, and the command line's token then acts as that
/// person in that organization only. Approval needs the antiforgery token (no cross-site approvals), an organization
/// the person belongs to and that allows tokens.
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

    private async Task<JsonElement> AskForCodeAsync()
    {
        var answer = await _cli.PostAsync("/connect/device", new FormUrlEncodedContent(new Dictionary<string, string> { ["client_id"] = OAuthServer.CliClientId }));
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
        Assert.That(code.GetProperty("verification_uri").GetString(), Is.EqualTo("https://localhost/device"), "the SPA's page");
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
}

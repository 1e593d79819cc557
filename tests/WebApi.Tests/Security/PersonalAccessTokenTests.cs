using System.Net.Http.Headers;
using VariantMiner.Domain.Samples;

namespace VariantMiner.WebApi.Tests.Security;

/// <summary>
/// Personal access tokens: shown once and kept as a hash; a bearer request acts as the owner with their current role in
/// the token's organization only, needs no antiforgery token, and is refused when the token is revoked or expired,
/// sent in a query string, sent to another organization or to the account's own routes, when the owner left the
/// organization or is locked out, or when the organization disallows tokens.
/// </summary>
public class PersonalAccessTokenTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;
    private SeededSamples _seeded = null!;

    private string Org => $"/api/organizations/{_lab.OrganizationId}";
    private string Samples => $"{Org}/workspaces/{_lab.WorkspaceId}/samples";

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Token Lab");
        await using (var db = Database.CreateContext()) _seeded = await SeededSamples.CreateAsync(db, _lab);
    }

    private HttpClient Bearer(string token)
    {
        var client = Factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<string> CreateAsync(BuiltInRole role, int days = 30)
    {
        var owner = await Factory.SignedInClientAsync(_lab.Members[role].Email);
        var created = await owner.PostUnsafeAsync($"{Org}/tokens", new { name = $"{role} script", expiresInDays = days });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private async Task<string[]> SampleNamesAsync(HttpClient client)
    {
        var response = await client.GetAsync(Samples);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).Order().ToArray();
    }

    [Test]
    public async Task A_token_is_shown_once_kept_as_a_hash_and_acts_as_its_owner_without_antiforgery()
    {
        var token = await CreateAsync(BuiltInRole.Analyst);
        Assert.That(token, Does.Match("^vm_pat_[0-9A-Za-z]{49}$"));
        await using (var db = Database.CreateContext())
        {
            var stored = await db.PersonalAccessTokens.IgnoreQueryFilters().Where(t => t.OrganizationId == _lab.OrganizationId && t.Name == "Analyst script").SingleAsync();
            Assert.That(stored.Hash, Is.Not.EqualTo(token).And.Length.EqualTo(64));
            Assert.That(stored.Hint, Is.EqualTo(token[^4..]));
        }
        var analystSession = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email);
        var listed = await analystSession.GetFromJsonAsync<JsonElement>($"{Org}/tokens");
        Assert.That(listed.EnumerateArray().Select(t => t.GetProperty("name").GetString()), Is.EqualTo(new[] { "Analyst script" }), "my tokens only");
        Assert.That(listed.ToString(), Does.Not.Contain(token), "never shown again");

        var bearer = Bearer(token);
        Assert.That(await SampleNamesAsync(bearer), Is.EqualTo(await SampleNamesAsync(analystSession)), "the owner's view of the samples");
        // An unsafe request with the token alone: no antiforgery token needed (no browser sends a bearer token on its own).
        var defined = await bearer.PostAsJsonAsync(Samples, new { name = "TOKEN-1", assay = "WGS" });
        Assert.That(defined.StatusCode, Is.EqualTo(HttpStatusCode.Created), await defined.Content.ReadAsStringAsync());
        await using (var db = Database.CreateContext())
        {
            var audit = await db.AuditRecords.IgnoreQueryFilters().Where(a => a.OrganizationId == _lab.OrganizationId && a.EntityType == nameof(Sample) && a.Action == Domain.Auditing.AuditRecord.Created)
                .OrderByDescending(a => a.OccurredAt).FirstAsync();
            Assert.That(audit.ActorUserId, Is.EqualTo(_lab.Members[BuiltInRole.Analyst].UserId), "audited as its owner");
            Assert.That((await db.PersonalAccessTokens.IgnoreQueryFilters().SingleAsync(t => t.Name == "Analyst script")).LastUsedAt, Is.Not.Null);
        }
    }

    [Test]
    public async Task A_token_works_only_for_its_organization_s_api_and_never_from_a_query_string()
    {
        var token = await CreateAsync(BuiltInRole.Supervisor);
        var bearer = Bearer(token);
        Assert.That((await bearer.GetAsync($"{Org}/workspaces")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // The owner belongs to another organization too: the token still reaches only its own, and lists only that one.
        SeededLab other;
        await using (var db = Database.CreateContext())
        {
            other = await SeededLab.CreateAsync(db, "Other Lab");
            var role = await db.Roles.IgnoreQueryFilters().FirstAsync(r => r.OrganizationId == other.OrganizationId);
            await TestData.AddMemberAsync(db, other.OrganizationId, _lab.Members[BuiltInRole.Supervisor].UserId, role.Id, other.WorkspaceId);
        }
        Assert.That((await bearer.GetAsync($"/api/organizations/{other.OrganizationId}/workspaces")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var listed = await bearer.GetFromJsonAsync<JsonElement>("/api/organizations");
        Assert.That(listed.EnumerateArray().Select(o => o.GetProperty("id").GetGuid()), Is.EqualTo(new[] { _lab.OrganizationId }));
        Assert.That((await bearer.PostAsJsonAsync("/api/organizations", new { name = "Minted Lab" })).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized),
            "the list is the one organization-wide route a token may read; it creates nothing");
        foreach (var account in new[] { "/api/auth/me", "/api/auth/me/two-factor" })
            await Problems.AssertProblemAsync(await bearer.GetAsync(account), HttpStatusCode.Unauthorized);
        var password = await bearer.PostAsJsonAsync("/api/auth/me/password", new { currentPassword = "x", newPassword = "long enough new password" });
        Assert.That(password.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a leaked token cannot change the password");
        var mint = await bearer.PostAsJsonAsync($"{Org}/tokens", new { name = "child", expiresInDays = 1 });
        Assert.That(mint.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a token mints no tokens");

        var anonymous = Factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), HandleCookies = false });
        Assert.That((await anonymous.GetAsync($"{Org}/workspaces?access_token={token}")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        foreach (var forged in new[] { token[..^1] + (token[^1] == 'a' ? 'b' : 'a'), "vm_pat_" + new string('A', 49), "not-a-token" })
            Assert.That((await Bearer(forged).GetAsync($"{Org}/workspaces")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), forged);
    }

    [Test]
    public async Task A_token_follows_its_owner_s_current_role_and_dies_with_the_membership()
    {
        var token = await CreateAsync(BuiltInRole.ReportWriter);
        var bearer = Bearer(token);
        var writerSession = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.ReportWriter].Email);
        Assert.That(await SampleNamesAsync(bearer), Is.EqualTo(await SampleNamesAsync(writerSession)), "what the Report Writer sees");
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        var writer = _lab.Members[BuiltInRole.ReportWriter].UserId;
        var define = await bearer.PostAsJsonAsync(Samples, new { name = "W-1", assay = "WGS" });
        Assert.That(define.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a Report Writer defines no samples");

        Guid analystRole;
        await using (var db = Database.CreateContext())
            analystRole = await db.Roles.IgnoreQueryFilters().Where(r => r.OrganizationId == _lab.OrganizationId && r.BuiltIn == BuiltInRole.Analyst).Select(r => r.Id).SingleAsync();
        var promoted = await supervisor.SendUnsafeAsync(HttpMethod.Patch, $"{Org}/members/{writer}", new { roleId = analystRole });
        Assert.That(promoted.IsSuccessStatusCode, Is.True, await promoted.Content.ReadAsStringAsync());
        Assert.That((await bearer.PostAsJsonAsync(Samples, new { name = "W-2", assay = "WGS" })).StatusCode, Is.EqualTo(HttpStatusCode.Created), "the new role, on the next request");

        var removed = await supervisor.SendUnsafeAsync(HttpMethod.Delete, $"{Org}/members/{writer}");
        Assert.That(removed.IsSuccessStatusCode, Is.True, await removed.Content.ReadAsStringAsync());
        Assert.That((await bearer.GetAsync(Samples)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "no longer a member: the organization is not theirs");
    }

    [Test]
    public async Task Revoked_expired_locked_out_or_disallowed_tokens_are_refused()
    {
        var token = await CreateAsync(BuiltInRole.Analyst, days: 1);
        var bearer = Bearer(token);
        Assert.That((await bearer.GetAsync(Samples)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await SetPolicyAsync(tokensAllowed: false);
        var refused = await Problems.AssertProblemAsync(await bearer.GetAsync(Samples), HttpStatusCode.Forbidden);
        Assert.That(refused.GetProperty("reason").GetString(), Is.EqualTo("organization-disallows-tokens"));
        var analyst = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email);
        var none = await Problems.AssertProblemAsync(await analyst.PostUnsafeAsync($"{Org}/tokens", new { name = "x", expiresInDays = 1 }), HttpStatusCode.Forbidden);
        Assert.That(none.GetProperty("reason").GetString(), Is.EqualTo("organization-disallows-tokens"));
        await SetPolicyAsync(tokensAllowed: true, maxDays: 7);
        Assert.That((await bearer.GetAsync(Samples)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "allowed again");
        var tooLong = await Problems.AssertProblemAsync(await analyst.PostUnsafeAsync($"{Org}/tokens", new { name = "x", expiresInDays = 8 }), HttpStatusCode.BadRequest);
        Assert.That(tooLong.GetProperty("errors").TryGetProperty("expiresInDays", out _), Is.True, tooLong.ToString());

        await using (var db = Database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Id == _lab.Members[BuiltInRole.Analyst].UserId);
            user.LockoutEnd = DateTimeOffset.UtcNow.AddMinutes(10);
            await db.SaveChangesAsync();
        }
        Assert.That((await bearer.GetAsync(Samples)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "owner locked out");
        await using (var db = Database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Id == _lab.Members[BuiltInRole.Analyst].UserId);
            user.LockoutEnd = null;
            await db.SaveChangesAsync();
        }

        var mine = (await analyst.GetFromJsonAsync<JsonElement>($"{Org}/tokens")).EnumerateArray().Single();
        var revoked = await analyst.PostUnsafeAsync($"{Org}/tokens/{mine.GetProperty("id").GetGuid()}/revoke");
        Assert.That((await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString(), Is.EqualTo("revoked"));
        Assert.That((await bearer.GetAsync(Samples)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "revoked");

        // The seeded token expired yesterday.
        await using (var db = Database.CreateContext())
            await db.PersonalAccessTokens.IgnoreQueryFilters().Where(t => t.Id == _seeded.TokenId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddDays(-1)));
        Assert.That((await Bearer(_seeded.Token).GetAsync(Samples)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "expired");
    }

    private async Task SetPolicyAsync(bool tokensAllowed, int maxDays = 90)
    {
        await using var db = Database.CreateContext();
        var organization = await db.Organizations.SingleAsync(o => o.Id == _lab.OrganizationId);
        organization.SetSecurityPolicy(organization.MinimumPasswordLength, organization.RequireTwoFactor, organization.MaxSessionHours, organization.MaxIdleMinutes, tokensAllowed, maxDays);
        await db.SaveChangesAsync();
    }
}

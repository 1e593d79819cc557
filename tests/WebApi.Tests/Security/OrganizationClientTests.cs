using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Domain.Samples;

namespace VariantMiner.WebApi.Tests.Security;

/// <summary>
/// OAuth 2.0 organization clients (OpenIddict inside the product): a client created with a role gets short-lived access
/// tokens with client credentials, sees exactly what that role and its assignments allow, is named in the audit trail,
/// works on its own organization's routes only, and stops at once when revoked.
/// </summary>
public class OrganizationClientTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;
    private string Org => $"/api/organizations/{_lab.OrganizationId}";
    private string Samples => $"{Org}/workspaces/{_lab.WorkspaceId}/samples";

    [SetUp]
    public async Task Seed()
    {
        await using var db = Database.CreateContext();
        _lab = await SeededLab.CreateAsync(db, "Client Lab");
        var creator = _lab.Members[BuiltInRole.Supervisor].UserId;
        foreach (var name in new[] { "FOR-LIMS", "NOT-FOR-LIMS" }) db.Samples.Add(new Sample(_lab.OrganizationId, _lab.WorkspaceId, name, "WGS", null, creator, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }

    private async Task<(Guid Id, string ClientId, string Secret, Guid ServiceUserId)> CreateClientAsync(BuiltInRole role = BuiltInRole.Analyst)
    {
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        Guid roleId;
        await using (var db = Database.CreateContext())
            roleId = await db.Roles.IgnoreQueryFilters().Where(r => r.OrganizationId == _lab.OrganizationId && r.Name == BuiltInRoles.NameOf(role)).Select(r => r.Id).SingleAsync();
        var created = await supervisor.PostUnsafeAsync($"{Org}/clients", new { name = "Hospital LIMS", roleId });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetProperty("tokenEndpoint").GetString(), Is.EqualTo("/connect/token"));
        var details = body.GetProperty("details");
        await using var read = Database.CreateContext();
        var id = details.GetProperty("id").GetGuid();
        var serviceUser = await read.OrganizationClients.IgnoreQueryFilters().Where(c => c.Id == id).Select(c => c.ServiceUserId).SingleAsync();
        return (id, details.GetProperty("clientId").GetString()!, body.GetProperty("clientSecret").GetString()!, serviceUser);
    }

    private async Task<HttpResponseMessage> RequestTokenAsync(string clientId, string secret) =>
        await Factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), HandleCookies = false }).PostAsync("/connect/token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret }));

    private async Task<HttpClient> BearerAsync(string clientId, string secret)
    {
        var answer = await RequestTokenAsync(clientId, secret);
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
        var token = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(token.GetProperty("token_type").GetString(), Is.EqualTo("Bearer"));
        Assert.That(token.GetProperty("expires_in").GetInt32(), Is.InRange(1, 900), "short-lived");
        var client = Factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return client;
    }

    private static async Task<List<string>> NamesAsync(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).Order().ToList();
    }

    [Test]
    public async Task A_client_with_the_Analyst_role_sees_exactly_the_samples_assigned_to_it_and_is_named_in_the_audit()
    {
        var (_, clientId, secret, serviceUser) = await CreateClientAsync();
        await using (var db = Database.CreateContext())
        {
            var sample = await db.Samples.IgnoreQueryFilters().SingleAsync(s => s.Name == "FOR-LIMS");
            sample.Assign(serviceUser, _lab.Members[BuiltInRole.Supervisor].UserId, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        var lims = await BearerAsync(clientId, secret);
        Assert.That(await NamesAsync(await lims.GetAsync(Samples)), Is.EqualTo(new[] { "FOR-LIMS" }));

        // A write needs no antiforgery token with a bearer token, and the audit trail names the client's account.
        var defined = await lims.PostAsJsonAsync(Samples, new { name = "FROM-LIMS", assay = "WGS" });
        Assert.That(defined.StatusCode, Is.EqualTo(HttpStatusCode.Created), await defined.Content.ReadAsStringAsync());
        await using var check = Database.CreateContext();
        var created = await check.Samples.IgnoreQueryFilters().SingleAsync(s => s.Name == "FROM-LIMS");
        Assert.That(await check.AuditRecords.IgnoreQueryFilters().AnyAsync(a => a.EntityId == created.Id.ToString() && a.ActorUserId == serviceUser), Is.True);
        Assert.That(await check.OrganizationClients.IgnoreQueryFilters().Where(c => c.ClientId == clientId).Select(c => c.LastTokenAt).SingleAsync(), Is.Not.Null);
    }

    [Test]
    public async Task A_wrong_secret_gets_no_token()
    {
        var (_, clientId, _, _) = await CreateClientAsync();
        var answer = await RequestTokenAsync(clientId, "not-the-secret");
        Assert.That((int)answer.StatusCode, Is.InRange(400, 401));
        Assert.That((await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), Is.EqualTo("invalid_client"));
    }

    [Test]
    public async Task A_clients_token_works_only_on_its_organizations_routes()
    {
        var (_, clientId, secret, _) = await CreateClientAsync();
        var lims = await BearerAsync(clientId, secret);
        SeededLab other;
        await using (var db = Database.CreateContext()) other = await SeededLab.CreateAsync(db, "Other Lab");
        await Problems.AssertProblemAsync(await lims.GetAsync($"/api/organizations/{other.OrganizationId}/workspaces"), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await lims.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
        var listed = await lims.GetFromJsonAsync<JsonElement>("/api/organizations");
        Assert.That(listed.EnumerateArray().Select(o => o.GetProperty("id").GetGuid()), Is.EqualTo(new[] { _lab.OrganizationId }), "the list names its organization only");
        // Nor may it mint credentials.
        await Problems.AssertProblemAsync(await lims.PostAsJsonAsync($"{Org}/tokens", new { name = "x", expiresInDays = 1 }), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Revoking_a_client_stops_its_issued_tokens_at_once_and_it_gets_no_new_ones()
    {
        var (id, clientId, secret, _) = await CreateClientAsync();
        var lims = await BearerAsync(clientId, secret);
        Assert.That((await lims.GetAsync(Samples)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        var revoked = await supervisor.PostUnsafeAsync($"{Org}/clients/{id}/revoke");
        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.OK), await revoked.Content.ReadAsStringAsync());

        await Problems.AssertProblemAsync(await lims.GetAsync(Samples), HttpStatusCode.NotFound);
        Assert.That((int)(await RequestTokenAsync(clientId, secret)).StatusCode, Is.InRange(400, 401));
        var listed = await supervisor.GetFromJsonAsync<JsonElement>($"{Org}/clients");
        Assert.That(listed.EnumerateArray().Single().GetProperty("status").GetString(), Is.EqualTo("revoked"));
    }

    [Test]
    public async Task Spent_token_entries_are_pruned_and_live_ones_kept()
    {
        var (_, clientId, secret, _) = await CreateClientAsync();
        await BearerAsync(clientId, secret);
        await BearerAsync(clientId, secret);
        Guid spent;
        await using (var db = Database.CreateContext())
        {
            var entries = await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken<Guid>>().ToListAsync();
            Assert.That(entries, Has.Count.EqualTo(2), "one entry per token issued");
            spent = entries[0].Id;
            // One of them issued two days ago and expired since.
            (entries[0].CreationDate, entries[0].ExpirationDate) = (DateTime.UtcNow.AddDays(-2), DateTime.UtcNow.AddDays(-2).AddMinutes(15));
            await db.SaveChangesAsync();
        }
        await using (var scope = Factory.Services.CreateAsyncScope())
            Assert.That(await VariantMiner.Infrastructure.Jobs.OAuthPruneJob.PruneAsync(scope.ServiceProvider, DateTimeOffset.UtcNow - VariantMiner.Infrastructure.Jobs.OAuthPruneJob.KeptFor, CancellationToken.None),
                Is.EqualTo(1));
        await using var check = Database.CreateContext();
        var left = await check.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken<Guid>>().Select(t => t.Id).ToListAsync();
        Assert.That(left, Has.Count.EqualTo(1).And.No.Member(spent));
    }

    [Test]
    public async Task A_client_cannot_be_Supervisor_and_the_discovery_document_names_the_token_endpoint()
    {
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        Guid supervisorRole;
        await using (var db = Database.CreateContext())
            supervisorRole = await db.Roles.IgnoreQueryFilters().Where(r => r.OrganizationId == _lab.OrganizationId && r.Name == BuiltInRoles.NameOf(BuiltInRole.Supervisor)).Select(r => r.Id).SingleAsync();
        await Problems.AssertProblemAsync(await supervisor.PostUnsafeAsync($"{Org}/clients", new { name = "Too strong", roleId = supervisorRole }), HttpStatusCode.BadRequest);

        var discovery = await Factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>("/.well-known/openid-configuration");
        Assert.That(discovery.GetProperty("token_endpoint").GetString(), Is.EqualTo("https://localhost/connect/token"));
        Assert.That(discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()), Does.Contain("client_credentials"));
    }
}

namespace VariantMiner.WebApi.Tests;

/// <summary>
/// Installation-wide administration (platform administrators only), organization names unique in the installation
/// regardless of case, and the invitation preview its link's holder sees before signing in.
/// </summary>
public class PlatformAndInvitationHttpTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;

    [SetUp]
    public async Task Seed()
    {
        await using var db = Database.CreateContext();
        _lab = await SeededLab.CreateAsync(db, "Admin Lab");
    }

    private async Task<HttpClient> PlatformAdminAsync()
    {
        await using (var db = Database.CreateContext()) await TestData.AddUserAsync(db, "root@platform.example", platformAdmin: true);
        return await Factory.SignedInClientAsync("root@platform.example");
    }

    [Test]
    public async Task A_platform_administrator_sees_every_organization_with_members_storage_and_quota_and_sets_the_quota()
    {
        var admin = await PlatformAdminAsync();
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/admin/organizations");
        var lab = list.EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == _lab.OrganizationId);
        var members = lab.GetProperty("members").EnumerateArray().ToList();
        Assert.That(members, Has.Count.EqualTo(_lab.Members.Count + 1));
        Assert.That(members[0].GetProperty("email").GetString(), Is.EqualTo(_lab.Members[BuiltInRole.Supervisor].Email), "Supervisors first");
        Assert.That(lab.GetProperty("storageUsedBytes").GetInt64(), Is.Zero);

        var set = await admin.SendUnsafeAsync(HttpMethod.Put, $"/api/admin/organizations/{_lab.OrganizationId}/storage-quota", new { storageQuotaBytes = 5_000_000_000L });
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await set.Content.ReadAsStringAsync());
        var after = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/organizations")).EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == _lab.OrganizationId);
        Assert.That(after.GetProperty("storageQuotaBytes").GetInt64(), Is.EqualTo(5_000_000_000L));
        await Problems.AssertProblemAsync(
            await admin.SendUnsafeAsync(HttpMethod.Put, $"/api/admin/organizations/{_lab.OrganizationId}/storage-quota", new { storageQuotaBytes = -1 }), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(
            await admin.SendUnsafeAsync(HttpMethod.Put, $"/api/admin/organizations/{Guid.NewGuid()}/storage-quota", new { storageQuotaBytes = 1 }), HttpStatusCode.NotFound);
        await using var db = Database.CreateContext();
        Assert.That(await db.AuditRecords.IgnoreQueryFilters().AnyAsync(r => r.OrganizationId == _lab.OrganizationId && r.Changes.Contains("StorageQuotaBytes")), Is.True,
            "the quota change is in the organization's audit trail");
    }

    [Test]
    public async Task Nobody_else_reaches_platform_administration_not_even_a_Supervisor()
    {
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        await Problems.AssertProblemAsync(await supervisor.GetAsync("/api/admin/organizations"), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(
            await supervisor.SendUnsafeAsync(HttpMethod.Put, $"/api/admin/organizations/{_lab.OrganizationId}/storage-quota", new { storageQuotaBytes = 1L << 50 }),
            HttpStatusCode.Forbidden);
        Assert.That((await Factory.CreateBrowserClient().GetAsync("/api/admin/organizations")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Organization_names_are_unique_regardless_of_case_on_create_and_rename()
    {
        var admin = await PlatformAdminAsync();
        var taken = await Problems.AssertProblemAsync(await admin.PostUnsafeAsync("/api/organizations", new { name = "  admin LAB " }), HttpStatusCode.Conflict);
        Assert.That(taken.GetProperty("detail").GetString(), Does.Contain("already in use"));
        var other = await admin.PostUnsafeAsync("/api/organizations", new { name = "Second Lab" });
        var id = (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Problems.AssertProblemAsync(await admin.SendUnsafeAsync(HttpMethod.Patch, $"/api/organizations/{id}", new { name = "ADMIN lab" }), HttpStatusCode.Conflict);
        Assert.That((await admin.SendUnsafeAsync(HttpMethod.Patch, $"/api/organizations/{id}", new { name = "second lab" })).IsSuccessStatusCode, Is.True,
            "its own name in another case is not taken");
    }

    [Test]
    public async Task The_invitation_link_shows_organization_inviter_role_and_address_before_signing_in()
    {
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        var created = await supervisor.PostUnsafeAsync($"/api/organizations/{_lab.OrganizationId}/invitations", new { email = "guest@preview.example" });
        var issued = await created.Content.ReadFromJsonAsync<JsonElement>();
        var token = issued.GetProperty("token").GetString();
        var anonymous = Factory.CreateBrowserClient();
        var preview = await (await anonymous.PostUnsafeAsync("/api/invitations/preview", new { token })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That((preview.GetProperty("organizationName").GetString(), preview.GetProperty("email").GetString(), preview.GetProperty("status").GetString()),
            Is.EqualTo(("Admin Lab", "guest@preview.example", "pending")));
        Assert.That(preview.GetProperty("role").GetString(), Is.Not.Empty);
        Assert.That(preview.GetProperty("invitedBy").GetString(), Is.Not.Empty.And.Not.EqualTo("A former member"));
        await Problems.AssertProblemAsync(await anonymous.PostUnsafeAsync("/api/invitations/preview", new { token = "no-such-token" }), HttpStatusCode.NotFound);

        var invitationId = issued.GetProperty("id").GetGuid();
        await supervisor.SendUnsafeAsync(HttpMethod.Delete, $"/api/organizations/{_lab.OrganizationId}/invitations/{invitationId}");
        var revoked = await (await anonymous.PostUnsafeAsync("/api/invitations/preview", new { token })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(revoked.GetProperty("status").GetString(), Is.EqualTo("revoked"));
    }
}

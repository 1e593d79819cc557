namespace VariantMiner.WebApi.Tests.Security;

/// <summary>Anyone can register any address: nothing is matched to an account by e-mail until its owner opens the mailed link.</summary>
public class EmailVerificationTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private static async Task<bool> VerifiedAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("emailVerified").GetBoolean();

    [Test]
    public async Task An_unverified_account_cannot_accept_an_invitation_to_its_address_until_it_verifies()
    {
        SeededLab lab;
        await using (var db = Database.CreateContext()) lab = await SeededLab.CreateAsync(db, "Verify Lab");
        var supervisor = await Factory.SignedInClientAsync(lab.Members[BuiltInRole.Supervisor].Email);
        var invited = await supervisor.PostUnsafeAsync($"/api/organizations/{lab.OrganizationId}/invitations", new { email = "claimed@verify.example" });
        var token = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();

        var squatter = Factory.CreateBrowserClient();
        Assert.That((await squatter.RegisterAsync("claimed@verify.example")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await VerifiedAsync(squatter), Is.False);
        var refused = await squatter.PostUnsafeAsync("/api/invitations/accept", new { token });
        var problem = await Problems.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("reason").GetString(), Is.EqualTo("email-unverified"));
        await using (var db = Database.CreateContext())
            Assert.That(await db.Memberships.IgnoreQueryFilters().CountAsync(m => m.OrganizationId == lab.OrganizationId), Is.EqualTo(6), "nobody joined");

        await squatter.VerifyEmailAsync(Database, "claimed@verify.example"); // only the mailbox's owner can do this
        Assert.That(await VerifiedAsync(squatter), Is.True);
        Assert.That((await squatter.PostUnsafeAsync("/api/invitations/accept", new { token })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_wrong_token_is_refused_and_verifies_nothing()
    {
        var client = Factory.CreateBrowserClient();
        await client.RegisterAsync("wrong@verify.example");
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        var response = await client.PostUnsafeAsync("/api/auth/verify-email", new { userId = me.GetProperty("id").GetGuid(), token = "forged" });
        await Problems.AssertProblemAsync(response, HttpStatusCode.Gone);
        Assert.That(await VerifiedAsync(client), Is.False);
    }

    [Test]
    public async Task A_new_link_can_be_sent_until_the_address_is_verified()
    {
        var client = Factory.CreateBrowserClient();
        await client.RegisterAsync("again@verify.example");
        Assert.That((await client.PostUnsafeAsync("/api/auth/verify-email/resend")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await Mailbox.BodiesAsync(Database, "again@verify.example"), Has.Count.EqualTo(2));
        await client.VerifyEmailAsync(Database, "again@verify.example");
        await Problems.AssertProblemAsync(await client.PostUnsafeAsync("/api/auth/verify-email/resend"), HttpStatusCode.Conflict);
    }

    [Test]
    public async Task An_organization_created_for_the_address_of_an_unverified_account_waits_for_verification()
    {
        var admin = Factory.CreateBrowserClient();
        await admin.RegisterAsync("admin@verify.example");
        var squatter = Factory.CreateBrowserClient();
        await squatter.RegisterAsync("owner@hospital.example");

        var created = await admin.PostUnsafeAsync("/api/organizations", new { name = "Hospital Lab", ownerEmail = "owner@hospital.example" });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetProperty("ownerUserId").ValueKind, Is.EqualTo(JsonValueKind.Null), body.ToString());
        Assert.That(body.GetProperty("pendingOwnerEmail").GetString(), Is.EqualTo("owner@hospital.example"));
        Assert.That(await squatter.GetFromJsonAsync<JsonElement[]>("/api/organizations"), Is.Empty);

        await squatter.VerifyEmailAsync(Database, "owner@hospital.example");
        var mine = await squatter.GetFromJsonAsync<JsonElement[]>("/api/organizations");
        Assert.That(mine!.Single().GetProperty("role").GetProperty("name").GetString(), Is.EqualTo("Group Supervisor"));
    }
}

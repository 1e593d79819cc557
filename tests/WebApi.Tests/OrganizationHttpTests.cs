namespace VariantMiner.WebApi.Tests;

public class OrganizationHttpTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private sealed record Created(Guid Id, string Name, Guid InitialWorkspaceId, Guid? OwnerUserId, string? PendingOwnerEmail);
    private sealed record Summary(Guid Id, string Name, RoleRef Role, int MemberCount, int WorkspaceCount);
    private sealed record RoleRef(Guid Id, string Name);

    [Test]
    public async Task An_organization_created_for_a_newcomer_becomes_theirs_when_they_verify_their_address()
    {
        var admin = Factory.CreateBrowserClient();
        await admin.RegisterAsync("admin@platform.example");
        var response = await admin.PostUnsafeAsync("/api/organizations", new { name = "Hospital Genomics", ownerEmail = "Chief@Hospital.example" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var created = await response.Content.ReadFromJsonAsync<Created>();
        Assert.That(created!.PendingOwnerEmail, Is.EqualTo("chief@hospital.example"));
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/organizations/{created.Id}"));

        var chief = Factory.CreateBrowserClient();
        await chief.RegisterAsync("chief@hospital.example", "The Chief");
        Assert.That(await chief.GetFromJsonAsync<List<Summary>>("/api/organizations"), Is.Empty, "anyone can register any address: not before it is verified");
        await chief.VerifyEmailAsync(Database, "chief@hospital.example");
        var mine = await chief.GetFromJsonAsync<List<Summary>>("/api/organizations");
        Assert.That(mine!.Select(o => (o.Name, o.Role.Name, o.MemberCount)), Is.EqualTo(new[] { ("Hospital Genomics", "Group Supervisor", 1) }));
    }

    [Test]
    public async Task Creating_needs_a_platform_administrator_unless_self_service_is_on()
    {
        await Factory.CreateBrowserClient().RegisterAsync("admin@platform.example");
        var user = Factory.CreateBrowserClient();
        await user.RegisterAsync("user@lab.example");
        var refused = await user.PostUnsafeAsync("/api/organizations", new { name = "My Lab" });
        var problem = await Problems.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("platform administrator"));
    }

    [Test]
    public async Task Bad_names_are_400_problems_with_field_errors_and_nothing_is_written()
    {
        var admin = Factory.CreateBrowserClient();
        await admin.RegisterAsync("admin@platform.example");

        var empty = await Problems.AssertProblemAsync(await admin.PostUnsafeAsync("/api/organizations", new { name = "" }), HttpStatusCode.BadRequest);
        Assert.That(empty.GetProperty("errors").TryGetProperty("name", out _), Is.True);
        var tooLong = await Problems.AssertProblemAsync(await admin.PostUnsafeAsync("/api/organizations", new { name = new string('x', 201) }), HttpStatusCode.BadRequest);
        Assert.That(tooLong.GetProperty("errors").GetProperty("name")[0].GetString(), Does.Contain("200"));

        await using var db = Database.CreateContext();
        Assert.That(await db.Organizations.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Duplicate_workspace_name_is_a_409_naming_it()
    {
        var admin = Factory.CreateBrowserClient();
        await admin.RegisterAsync("admin@platform.example");
        var created = await (await admin.PostUnsafeAsync("/api/organizations", new { name = "Genome Lab" })).Content.ReadFromJsonAsync<Created>();

        var duplicate = await admin.PostUnsafeAsync($"/api/organizations/{created!.Id}/workspaces", new { name = "general" });
        var problem = await Problems.AssertProblemAsync(duplicate, HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("general"));
    }

    [Test]
    public async Task Deleting_without_the_exact_name_is_refused_and_keeps_everything()
    {
        var admin = Factory.CreateBrowserClient();
        await admin.RegisterAsync("admin@platform.example");
        var created = await (await admin.PostUnsafeAsync("/api/organizations", new { name = "Genome Lab" })).Content.ReadFromJsonAsync<Created>();

        var wrong = await admin.SendUnsafeAsync(HttpMethod.Delete, $"/api/organizations/{created!.Id}", new { confirmName = "Genome" });
        var problem = await Problems.AssertProblemAsync(wrong, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("confirmName", out _), Is.True);
        Assert.That((await admin.GetAsync($"/api/organizations/{created.Id}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var right = await admin.SendUnsafeAsync(HttpMethod.Delete, $"/api/organizations/{created.Id}", new { confirmName = "Genome Lab" });
        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await Problems.AssertProblemAsync(await admin.GetAsync($"/api/organizations/{created.Id}"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task The_creator_of_an_organization_has_logged_in_to_it()
    {
        var admin = Factory.CreateBrowserClient();
        await admin.RegisterAsync("creator@platform.example");
        var created = await (await admin.PostUnsafeAsync("/api/organizations", new { name = "Creator Lab" })).Content.ReadFromJsonAsync<Created>();
        var members = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/organizations/{created!.Id}/members");
        var me = members.GetProperty("items").EnumerateArray().Single();
        Assert.That(me.GetProperty("lastLoginAt").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.String), me.ToString());
    }
}

using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Infrastructure.Messaging;

namespace VariantMiner.WebApi.Tests;

public class PeopleHttpTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;

    [SetUp]
    public async Task Seed()
    {
        await using var db = Database.CreateContext();
        _lab = await SeededLab.CreateAsync(db, "People Lab");
    }

    private string Org => $"/api/organizations/{_lab.OrganizationId}";

    [Test]
    public async Task Invitation_travels_through_the_outbox_to_the_mail_sink_and_is_accepted_once()
    {
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        var created = await supervisor.PostUnsafeAsync($"{Org}/invitations", new { email = "new.hire@people.example", workspaceIds = new[] { _lab.WorkspaceId } });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var issued = await created.Content.ReadFromJsonAsync<JsonElement>();
        var acceptUrl = issued.GetProperty("acceptUrl").GetString()!;
        var token = issued.GetProperty("token").GetString()!;

        await Factory.Services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);
        var mailFolder = Path.Combine(Database.DataDirectory, "mail");
        var mail = Directory.GetFiles(mailFolder, "*.eml").Select(File.ReadAllText).Single(m => m.Contains("new.hire@people.example"));
        Assert.That(mail, Does.Contain(acceptUrl).And.Contain("People Lab"));

        var newcomer = Factory.CreateBrowserClient();
        await newcomer.RegisterAsync("new.hire@people.example", "New Hire");
        await newcomer.VerifyEmailAsync(Database, "new.hire@people.example");
        var accepted = await newcomer.PostUnsafeAsync("/api/invitations/accept", new { token });
        Assert.That(accepted.StatusCode, Is.EqualTo(HttpStatusCode.OK), await accepted.Content.ReadAsStringAsync());
        var mine = await newcomer.GetFromJsonAsync<JsonElement>("/api/organizations");
        Assert.That(mine[0].GetProperty("role").GetProperty("name").GetString(), Is.EqualTo("Analyst"));

        var again = await newcomer.PostUnsafeAsync("/api/invitations/accept", new { token });
        await Problems.AssertProblemAsync(again, HttpStatusCode.Gone);
    }

    [Test]
    public async Task The_mail_sink_writes_proper_messages()
    {
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        await supervisor.PostUnsafeAsync($"{Org}/invitations", new { email = "headers@people.example" });
        await Factory.Services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(CancellationToken.None);
        var file = Directory.GetFiles(Path.Combine(Database.DataDirectory, "mail"), "*.eml")
            .Single(f => File.ReadAllText(f).Contains("headers@people.example"));
        var bytes = await File.ReadAllBytesAsync(file);
        Assert.That(bytes.Take(3), Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }), "no byte-order mark");
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var headers = text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");
        Assert.That(headers.Select(h => h.Split(':')[0]), Is.SupersetOf(new[] { "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type" }));
        Assert.That(headers.Single(h => h.StartsWith("Date:", StringComparison.Ordinal)), Does.Match(@"^Date: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} \+0000$"));
        Assert.That(text.Replace("\r\n", ""), Does.Not.Contain("\n"), "every line ends with CRLF");
    }

    [Test]
    public async Task A_group_admin_cannot_edit_anything_of_a_supervisors_membership()
    {
        var admin = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.GroupAdmin].Email);
        var refused = await admin.SendUnsafeAsync(HttpMethod.Patch, $"{Org}/members/{_lab.Members[BuiltInRole.Supervisor].UserId}", new { position = "Intern" });
        await Problems.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        var own = await supervisor.SendUnsafeAsync(HttpMethod.Patch, $"{Org}/members/{_lab.Members[BuiltInRole.Supervisor].UserId}", new { position = "Lab director" });
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task A_removed_member_is_refused_on_their_very_next_request()
    {
        var analyst = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email);
        Assert.That((await analyst.GetAsync(Org)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        var removed = await supervisor.SendUnsafeAsync(HttpMethod.Delete, $"{Org}/members/{_lab.Members[BuiltInRole.Analyst].UserId}");
        Assert.That(removed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await Problems.AssertProblemAsync(await analyst.GetAsync(Org), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await analyst.GetAsync($"{Org}/workspaces/{_lab.WorkspaceId}"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Escalation_attempts_are_403_problems_that_change_nothing()
    {
        var admin = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.GroupAdmin].Email);
        var roles = await admin.GetFromJsonAsync<JsonElement>($"{Org}/roles");
        var supervisorRole = roles.EnumerateArray().Single(r => r.GetProperty("builtInKey").GetString() == "Supervisor").GetProperty("id").GetGuid();

        var promote = await admin.SendUnsafeAsync(HttpMethod.Patch, $"{Org}/members/{_lab.Members[BuiltInRole.GroupAdmin].UserId}", new { roleId = supervisorRole });
        var problem = await Problems.AssertProblemAsync(promote, HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("Supervisor"));
        var invite = await admin.PostUnsafeAsync($"{Org}/invitations", new { email = "boss@people.example", roleId = supervisorRole });
        await Problems.AssertProblemAsync(invite, HttpStatusCode.Forbidden);

        var me = await admin.GetFromJsonAsync<JsonElement>($"{Org}/me");
        Assert.That(me.GetProperty("role").GetProperty("name").GetString(), Is.EqualTo("Group Admin"));
    }

    [Test]
    public async Task Deleting_a_role_in_use_is_a_409_saying_how_many_hold_it()
    {
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        await supervisor.SendUnsafeAsync(HttpMethod.Patch, $"{Org}/members/{_lab.TargetUserId}", new { roleId = _lab.CustomRoleId });
        var refused = await supervisor.SendUnsafeAsync(HttpMethod.Delete, $"{Org}/roles/{_lab.CustomRoleId}");
        var problem = await Problems.AssertProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("1 member"));
    }

    [Test]
    public async Task Sign_in_records_the_last_login_and_the_table_searches_filters_and_sorts()
    {
        await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.ClinicalCurator].Email);
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);

        var byLogin = await supervisor.GetFromJsonAsync<JsonElement>($"{Org}/members?sort=lastLogin&limit=2");
        var firstTwo = byLogin.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("userId").GetGuid()).ToList();
        Assert.That(firstTwo, Is.EquivalentTo(new[] { _lab.Members[BuiltInRole.Supervisor].UserId, _lab.Members[BuiltInRole.ClinicalCurator].UserId }));
        Assert.That(byLogin.GetProperty("total").GetInt32(), Is.EqualTo(6));
        Assert.That(byLogin.GetProperty("nextCursor").GetString(), Is.Not.Null);

        var search = await supervisor.GetFromJsonAsync<JsonElement>($"{Org}/members?search=CLINICALCURATOR");
        Assert.That(search.GetProperty("items").EnumerateArray().Single().GetProperty("userId").GetGuid(), Is.EqualTo(_lab.Members[BuiltInRole.ClinicalCurator].UserId));

        var bad = await supervisor.GetAsync($"{Org}/members?cursor=garbage");
        await Problems.AssertProblemAsync(bad, HttpStatusCode.BadRequest);
    }
}

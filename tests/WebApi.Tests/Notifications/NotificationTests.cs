using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Application.Common.Security;
using VariantMiner.Application.Files;
using VariantMiner.Domain.Analyses;

namespace VariantMiner.WebApi.Tests.Notifications;

/// <summary>
/// Notifications through the real host: who is told of what (the people involved, or everyone who may see it — never
/// someone who may not), in the app and by e-mail as their own setting, the organization's default or the event's says;
/// the actor is not told; one's notifications are one's own.
/// </summary>
public class NotificationTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;
    private SeededSamples _samples = null!;

    private string Org => $"/api/organizations/{_lab.OrganizationId}";
    private string Workspace => $"{Org}/workspaces/{_lab.WorkspaceId}";

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Notify Lab");
        await using (var db = Database.CreateContext()) _samples = await SeededSamples.CreateAsync(db, _lab, Factory.Services.GetRequiredService<IFileStore>());
    }

    private Task<HttpClient> AsAsync(BuiltInRole role) => Factory.SignedInClientAsync(_lab.Members[role].Email);

    private async Task<JsonElement> NotificationsOfAsync(HttpClient client) => await client.GetFromJsonAsync<JsonElement>($"{Org}/notifications");

    private static List<string> Titles(JsonElement list) => list.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("title").GetString()!).ToList();

    private async Task<List<string>> MailSubjectsAsync(BuiltInRole role)
    {
        await using var db = Database.CreateContext();
        var email = _lab.Members[role].Email;
        return await db.Outbox.Where(m => m.Recipient == email).Select(m => m.Subject).ToListAsync();
    }

    private async Task<Guid> NewSampleAsync(HttpClient supervisor, string name)
    {
        var created = await supervisor.PostUnsafeAsync($"{Workspace}/samples", new { name, assay = "WGS" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Test]
    public async Task A_sample_assigned_to_someone_tells_them_in_the_app_and_by_email_and_no_one_else()
    {
        var supervisor = await AsAsync(BuiltInRole.Supervisor);
        var sampleId = await NewSampleAsync(supervisor, "NOTIFY-1");
        var before = Titles(await NotificationsOfAsync(supervisor)).Count;
        var assigned = await supervisor.SendUnsafeAsync(HttpMethod.Put, $"{Workspace}/samples/{sampleId}/assignees",
            new { userIds = new[] { _lab.Members[BuiltInRole.Supervisor].UserId, _lab.Members[BuiltInRole.Analyst].UserId } });
        Assert.That(assigned.StatusCode, Is.EqualTo(HttpStatusCode.OK), await assigned.Content.ReadAsStringAsync());

        var analyst = await AsAsync(BuiltInRole.Analyst);
        var mine = await NotificationsOfAsync(analyst);
        Assert.That(mine.GetProperty("unreadCount").GetInt32(), Is.EqualTo(1));
        var item = mine.GetProperty("items")[0];
        Assert.That(item.GetProperty("title").GetString(), Is.EqualTo("A sample was assigned to you: NOTIFY-1"));
        Assert.That(item.GetProperty("link").GetString(), Is.EqualTo($"/orgs/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}/samples/{sampleId}"));
        Assert.That(await MailSubjectsAsync(BuiltInRole.Analyst), Does.Contain("A sample was assigned to you: NOTIFY-1"));
        Assert.That(Titles(await NotificationsOfAsync(supervisor)), Has.Count.EqualTo(before), "the person who assigned is not told");
        Assert.That(Titles(await NotificationsOfAsync(await AsAsync(BuiltInRole.ClinicalCurator))), Has.None.Contains("NOTIFY-1"));

        // Read: the bell's count drops; another member cannot touch it (404), and sees none of it.
        var id = item.GetProperty("id").GetGuid();
        var curator = await AsAsync(BuiltInRole.ClinicalCurator);
        await Problems.AssertProblemAsync(await curator.PostUnsafeAsync($"{Org}/notifications/{id}/read", new { }), HttpStatusCode.NotFound);
        var read = await analyst.PostUnsafeAsync($"{Org}/notifications/{id}/read", new { });
        Assert.That((await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unreadCount").GetInt32(), Is.Zero);
    }

    [Test]
    public async Task Read_all_marks_mine_here_read_and_neither_another_persons_nor_another_organizations()
    {
        SeededLab other;
        await using (var db = Database.CreateContext()) other = await SeededLab.CreateAsync(db, "Other Notify Lab");
        var (analystId, curatorId, now) = (_lab.Members[BuiltInRole.Analyst].UserId, _lab.Members[BuiltInRole.ClinicalCurator].UserId, DateTimeOffset.UtcNow);
        await using (var db = Database.CreateContext())
        {
            Domain.Notifications.Notification Add(Guid organizationId, Guid userId, string title) =>
                new(organizationId, userId, Domain.Notifications.NotificationEvents.SampleAssigned, title, "/orgs", now);
            db.Notifications.AddRange(Add(_lab.OrganizationId, analystId, "Here 1"), Add(_lab.OrganizationId, analystId, "Here 2"),
                Add(other.OrganizationId, analystId, "Elsewhere"), Add(_lab.OrganizationId, curatorId, "The curator's"));
            await db.SaveChangesAsync();
        }
        var read = await (await AsAsync(BuiltInRole.Analyst)).PostUnsafeAsync($"{Org}/notifications/read-all", new { });
        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK), await read.Content.ReadAsStringAsync());
        Assert.That((await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unreadCount").GetInt32(), Is.Zero);

        await using var check = Database.CreateContext();
        var unread = await check.Notifications.IgnoreQueryFilters().Where(n => n.ReadAt == null && (n.UserId == analystId || n.UserId == curatorId))
            .Select(n => n.Title).ToListAsync();
        Assert.That(unread, Is.EquivalentTo(new[] { "Elsewhere", "The curator's" }));
    }

    [Test]
    public async Task Someone_whose_role_sees_no_samples_is_not_told_of_a_sample_assigned_to_them()
    {
        // The Analyst's role becomes one that sees no samples at all (assigned or not).
        await using (var db = Database.CreateContext())
        {
            var blind = Domain.Organizations.Role.CreateCustom(_lab.OrganizationId, "Report drafter", [Permissions.ReportsWrite], Permissions.All);
            db.Roles.Add(blind);
            var membership = await db.Memberships.IgnoreQueryFilters().SingleAsync(m => m.OrganizationId == _lab.OrganizationId
                && m.UserId == _lab.Members[BuiltInRole.Analyst].UserId);
            var current = await db.Roles.IgnoreQueryFilters().SingleAsync(r => r.Id == membership.RoleId);
            membership.ChangeRole(current, blind, actorIsSupervisor: true, supervisorCount: 1);
            await db.SaveChangesAsync();
        }
        var supervisor = await AsAsync(BuiltInRole.Supervisor);
        var sampleId = await NewSampleAsync(supervisor, "NOTIFY-3");
        var assigned = await supervisor.SendUnsafeAsync(HttpMethod.Put, $"{Workspace}/samples/{sampleId}/assignees",
            new { userIds = new[] { _lab.Members[BuiltInRole.Supervisor].UserId, _lab.Members[BuiltInRole.Analyst].UserId } });
        Assert.That(assigned.StatusCode, Is.EqualTo(HttpStatusCode.OK), await assigned.Content.ReadAsStringAsync());

        Assert.That(Titles(await NotificationsOfAsync(await AsAsync(BuiltInRole.Analyst))), Has.None.Contains("NOTIFY-3"));
        Assert.That(await MailSubjectsAsync(BuiltInRole.Analyst), Has.None.Contains("NOTIFY-3"));
    }

    [Test]
    public async Task Everyone_who_may_see_a_finished_analysis_is_told_when_the_organization_says_so_and_no_one_who_may_not()
    {
        var supervisor = await AsAsync(BuiltInRole.Supervisor);
        var set = await supervisor.SendUnsafeAsync(HttpMethod.Put, $"{Org}/settings/notifications",
            new { settings = new[] { new { @event = "analysis.failed", inApp = true, email = true, audience = "everyone" } } });
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), await set.Content.ReadAsStringAsync());
        // The Analyst no longer sees the run's sample (assigned to the Supervisor and the Curator only).
        var unassigned = await supervisor.SendUnsafeAsync(HttpMethod.Put, $"{Workspace}/samples/{_samples.SampleId}/assignees",
            new { userIds = new[] { _lab.Members[BuiltInRole.Supervisor].UserId, _lab.Members[BuiltInRole.ClinicalCurator].UserId } });
        Assert.That(unassigned.StatusCode, Is.EqualTo(HttpStatusCode.OK), await unassigned.Content.ReadAsStringAsync());

        // The worker ends the run (the product's own work inside the organization).
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<OrganizationContext>().Enter(OrganizationAccess.ForSystem(_lab.OrganizationId, _lab.WorkspaceId), _lab.WorkspaceId);
            var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.AppDbContext>();
            var run = await db.Analyses.Include(a => a.Samples).Include(a => a.Assignments).SingleAsync(a => a.Id == _samples.AnalysisId);
            run.Finish(AnalysisStatus.SYSTEM_ERROR, DateTimeOffset.UtcNow, "The worker's disk is full.");
            await db.SaveChangesAsync();
        }

        const string Title = "Analysis failed: Germline default on";
        Assert.That(Titles(await NotificationsOfAsync(await AsAsync(BuiltInRole.ClinicalCurator))), Has.Some.StartsWith(Title), "sees the sample: told");
        Assert.That(Titles(await NotificationsOfAsync(supervisor)), Has.Some.StartsWith(Title), "launched it: told");
        Assert.That(await MailSubjectsAsync(BuiltInRole.ClinicalCurator), Has.Some.StartsWith(Title));
        Assert.That(Titles(await NotificationsOfAsync(await AsAsync(BuiltInRole.Analyst))), Has.None.StartsWith(Title), "cannot see the sample: not told");
        Assert.That(await MailSubjectsAsync(BuiltInRole.Analyst), Has.None.StartsWith(Title));
    }

    [Test]
    public async Task A_persons_own_setting_wins_over_the_organizations_default_which_wins_over_the_events()
    {
        var supervisor = await AsAsync(BuiltInRole.Supervisor);
        var analyst = await AsAsync(BuiltInRole.Analyst);
        // The organization: no e-mail and no bell for assignments; the Analyst: the bell, but no e-mail.
        await supervisor.SendUnsafeAsync(HttpMethod.Put, $"{Org}/settings/notifications",
            new { settings = new[] { new { @event = "sample.assigned", inApp = false, email = false, audience = "involved" } } });
        var own = await analyst.SendUnsafeAsync(HttpMethod.Put, $"{Org}/notifications/settings",
            new { settings = new[] { new { @event = "sample.assigned", inApp = true, email = false } } });
        Assert.That(own.StatusCode, Is.EqualTo(HttpStatusCode.OK), await own.Content.ReadAsStringAsync());
        var shown = (await own.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single(s => s.GetProperty("event").GetString() == "sample.assigned");
        Assert.That((shown.GetProperty("inApp").GetBoolean(), shown.GetProperty("email").GetBoolean()), Is.EqualTo((true, false)));

        var sampleId = await NewSampleAsync(supervisor, "NOTIFY-2");
        await supervisor.SendUnsafeAsync(HttpMethod.Put, $"{Workspace}/samples/{sampleId}/assignees", new
        {
            userIds = new[] { BuiltInRole.Supervisor, BuiltInRole.Analyst, BuiltInRole.ClinicalCurator }.Select(r => _lab.Members[r].UserId),
        });

        Assert.That(Titles(await NotificationsOfAsync(analyst)), Does.Contain("A sample was assigned to you: NOTIFY-2"));
        Assert.That(await MailSubjectsAsync(BuiltInRole.Analyst), Has.None.Contains("NOTIFY-2"));
        Assert.That(Titles(await NotificationsOfAsync(await AsAsync(BuiltInRole.ClinicalCurator))), Has.None.Contains("NOTIFY-2"), "the organization's default");
        Assert.That(await MailSubjectsAsync(BuiltInRole.ClinicalCurator), Has.None.Contains("NOTIFY-2"));
    }

    [Test]
    public async Task Settings_that_cannot_be_are_refused_and_change_nothing()
    {
        var supervisor = await AsAsync(BuiltInRole.Supervisor);
        var bad = await supervisor.SendUnsafeAsync(HttpMethod.Put, $"{Org}/settings/notifications", new
        {
            settings = new object[]
            {
                new { @event = "upload.finished", inApp = false, email = false, audience = "involved" },
                new { @event = "sample.assigned", inApp = true, email = true, audience = "everyone" },
            },
        });
        var problem = await Problems.AssertProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").GetProperty("settings[1].audience")[0].GetString(), Does.Contain("only the people involved"));
        var unknown = await supervisor.SendUnsafeAsync(HttpMethod.Put, $"{Org}/notifications/settings",
            new { settings = new[] { new { @event = "weather.changed", inApp = true, email = true } } });
        await Problems.AssertProblemAsync(unknown, HttpStatusCode.BadRequest);
        var everyone = await supervisor.SendUnsafeAsync(HttpMethod.Put, $"{Org}/notifications/settings",
            new { settings = new[] { new { @event = "upload.finished", inApp = true, email = true, audience = "everyone" } } });
        await Problems.AssertProblemAsync(everyone, HttpStatusCode.BadRequest);

        var settings = await supervisor.GetFromJsonAsync<JsonElement>($"{Org}/settings/notifications");
        var upload = settings.EnumerateArray().Single(s => s.GetProperty("event").GetString() == "upload.finished");
        Assert.That(upload.GetProperty("inApp").GetBoolean(), Is.True, "the first, valid entry was not saved either");
    }

    [Test]
    public async Task A_report_ready_for_signature_tells_the_people_who_may_sign_it()
    {
        var writer = await AsAsync(BuiltInRole.ReportWriter);
        var created = await writer.PostUnsafeAsync($"{Workspace}/reports", new { analysisId = _samples.CompleteAnalysisId, title = "Ready report", variantIds = new[] { 1 } });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var ready = await writer.SendUnsafeAsync(HttpMethod.Patch, $"{Workspace}/reports/{id}", new { status = "preliminary" });
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ready.Content.ReadAsStringAsync());

        const string Title = "A report is ready for your signature: Ready report";
        foreach (var signer in new[] { BuiltInRole.Supervisor, BuiltInRole.ClinicalCurator })
            Assert.That(Titles(await NotificationsOfAsync(await AsAsync(signer))), Does.Contain(Title), $"{signer} may sign");
        foreach (var other in new[] { BuiltInRole.GroupAdmin, BuiltInRole.Analyst, BuiltInRole.ReportWriter })
            Assert.That(Titles(await NotificationsOfAsync(await AsAsync(other))), Has.None.EqualTo(Title), $"{other} may not sign");
    }
}

using VariantMiner.Domain.Samples;
using static VariantMiner.Domain.Authorization.BuiltInRole;

namespace VariantMiner.WebApi.Tests.Security;

/// <summary>
/// What assignment hides stays hidden everywhere: activity, subjects, and refusals. A lab with two samples: "Mine"
/// (with subject P-MINE) assigned to the Analyst and the Report Writer, "Hidden" (with subject P-HIDDEN) assigned to
/// nobody but its creator, the Supervisor. Expected sets per role are written out.
/// </summary>
public class HiddenDataTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;
    private Guid _mine, _hidden, _mineSubject, _hiddenSubject;
    private string Workspace => $"/api/organizations/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}";

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Hidden Lab");
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[Supervisor].Email);
        async Task<Guid> Create(string path, object body)
        {
            var response = await supervisor.PostUnsafeAsync($"{Workspace}/{path}", body);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        // Through the API, so the activity is the real one.
        _mineSubject = await Create("subjects", new { externalId = "P-MINE", dateOfBirth = "1980-02-03" });
        _hiddenSubject = await Create("subjects", new { externalId = "P-HIDDEN", dateOfBirth = "1970-01-01" });
        _mine = await Create("samples", new
        {
            name = "Mine",
            assay = "WGS",
            subjectId = _mineSubject,
            assigneeIds = new[] { _lab.Members[Analyst].UserId, _lab.Members[ReportWriter].UserId }
        });
        _hidden = await Create("samples", new { name = "Hidden", assay = "RNA-seq", subjectId = _hiddenSubject });
    }

    private static IEnumerable<TestCaseData> Roles(bool switchOn) =>
        Enum.GetValues<BuiltInRole>().Select(r => new TestCaseData(r, switchOn).SetName($"{{m}}({r}, switch {(switchOn ? "on" : "off")})"));

    private static IEnumerable<TestCaseData> AllCases() => Roles(true).Concat(Roles(false));

    /// <summary>Who sees which sample: every sample with samples.view.all (or the switch off); else the assigned ones.</summary>
    private static bool SeesAll(BuiltInRole role, bool switchOn) => !switchOn || role is Supervisor or GroupAdmin or ClinicalCurator;

    private async Task<HttpClient> AsAsync(BuiltInRole role, bool switchOn)
    {
        if (!switchOn)
        {
            var supervisor = await Factory.SignedInClientAsync(_lab.Members[Supervisor].Email);
            var off = await supervisor.SendUnsafeAsync(HttpMethod.Put, $"/api/organizations/{_lab.OrganizationId}/settings/access-control", new { roleBasedAccessEnabled = false });
            Assert.That(off.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        return await Factory.SignedInClientAsync(_lab.Members[role].Email);
    }

    [TestCaseSource(nameof(AllCases))]
    public async Task Activity_about_samples_and_subjects_follows_their_visibility(BuiltInRole role, bool switchOn)
    {
        var client = await AsAsync(role, switchOn);
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/organizations/{_lab.OrganizationId}/activity?limit=100");
        var targets = page.GetProperty("items").EnumerateArray()
            .Where(a => a.GetProperty("targetType").GetString() is "sample" or "subject")
            .Select(a => a.GetProperty("targetId").GetGuid()).ToHashSet();
        var expected = SeesAll(role, switchOn) ? new[] { _mine, _hidden, _mineSubject, _hiddenSubject }
            : role is Analyst or ReportWriter ? [_mine, _mineSubject] : [];
        Assert.That(targets, Is.EquivalentTo(expected));

        var dashboard = await client.GetFromJsonAsync<JsonElement>($"/api/organizations/{_lab.OrganizationId}");
        var recent = dashboard.GetProperty("recentActivity").EnumerateArray()
            .Where(a => a.GetProperty("targetType").GetString() is "sample" or "subject").Select(a => a.GetProperty("targetId").GetGuid()).Distinct().ToList();
        Assert.That(recent, Is.SubsetOf(expected));
        Assert.That(recent.Any(id => id == _hidden || id == _hiddenSubject), Is.EqualTo(SeesAll(role, switchOn)));
    }

    [TestCaseSource(nameof(AllCases))]
    public async Task Subjects_are_listed_and_opened_only_through_visible_samples(BuiltInRole role, bool switchOn)
    {
        var client = await AsAsync(role, switchOn);
        var listed = (await client.GetFromJsonAsync<JsonElement>($"{Workspace}/subjects")).GetProperty("items").EnumerateArray()
            .Select(s => s.GetProperty("externalId").GetString()).ToList();
        var expected = SeesAll(role, switchOn) ? new[] { "P-HIDDEN", "P-MINE" } : role is Analyst or ReportWriter ? ["P-MINE"] : [];
        Assert.That(listed, Is.EquivalentTo(expected));
        var hidden = await client.GetAsync($"{Workspace}/subjects/{_hiddenSubject}");
        Assert.That(hidden.StatusCode, Is.EqualTo(SeesAll(role, switchOn) ? HttpStatusCode.OK : HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Refusals_do_not_reveal_a_hidden_sample()
    {
        var analyst = await Factory.SignedInClientAsync(_lab.Members[Analyst].Email);
        var create = await analyst.PostUnsafeAsync($"{Workspace}/samples", new { name = "hidden", assay = "WGS" });
        var problem = await Problems.AssertProblemAsync(create, HttpStatusCode.Conflict);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.That(detail, Does.Contain("not available").And.Not.Contain("already exists").And.Not.Contain("sample named"));

        var rename = await analyst.SendUnsafeAsync(HttpMethod.Patch, $"{Workspace}/samples/{_mine}", new { name = "HIDDEN" });
        Assert.That((await Problems.AssertProblemAsync(rename, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), Is.EqualTo(detail.Replace("hidden", "HIDDEN")));

        // A subject whose samples are all hidden is itself hidden.
        await Problems.AssertProblemAsync(await analyst.SendUnsafeAsync(HttpMethod.Patch, $"{Workspace}/subjects/{_hiddenSubject}", new { notes = "x" }),
            HttpStatusCode.NotFound);

        // Someone who sees the holder is told plainly.
        var curator = await Factory.SignedInClientAsync(_lab.Members[Supervisor].Email);
        var visible = await curator.PostUnsafeAsync($"{Workspace}/samples", new { name = "hidden", assay = "WGS" });
        Assert.That((await Problems.AssertProblemAsync(visible, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), Does.Contain("already exists"));
    }

    [Test]
    public async Task People_who_define_samples_find_a_subject_by_its_exact_external_id_without_its_patient_data()
    {
        var analyst = await Factory.SignedInClientAsync(_lab.Members[Analyst].Email);
        var found = await analyst.GetFromJsonAsync<JsonElement>($"{Workspace}/subjects/lookup?externalId=p-hidden");
        Assert.That(found.GetProperty("id").GetGuid(), Is.EqualTo(_hiddenSubject));
        Assert.That(found.TryGetProperty("dateOfBirth", out _), Is.False, "a reference, not the subject's record");
        await Problems.AssertProblemAsync(await analyst.GetAsync($"{Workspace}/subjects/lookup?externalId=P-HID"), HttpStatusCode.NotFound);

        var writer = await Factory.SignedInClientAsync(_lab.Members[ReportWriter].Email);
        await Problems.AssertProblemAsync(await writer.GetAsync($"{Workspace}/subjects/lookup?externalId=P-HIDDEN"), HttpStatusCode.Forbidden);

        // ...and can link a new sample to it, which then makes the subject visible to them through that sample.
        var created = await analyst.PostUnsafeAsync($"{Workspace}/samples", new { name = "Second", assay = "WGS", subjectId = _hiddenSubject });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That((await analyst.GetAsync($"{Workspace}/subjects/{_hiddenSubject}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}

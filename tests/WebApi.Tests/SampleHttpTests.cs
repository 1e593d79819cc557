using VariantMiner.Domain.Samples;

namespace VariantMiner.WebApi.Tests;

/// <summary>Routes, status codes and problem shapes of the sample API (the rules themselves are tested through the mediator).</summary>
public class SampleHttpTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;
    private SeededSamples _seeded = null!;
    private string Samples => $"/api/organizations/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}/samples";

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Http Lab");
        await using (var db = Database.CreateContext()) _seeded = await SeededSamples.CreateAsync(db, _lab);
    }

    private Task<HttpClient> As(BuiltInRole role) => Factory.SignedInClientAsync(_lab.Members[role].Email);

    private async Task<Guid> UnassignedSampleAsync()
    {
        await using var db = Database.CreateContext();
        var sample = new Sample(_lab.OrganizationId, _lab.WorkspaceId, "Hidden", "WES", null, _lab.Members[BuiltInRole.Supervisor].UserId, DateTimeOffset.UtcNow);
        db.Samples.Add(sample);
        await db.SaveChangesAsync();
        return sample.Id;
    }

    [Test]
    public async Task The_table_answers_items_next_cursor_and_a_bounded_total_in_camel_case()
    {
        var client = await As(BuiltInRole.ClinicalCurator);
        var hidden = await UnassignedSampleAsync();
        var page = JsonDocument.Parse(await client.GetStringAsync($"{Samples}?limit=1")).RootElement;
        Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(2));
        Assert.That(page.GetProperty("totalCapped").GetBoolean(), Is.False);
        Assert.That(page.GetProperty("items")[0].GetProperty("id").GetGuid(), Is.EqualTo(hidden), "newest first");
        Assert.That(page.GetProperty("items")[0].GetProperty("status").GetString(), Is.EqualTo("Defined"));
        var next = page.GetProperty("nextCursor").GetString();
        var second = JsonDocument.Parse(await client.GetStringAsync($"{Samples}?limit=1&cursor={next}")).RootElement;
        Assert.That(second.GetProperty("items")[0].GetProperty("id").GetGuid(), Is.EqualTo(_seeded.SampleId));
        Assert.That(second.GetProperty("nextCursor").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task An_invisible_sample_is_a_404_problem_on_every_route()
    {
        var hidden = await UnassignedSampleAsync();
        var writer = await As(BuiltInRole.ReportWriter);
        await Problems.AssertProblemAsync(await writer.GetAsync($"{Samples}/{hidden}"), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await writer.GetAsync($"{Samples}/{hidden}/assignees"), HttpStatusCode.NotFound);
        var analyst = await As(BuiltInRole.Analyst);
        await Problems.AssertProblemAsync(await analyst.SendUnsafeAsync(HttpMethod.Patch, $"{Samples}/{hidden}", new { name = "X" }), HttpStatusCode.NotFound);
        var list = await writer.GetFromJsonAsync<JsonElement>(Samples);
        Assert.That(list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()), Is.EqualTo(new[] { _seeded.SampleId }));
    }

    [Test]
    public async Task A_sample_under_another_workspace_route_is_404()
    {
        Guid other;
        await using (var db = Database.CreateContext())
        {
            var workspace = await VariantMiner.TestSupport.TestData.AddWorkspaceAsync(db, _lab.OrganizationId, "Second");
            other = workspace.Id;
        }
        var supervisor = await As(BuiltInRole.Supervisor);
        await Problems.AssertProblemAsync(
            await supervisor.GetAsync($"/api/organizations/{_lab.OrganizationId}/workspaces/{other}/samples/{_seeded.SampleId}"), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(
            await supervisor.GetAsync($"/api/organizations/{_lab.OrganizationId}/workspaces/{other}/subjects/{_seeded.SubjectId}"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_date_of_birth_in_the_future_is_a_field_error_on_the_subject_and_on_the_new_subject_of_a_sample()
    {
        var admin = await As(BuiltInRole.GroupAdmin);
        var future = DateTime.UtcNow.AddDays(5).ToString("yyyy-MM-dd");
        var subject = await Problems.AssertProblemAsync(
            await admin.PostUnsafeAsync($"/api/organizations/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}/subjects", new { externalId = "P-F", dateOfBirth = future }),
            HttpStatusCode.BadRequest);
        Assert.That(subject.GetProperty("errors").GetProperty("dateOfBirth")[0].GetString(), Is.EqualTo("A date of birth cannot be in the future."));
        var sample = await Problems.AssertProblemAsync(
            await admin.PostUnsafeAsync(Samples, new { name = "S-F", assay = "WGS", newSubject = new { externalId = "P-F", dateOfBirth = future } }),
            HttpStatusCode.BadRequest);
        Assert.That(sample.GetProperty("errors").GetProperty("newSubject.dateOfBirth")[0].GetString(), Is.EqualTo("A date of birth cannot be in the future."));
    }

    [Test]
    public async Task Deleting_moves_to_the_trash_and_restore_brings_the_sample_back()
    {
        var admin = await As(BuiltInRole.GroupAdmin);
        var trash = $"/api/organizations/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}/trash";
        Assert.That((await admin.SendUnsafeAsync(HttpMethod.Delete, $"{Samples}/{_seeded.SampleId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await Problems.AssertProblemAsync(await admin.GetAsync($"{Samples}/{_seeded.SampleId}"), HttpStatusCode.NotFound);
        var items = await admin.GetFromJsonAsync<JsonElement>(trash);
        var item = items.EnumerateArray().First();
        Assert.That((item.GetProperty("kind").GetString(), item.GetProperty("id").GetGuid(), item.GetProperty("name").GetString()),
            Is.EqualTo(("sample", _seeded.SampleId, "NA12878")));
        Assert.That(item.GetProperty("assignees").GetArrayLength(), Is.EqualTo(_lab.Members.Count));
        Assert.That((await admin.SendUnsafeAsync(HttpMethod.Post, $"{trash}/samples/{_seeded.SampleId}/restore")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await admin.GetAsync($"{Samples}/{_seeded.SampleId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Problems.AssertProblemAsync(await admin.SendUnsafeAsync(HttpMethod.Post, $"{trash}/samples/{_seeded.SampleId}/restore"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Bad_definitions_are_400_or_409_problems_naming_the_field()
    {
        var admin = await As(BuiltInRole.GroupAdmin);
        var assay = await Problems.AssertProblemAsync(await admin.PostUnsafeAsync(Samples, new { name = "S2", assay = "Nanopore" }), HttpStatusCode.BadRequest);
        Assert.That(assay.GetProperty("errors").GetProperty("assay")[0].GetString(), Does.Contain("Nanopore"));
        var duplicate = await Problems.AssertProblemAsync(await admin.PostUnsafeAsync(Samples, new { name = "na12878", assay = "WGS" }), HttpStatusCode.Conflict);
        Assert.That(duplicate.GetProperty("detail").GetString(), Does.Contain("already exists"));
        var subject = await Problems.AssertProblemAsync(await admin.PostUnsafeAsync(Samples, new { name = "S2", assay = "WGS", subjectId = Guid.CreateVersion7() }),
            HttpStatusCode.BadRequest);
        Assert.That(subject.GetProperty("errors").TryGetProperty("subjectId", out _), Is.True);
        var hpo = await Problems.AssertProblemAsync(await admin.PostUnsafeAsync(Samples.Replace("/samples", "/subjects"),
            new { externalId = "P-2", phenotypeTerms = new[] { "HP:0001250", "HP:12" } }), HttpStatusCode.BadRequest);
        Assert.That(hpo.GetProperty("detail").GetString(), Does.Contain("HP:12"));

        var analyst = await As(BuiltInRole.Analyst);
        var forbidden = await Problems.AssertProblemAsync(await analyst.PostUnsafeAsync(Samples,
            new { name = "S3", assay = "WGS", assigneeIds = new[] { _lab.Members[BuiltInRole.ReportWriter].UserId } }), HttpStatusCode.Forbidden);
        Assert.That(forbidden.GetProperty("detail").GetString(), Does.Contain("samples.assign"));

        await using var db = Database.CreateContext();
        Assert.That(await db.Samples.IgnoreQueryFilters().CountAsync(), Is.EqualTo(2), "the seeded live and trashed samples only");
    }

    [Test]
    public async Task Bad_assignment_calls_are_400_problems_and_change_nothing()
    {
        var admin = await As(BuiltInRole.GroupAdmin);
        var writer = _lab.Members[BuiltInRole.ReportWriter].UserId;
        var empty = await Problems.AssertProblemAsync(await admin.PostUnsafeAsync($"{Samples}/assignments",
            new { sampleIds = Array.Empty<Guid>(), userIds = new[] { writer }, mode = "add" }), HttpStatusCode.BadRequest);
        Assert.That(empty.GetProperty("errors").TryGetProperty("sampleIds", out _), Is.True);
        var many = Enumerable.Range(0, 1001).Select(_ => Guid.CreateVersion7()).ToArray();
        await Problems.AssertProblemAsync(await admin.PostUnsafeAsync($"{Samples}/assignments", new { sampleIds = many, userIds = new[] { writer }, mode = "add" }),
            HttpStatusCode.BadRequest);
        var stranger = Guid.CreateVersion7();
        var user = await Problems.AssertProblemAsync(await admin.PostUnsafeAsync($"{Samples}/assignments",
            new { sampleIds = new[] { _seeded.SampleId }, userIds = new[] { stranger }, mode = "replace" }), HttpStatusCode.BadRequest);
        Assert.That(user.GetProperty("errors").GetProperty("userIds")[0].GetString(), Does.Contain(stranger.ToString()));

        await using var db = Database.CreateContext();
        Assert.That(await db.SampleAssignments.IgnoreQueryFilters().CountAsync(), Is.EqualTo(10), "the seeded assignments (five per sample), untouched");

        var ok = await admin.PostUnsafeAsync($"{Samples}/assignments", new { sampleIds = new[] { _seeded.SampleId }, userIds = new[] { writer }, mode = "remove" });
        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assignmentsRemoved").GetInt32(), Is.EqualTo(1));
        var writerClient = await As(BuiltInRole.ReportWriter);
        await Problems.AssertProblemAsync(await writerClient.GetAsync($"{Samples}/{_seeded.SampleId}"), HttpStatusCode.NotFound);
    }
}

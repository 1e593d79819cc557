using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Application.Files;

namespace VariantMiner.WebApi.Tests.Bookmarks;

/// <summary>
/// Bookmarks are one's own and point without granting: one cannot bookmark what one cannot see (404), and a bookmark of
/// what one can no longer see is simply not listed (no error) — and is listed again when the access comes back.
/// </summary>
public class BookmarkTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;
    private SeededSamples _samples = null!;

    private string Bookmarks => $"/api/organizations/{_lab.OrganizationId}/bookmarks";
    private string Workspace => $"/api/organizations/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}";

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Bookmark Lab");
        await using (var db = Database.CreateContext()) _samples = await SeededSamples.CreateAsync(db, _lab, Factory.Services.GetRequiredService<IFileStore>());
    }

    private Task<HttpClient> AsAsync(BuiltInRole role) => Factory.SignedInClientAsync(_lab.Members[role].Email);

    private async Task<List<JsonElement>> ListAsync(HttpClient client, string? kind = null) =>
        (await client.GetFromJsonAsync<JsonElement>(kind is null ? Bookmarks : $"{Bookmarks}?kind={kind}")).EnumerateArray().ToList();

    private async Task<HttpResponseMessage> AddAsync(HttpClient client, string kind, Guid targetId, int? variantId = null) =>
        await client.PostUnsafeAsync(Bookmarks, new { kind, workspaceId = _lab.WorkspaceId, targetId, variantId });

    [Test]
    public async Task An_analyst_bookmarks_what_they_see_and_a_bookmark_of_what_they_no_longer_see_disappears_until_it_is_seen_again()
    {
        var analyst = await AsAsync(BuiltInRole.Analyst);
        foreach (var (kind, target, ordinal) in new (string, Guid, int?)[]
                 {
                     ("sample", _samples.SampleId, null), ("analysis", _samples.CompleteAnalysisId, null),
                     ("variant", _samples.CompleteAnalysisId, 1), ("report", _samples.SignedReportId, null),
                 })
        {
            var added = await AddAsync(analyst, kind, target, ordinal);
            Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"{kind}: {await added.Content.ReadAsStringAsync()}");
        }
        var again = await AddAsync(analyst, "sample", _samples.SampleId);
        var listed = await ListAsync(analyst);
        Assert.That(listed, Has.Count.EqualTo(4), "bookmarking again keeps one");
        Assert.That((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid(),
            Is.EqualTo(listed.Single(b => b.GetProperty("kind").GetString() == "sample").GetProperty("id").GetGuid()));
        var variant = listed.Single(b => b.GetProperty("kind").GetString() == "variant");
        Assert.That(variant.GetProperty("link").GetString(),
            Is.EqualTo($"/orgs/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}/analyses/{_samples.CompleteAnalysisId}/variants/1"));
        Assert.That(variant.GetProperty("title").GetString(), Does.Contain(":"), "named by its position");
        Assert.That(await ListAsync(analyst, "report"), Has.Count.EqualTo(1));
        Assert.That(await ListAsync(await AsAsync(BuiltInRole.ClinicalCurator)), Is.Empty, "one's own");

        // The sample is unassigned from the Analyst: everything that hangs on it goes from the list — no error.
        var supervisor = await AsAsync(BuiltInRole.Supervisor);
        var unassign = new { userIds = new[] { _lab.Members[BuiltInRole.Supervisor].UserId } };
        Assert.That((await supervisor.SendUnsafeAsync(HttpMethod.Put, $"{Workspace}/samples/{_samples.SampleId}/assignees", unassign)).StatusCode,
            Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await ListAsync(analyst), Is.Empty);
        await Problems.AssertProblemAsync(await AddAsync(analyst, "sample", _samples.SampleId), HttpStatusCode.NotFound);

        // Assigned again: the bookmarks are back.
        var reassign = new { userIds = new[] { _lab.Members[BuiltInRole.Supervisor].UserId, _lab.Members[BuiltInRole.Analyst].UserId } };
        await supervisor.SendUnsafeAsync(HttpMethod.Put, $"{Workspace}/samples/{_samples.SampleId}/assignees", reassign);
        Assert.That(await ListAsync(analyst), Has.Count.EqualTo(4));
    }

    [Test]
    public async Task Bookmarking_what_does_not_exist_or_is_not_seen_is_refused_and_removing_is_ones_own()
    {
        var analyst = await AsAsync(BuiltInRole.Analyst);
        await Problems.AssertProblemAsync(await AddAsync(analyst, "report", Guid.NewGuid()), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await AddAsync(analyst, "variant", _samples.CompleteAnalysisId, 99_999), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await AddAsync(analyst, "variant", _samples.CompleteAnalysisId), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await AddAsync(analyst, "sample", _samples.SampleId, 1), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await AddAsync(analyst, "subject", _samples.SubjectId), HttpStatusCode.BadRequest);
        Assert.That(await ListAsync(analyst), Is.Empty, "nothing was kept");

        // The Supervisor's seeded bookmark: not the Analyst's to remove (404), the Supervisor's to remove.
        await Problems.AssertProblemAsync(await analyst.SendUnsafeAsync(HttpMethod.Delete, $"{Bookmarks}/{_samples.BookmarkId}", null), HttpStatusCode.NotFound);
        var supervisor = await AsAsync(BuiltInRole.Supervisor);
        Assert.That((await supervisor.SendUnsafeAsync(HttpMethod.Delete, $"{Bookmarks}/{_samples.BookmarkId}", null)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await ListAsync(supervisor), Is.Empty);
    }
}

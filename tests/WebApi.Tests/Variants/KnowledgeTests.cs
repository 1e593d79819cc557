namespace VariantMiner.WebApi.Tests.Variants;

/// <summary>
/// The organization's knowledge of variants: classifications keep every earlier one with who and when, and show (and
/// filter) on every analysis carrying the variant; notes are edited or deleted by their author only, every text kept;
/// tags keep who added them; gene lists, filter sets and saved searches feed the variant table, and a saved search run
/// on variants annotated otherwise says so.
/// </summary>
public class KnowledgeTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;
    private SeededSamples _seeded = null!;
    private HttpClient _curator = null!;

    private string Org => $"/api/organizations/{_lab.OrganizationId}";
    private string Workspace => $"{Org}/workspaces/{_lab.WorkspaceId}";
    private string Variants => $"{Workspace}/analyses/{_seeded.CompleteAnalysisId}/variants";
    private const string Key = ApiEndpointCatalog.SeededVariantKey; // variant 1 of the seeded complete analysis (vmA1, het)
    private const string Other = "WBcel235:CHROMOSOME_I:25000:C:G"; // variant 2 (vmB2, hom)

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Knowledge Lab");
        await using (var db = Database.CreateContext()) _seeded = await SeededSamples.CreateAsync(db, _lab);
        _curator = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.ClinicalCurator].Email);
    }

    [Test]
    public async Task A_classification_keeps_its_history_and_shows_and_filters_on_the_analysis()
    {
        var first = await _curator.SendUnsafeAsync(HttpMethod.Put, $"{Org}/classifications/{Other}", new { classification = "uncertain", evidence = "PM2" });
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        var second = await (await _curator.SendUnsafeAsync(HttpMethod.Put, $"{Org}/classifications/{Other}", new { classification = "likely-benign", evidence = "BS1" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(second.GetProperty("classification").GetString(), Is.EqualTo("likely-benign"));
        Assert.That(second.GetProperty("history").EnumerateArray().Select(h => (h.GetProperty("classification").GetString(), h.GetProperty("evidence").GetString())),
            Is.EqualTo(new[] { ("likely-benign", "BS1"), ("uncertain", "PM2") }), "newest first, nothing lost");
        Assert.That(second.GetProperty("history")[1].GetProperty("changedBy").GetProperty("userId").GetGuid(), Is.EqualTo(_lab.Members[BuiltInRole.ClinicalCurator].UserId));

        var page = await _curator.GetFromJsonAsync<JsonElement>(Variants);
        Assert.That(page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("classification").GetString()),
            Is.EqualTo(new[] { "likely-pathogenic", "likely-benign" }), "the seeded classification of variant 1, the new one of variant 2");
        Assert.That(await IdsAsync("?classification=likely-benign"), Is.EqualTo(new[] { 2 }));
        Assert.That(await IdsAsync("?classification=pathogenic,likely-pathogenic"), Is.EqualTo(new[] { 1 }));
        await _curator.SendUnsafeAsync(HttpMethod.Put, $"{Org}/classifications/{Other}", new { classification = "benign" });
        Assert.That(await IdsAsync("?classification=likely-benign"), Is.Empty, "the current classification counts, not the history");

        var writer = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.ReportWriter].Email);
        await Problems.AssertProblemAsync(await writer.SendUnsafeAsync(HttpMethod.Put, $"{Org}/classifications/{Key}", new { classification = "benign" }),
            HttpStatusCode.Forbidden);
        var bad = await Problems.AssertProblemAsync(await _curator.SendUnsafeAsync(HttpMethod.Put, $"{Org}/classifications/{Key}", new { classification = "harmless" }),
            HttpStatusCode.BadRequest);
        Assert.That(bad.GetProperty("errors").GetProperty("classification")[0].GetString(), Does.Contain("likely-pathogenic"));
        var badKey = await Problems.AssertProblemAsync(await _curator.GetAsync($"{Org}/classifications/chr1-12345-A-G"), HttpStatusCode.BadRequest);
        Assert.That(badKey.GetProperty("errors").GetProperty("variantKey")[0].GetString(), Does.Contain("build:chrom:pos:ref:alt"));
        Assert.That((await IdsAsync("?classification=unclassified")).Length, Is.Zero, "both variants are classified");
        await Problems.AssertProblemAsync(await _curator.GetAsync($"{Variants}?classification=harmless"), HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task The_database_refuses_to_rewrite_an_earlier_classification_or_note_text()
    {
        await using var db = Database.CreateContext();
        var revision = await db.Classifications.IgnoreQueryFilters().Where(c => c.OrganizationId == _lab.OrganizationId)
            .SelectMany(c => c.History).OrderBy(r => r.ChangedAt).Select(r => r.Id).FirstAsync();
        Assert.That(async () => await db.Database.ExecuteSqlAsync($"""UPDATE "ClassificationRevisions" SET "Evidence" = {"rewritten"} WHERE "Id" = {revision}"""),
            Throws.Exception.With.Message.Contains("never changed"));
        var noteRevision = await db.VariantNotes.IgnoreQueryFilters().Where(n => n.Id == _seeded.NoteId).SelectMany(n => n.Revisions).Select(r => r.Id).FirstAsync();
        Assert.That(async () => await db.Database.ExecuteSqlAsync($"""UPDATE "VariantNoteRevisions" SET "Text" = {"rewritten"} WHERE "Id" = {noteRevision}"""),
            Throws.Exception.With.Message.Contains("never changed"));
        var history = await _curator.GetFromJsonAsync<JsonElement>($"{Org}/classifications/{Key}");
        Assert.That(history.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("evidence").GetString()), Is.EqualTo(new[] { "PM2, PP3", "PM2" }));
    }

    [Test]
    public async Task Notes_are_their_authors_and_keep_every_text_and_tags_keep_who_added_them()
    {
        var added = await _curator.PostUnsafeAsync($"{Org}/variants/{Key}/notes", new { text = "Segregates with disease." });
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created), await added.Content.ReadAsStringAsync());
        var note = await added.Content.ReadFromJsonAsync<JsonElement>();
        var noteUrl = $"{Org}/notes/{note.GetProperty("id").GetGuid()}";
        var edited = await (await _curator.SendUnsafeAsync(HttpMethod.Patch, noteUrl, new { text = "Segregates in 3 of 3 affected." })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(edited.GetProperty("revisions").EnumerateArray().Select(r => r.GetProperty("text").GetString()),
            Is.EqualTo(new[] { "Segregates with disease.", "Segregates in 3 of 3 affected." }));
        Assert.That(edited.GetProperty("editedAt").ValueKind, Is.EqualTo(JsonValueKind.String));

        var analyst = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email);
        var theirs = await Problems.AssertProblemAsync(await analyst.SendUnsafeAsync(HttpMethod.Patch, noteUrl, new { text = "Not segregating." }), HttpStatusCode.Forbidden);
        Assert.That(theirs.GetProperty("detail").GetString(), Is.EqualTo("Only the note's author can edit it."));
        await Problems.AssertProblemAsync(await analyst.SendUnsafeAsync(HttpMethod.Delete, noteUrl), HttpStatusCode.Forbidden);
        var list = await analyst.GetFromJsonAsync<JsonElement>($"{Org}/variants/{Key}/notes");
        Assert.That(list.EnumerateArray().Select(n => (n.GetProperty("text").GetString(), n.GetProperty("mine").GetBoolean())),
            Is.EqualTo(new[] { ("Seen in two families.", false), ("Segregates in 3 of 3 affected.", false) }), "the seeded note and this one, unchanged");

        Assert.That((await _curator.SendUnsafeAsync(HttpMethod.Delete, noteUrl)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await _curator.GetFromJsonAsync<JsonElement>($"{Org}/variants/{Key}/notes")).GetArrayLength(), Is.EqualTo(1));
        await using (var db = Database.CreateContext())
            Assert.That(await db.VariantNotes.IgnoreQueryFilters().Where(n => n.Id == note.GetProperty("id").GetGuid()).SelectMany(n => n.Revisions).CountAsync(),
                Is.EqualTo(2), "a deleted note's texts stay on record");

        await _curator.SendUnsafeAsync(HttpMethod.Put, $"{Org}/variants/{Key}/tags", new { tags = new[] { "founder", "artefact" } });
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        var tags = await (await supervisor.SendUnsafeAsync(HttpMethod.Put, $"{Org}/variants/{Key}/tags", new { tags = new[] { "Founder", "confirmed" } }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(tags.EnumerateArray().Select(t => (t.GetProperty("tag").GetString(), t.GetProperty("addedBy").GetProperty("userId").GetGuid())), Is.EqualTo(new[]
        {
            ("confirmed", _lab.Members[BuiltInRole.Supervisor].UserId), ("founder", _lab.Members[BuiltInRole.ClinicalCurator].UserId),
        }), "a kept tag keeps who added it; artefact is gone");
    }

    [Test]
    public async Task Gene_lists_filter_sets_and_saved_searches_feed_the_variant_table()
    {
        Assert.That(await IdsAsync($"?geneListId={_seeded.GeneListId}"), Is.EqualTo(new[] { 1 }), "the seeded panel holds vmA1 and vmC3");
        var list = await _curator.PostUnsafeAsync($"{Org}/gene-lists", new { name = "B panel", genes = new[] { "vmB2", "vmB2", " " } });
        var listId = (await list.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.That((await _curator.GetFromJsonAsync<JsonElement>($"{Org}/gene-lists")).EnumerateArray()
            .Single(l => l.GetProperty("id").GetGuid() == listId).GetProperty("genes").GetArrayLength(), Is.EqualTo(1), "duplicates and blanks dropped");
        Assert.That(await IdsAsync($"?geneListId={listId}&gene=vmA1"), Is.EqualTo(new[] { 1, 2 }), "a list adds to typed genes");
        await Problems.AssertProblemAsync(await _curator.PostUnsafeAsync($"{Org}/gene-lists", new { name = "b PANEL", genes = new[] { "x" } }), HttpStatusCode.Conflict);

        Assert.That(await IdsAsync($"?filterSetId={_seeded.FilterSetId}"), Is.EqualTo(new[] { 1 }), "the seeded set: maxPopulationAf 0.01");
        Assert.That(await IdsAsync($"?filterSetId={_seeded.FilterSetId}&maxPopulationAf=0.5"), Is.EqualTo(new[] { 1, 2 }), "the query's own filter wins");
        var badSet = await Problems.AssertProblemAsync(await _curator.PostUnsafeAsync($"{Org}/filter-sets", new { name = "Odd", filters = new { zygosity = "sometimes" } }),
            HttpStatusCode.BadRequest);
        Assert.That(badSet.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { "filters.zygosity" }));

        // A saved search pinned to "ce 1" (the seeded one) runs quietly here; after the bundle is re-versioned it says so.
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        var page = await supervisor.GetFromJsonAsync<JsonElement>($"{Variants}?savedSearchId={_seeded.SavedSearchId}");
        Assert.That(page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetInt32()), Is.EqualTo(new[] { 1 }), "zygosity het");
        Assert.That(page.GetProperty("notice").ValueKind, Is.EqualTo(JsonValueKind.Null));
        var saved = await (await _curator.PostUnsafeAsync($"{Org}/saved-searches",
            new { name = "Hom", filters = new { zygosity = "hom_alt" }, workspaceId = _lab.WorkspaceId, analysisId = _seeded.CompleteAnalysisId })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(saved.GetProperty("annotation").GetString(), Is.EqualTo("ce 1"));
        await using (var db = Database.CreateContext())
            await db.SavedSearches.IgnoreQueryFilters().Where(s => s.Id == saved.GetProperty("id").GetGuid())
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Annotation, "ce 0"));
        var stale = await _curator.GetFromJsonAsync<JsonElement>($"{Variants}?savedSearchId={saved.GetProperty("id").GetGuid()}");
        Assert.That(stale.GetProperty("notice").GetString(), Does.Contain("saved on variants annotated with ce 0").And.Contain("annotated with ce 1"));
        Assert.That(stale.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetInt32()), Is.EqualTo(new[] { 2 }));
        // Saved searches are one's own: another member neither lists nor uses them.
        Assert.That((await _curator.GetFromJsonAsync<JsonElement>($"{Org}/saved-searches")).EnumerateArray().Select(s => s.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "Hom" }));
        var notMine = await Problems.AssertProblemAsync(await _curator.GetAsync($"{Variants}?savedSearchId={_seeded.SavedSearchId}"), HttpStatusCode.BadRequest);
        Assert.That(notMine.GetProperty("errors").GetProperty("savedSearchId")[0].GetString(), Does.Contain("No such saved search of yours"));

        // The audit row keeps the filters in effect, saved ones included.
        await using var check = Database.CreateContext();
        var last = await check.AuditRecords.IgnoreQueryFilters().Where(r => r.OrganizationId == _lab.OrganizationId && r.Action == "read")
            .OrderByDescending(r => r.Sequence).Select(r => r.Changes).FirstAsync();
        Assert.That(last, Does.Contain("\"zygosity\":\"hom_alt\"").And.Contain("savedSearchId"));
    }

    private async Task<int[]> IdsAsync(string query)
    {
        var response = await _curator.GetAsync($"{Variants}{query}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetInt32()).ToArray();
    }
}

using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Auditing;
using VariantMiner.Domain.Samples;

namespace VariantMiner.WebApi.Tests.Variants;

/// <summary>
/// The variant table of an analysis: each filter, both sorts with keyset paging (no row lost or repeated), the bounded
/// total, bad parameters, visibility (a run's data only through a run one may read; a COMPLETE one) and the audit row
/// that keeps the filters. Rows are written straight to the database; the import is tested with real files elsewhere.
/// </summary>
public class VariantQueryTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;
    private SeededSamples _seeded = null!;
    private HttpClient _supervisor = null!;

    private string Workspace => $"/api/organizations/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}";
    private string Variants => $"{Workspace}/analyses/{_seeded.CompleteAnalysisId}/variants";

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Variant Lab");
        await using (var db = Database.CreateContext()) _seeded = await SeededSamples.CreateAsync(db, _lab);
        // Eight more rows (ids 3–10) on top of the seeded two (1: vmA1 missense het Pathogenic 0.0001; 2: vmB2 synonymous hom 0.25).
        await using (var db = Database.CreateContext())
        {
            var run = await db.Analyses.IgnoreQueryFilters().SingleAsync(a => a.Id == _seeded.CompleteAnalysisId);
            db.Variants.AddRange(
                SeededSamples.SeededVariant(run, 3, 30000, "A", "T", "vmB2", "stop_gained", "0/1", null, null),
                SeededSamples.SeededVariant(run, 4, 90000, "T", "C", null, null, "0/1", null, 0.02, quality: 12),
                SeededSamples.SeededVariant(run, 5, 120000, "G", "GA", "vmC3", "frameshift", "1/1", "Likely_pathogenic", 0.003),
                SeededSamples.SeededVariant(run, 6, 130000, "C", "T", "vmC3", "missense&inframe_altering", "0/1", "Uncertain_significance", null, gq: 5),
                SeededSamples.SeededVariant(run, 7, 140000, "C", "A", "vmC3", "intron", "0|1", "Benign", 0.4, dp: 3),
                SeededSamples.SeededVariant(run, 8, 500, "A", "G", "vmD4", "missense", "1", null, null, chrom: "CHROMOSOME_II"),
                SeededSamples.SeededVariant(run, 9, 900, "T", "A", "vmD4", "synonymous", "./.", null, 0.001, chrom: "CHROMOSOME_II"),
                SeededSamples.SeededVariant(run, 10, 1200, "G", "C", "vmD4", "missense", "0/1", "Pathogenic/Likely_pathogenic", 0.0, chrom: "CHROMOSOME_II"));
            await db.SaveChangesAsync();
        }
        _supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
    }

    private async Task<int[]> IdsAsync(string query)
    {
        var response = await _supervisor.GetAsync($"{Variants}{query}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var page = await response.Content.ReadFromJsonAsync<JsonElement>();
        return page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetInt32()).ToArray();
    }

    [Test]
    public async Task Each_filter_keeps_exactly_the_matching_rows()
    {
        Assert.That(await IdsAsync(""), Is.EqualTo(Enumerable.Range(1, 10)), "position order");
        Assert.That(await IdsAsync("?gene=vmC3,vmA1"), Is.EqualTo(new[] { 1, 5, 6, 7 }));
        Assert.That(await IdsAsync("?consequence=missense"), Is.EqualTo(new[] { 1, 6, 8, 10 }), "a combined consequence matches its parts");
        Assert.That(await IdsAsync("?consequence=stop_gained,frameshift"), Is.EqualTo(new[] { 3, 5 }));
        Assert.That(await IdsAsync("?maxPopulationAf=0.001"), Is.EqualTo(new[] { 1, 3, 6, 8, 9, 10 }), "absent from the population counts as rare");
        Assert.That(await IdsAsync("?clinicalSignificance=pathogenic"), Is.EqualTo(new[] { 1, 5, 10 }), "any ClinVar text containing the word");
        Assert.That(await IdsAsync("?clinicalSignificance=benign,uncertain"), Is.EqualTo(new[] { 6, 7 }));
        Assert.That(await IdsAsync("?zygosity=hom_alt"), Is.EqualTo(new[] { 2, 5 }));
        Assert.That(await IdsAsync("?zygosity=hemizygous,missing"), Is.EqualTo(new[] { 8, 9 }));
        Assert.That(await IdsAsync("?zygosity=het"), Is.EqualTo(new[] { 1, 3, 4, 6, 7, 10 }), "phased 0|1 is het too");
        Assert.That(await IdsAsync("?minQuality=20"), Is.EqualTo(new[] { 1, 2, 3, 5, 6, 7, 8, 9, 10 }));
        Assert.That(await IdsAsync("?minGq=10&minDp=10"), Is.EqualTo(new[] { 1, 2, 3, 4, 5, 8, 9, 10 }));
        Assert.That(await IdsAsync("?region=CHROMOSOME_I:25000-125000"), Is.EqualTo(new[] { 2, 3, 4, 5 }));
        Assert.That(await IdsAsync("?region=CHROMOSOME_II"), Is.EqualTo(new[] { 8, 9, 10 }));
        Assert.That(await IdsAsync("?gene=vmC3&consequence=missense,frameshift&maxPopulationAf=0.01"), Is.EqualTo(new[] { 5, 6 }), "filters combine with AND");
    }

    [Test]
    public async Task Both_sorts_page_through_every_row_once_and_the_total_counts_the_filter()
    {
        foreach (var sort in new[] { "position", "priority" })
        {
            var seen = new List<(int Id, double Priority)>();
            string? cursor = null;
            do
            {
                var page = await _supervisor.GetFromJsonAsync<JsonElement>($"{Variants}?sort={sort}&limit=3{(cursor is null ? "" : $"&cursor={cursor}")}");
                Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(10));
                Assert.That(page.GetProperty("totalCapped").GetBoolean(), Is.False);
                seen.AddRange(page.GetProperty("items").EnumerateArray().Select(v => (v.GetProperty("id").GetInt32(), v.GetProperty("priority").GetDouble())));
                cursor = page.GetProperty("nextCursor").GetString();
            } while (cursor is not null);
            Assert.That(seen.Select(s => s.Id), Is.EquivalentTo(Enumerable.Range(1, 10)), sort);
            Assert.That(seen.Select(s => s.Id).Distinct().Count(), Is.EqualTo(10), $"{sort}: no row twice");
            if (sort == "position") Assert.That(seen.Select(s => s.Id), Is.Ordered);
            else Assert.That(seen.Select(s => s.Priority), Is.Ordered.Descending);
        }
        var first = (await IdsAsync("?sort=priority&limit=2"));
        Assert.That(first, Is.EqualTo(new[] { 5, 1 }), "frameshift + likely pathogenic + rare, then missense + pathogenic + rare");
        var filtered = await _supervisor.GetFromJsonAsync<JsonElement>($"{Variants}?gene=vmD4&limit=1");
        Assert.That(filtered.GetProperty("total").GetInt32(), Is.EqualTo(3));
        var row = filtered.GetProperty("items")[0];
        Assert.That(row.GetProperty("key").GetString(), Is.EqualTo("WBcel235:CHROMOSOME_II:500:A:G"));
        Assert.That(row.GetProperty("calls")[0].GetProperty("sample").GetString(), Is.EqualTo("NA12878"));
        Assert.That(row.GetProperty("calls")[0].GetProperty("zygosity").GetString(), Is.EqualTo("hemizygous"));
        Assert.That(filtered.GetProperty("annotation").GetString(), Is.EqualTo("ce 1"));
    }

    [Test]
    public async Task Bad_parameters_are_400_problems_naming_the_field()
    {
        foreach (var (query, field) in new[]
        {
            ("?zygosity=sometimes", "Zygosity"), ("?region=chr1:9-3", "Region"), ("?sort=random", "Sort"), ("?maxPopulationAf=2", "MaxPopulationAf"),
            ("?limit=0", "Limit"), ("?cursor=!!!", "cursor"), ("?sort=priority&cursor=MQ", "cursor"),
        })
        {
            var problem = await Problems.AssertProblemAsync(await _supervisor.GetAsync($"{Variants}{query}"), HttpStatusCode.BadRequest);
            Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Does.Contain(field).IgnoreCase, query);
        }
    }

    [Test]
    public async Task Variants_are_read_only_through_a_complete_run_one_may_read_and_each_read_is_audited_with_its_filters()
    {
        var supervisorId = _lab.Members[BuiltInRole.Supervisor].UserId;
        var now = DateTimeOffset.UtcNow;
        Guid hiddenRun, sub;
        await using (var db = Database.CreateContext())
        {
            var hidden = new Sample(_lab.OrganizationId, _lab.WorkspaceId, "HG002", "WES", null, supervisorId, now); // assigned to nobody
            db.Samples.Add(hidden);
            var main = new Analysis(_lab.OrganizationId, _lab.WorkspaceId, "germline-fastq", "{}", [hidden.Id], [], ["align"], supervisorId, now);
            var subRun = new Analysis(_lab.OrganizationId, _lab.WorkspaceId, "gene-list-filter", "{}", [hidden.Id], [], ["filter"], supervisorId, now,
                parentId: main.Id, kind: "gene-list");
            foreach (var r in new[] { main, subRun })
            {
                r.VariantsImported(1, ["HG002"]);
                r.Finish(AnalysisStatus.COMPLETE, now);
            }
            db.Analyses.AddRange(main, subRun);
            db.Variants.AddRange(SeededSamples.SeededVariant(main, 1, 100, "A", "C", "vmA1", "missense", "0/1", null, null),
                SeededSamples.SeededVariant(subRun, 1, 100, "A", "C", "vmA1", "missense", "0/1", null, null));
            await db.SaveChangesAsync();
            (hiddenRun, sub) = (main.Id, subRun.Id);
        }
        var writer = _lab.Members[BuiltInRole.ReportWriter];
        Assert.That((await _supervisor.SendUnsafeAsync(HttpMethod.Put, $"{Workspace}/analyses/{sub}/assignees", new { userIds = new[] { writer.UserId } })).StatusCode,
            Is.EqualTo(HttpStatusCode.OK));
        var writerClient = await Factory.SignedInClientAsync(writer.Email);
        Assert.That((await writerClient.GetAsync($"{Workspace}/analyses/{sub}/variants")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the assigned sub-analysis");
        await Problems.AssertProblemAsync(await writerClient.GetAsync($"{Workspace}/analyses/{hiddenRun}/variants"), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await writerClient.GetAsync($"{Workspace}/analyses/{hiddenRun}/variants/1"), HttpStatusCode.NotFound);
        // The run pages say so: a variant count only where the variants may be read (the SPA links to them by it).
        Assert.That((await writerClient.GetFromJsonAsync<JsonElement>($"{Workspace}/analyses/{hiddenRun}")).GetProperty("variantCount").ValueKind,
            Is.EqualTo(JsonValueKind.Null));
        Assert.That((await writerClient.GetFromJsonAsync<JsonElement>($"{Workspace}/analyses/{sub}")).GetProperty("variantCount").GetInt32(), Is.EqualTo(1));
        var analyst = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email);
        await Problems.AssertProblemAsync(await analyst.GetAsync($"{Workspace}/analyses/{hiddenRun}/variants"), HttpStatusCode.NotFound);
        var queued = await Problems.AssertProblemAsync(await _supervisor.GetAsync($"{Workspace}/analyses/{_seeded.AnalysisId}/variants"), HttpStatusCode.Conflict);
        Assert.That(queued.GetProperty("detail").GetString(), Does.Contain("once it is COMPLETE"));
        await Problems.AssertProblemAsync(await _supervisor.GetAsync($"{Variants}/99"), HttpStatusCode.NotFound);

        var detail = await _supervisor.GetFromJsonAsync<JsonElement>($"{Variants}/1");
        Assert.That(detail.GetProperty("consequences")[0].GetProperty("proteinChange").GetString(), Is.EqualTo("1A>1B"));
        await _supervisor.GetAsync($"{Variants}?gene=vmC3&zygosity=het&maxPopulationAf=0.01");
        await using var check = Database.CreateContext();
        var reads = await check.AuditRecords.IgnoreQueryFilters()
            .Where(r => r.OrganizationId == _lab.OrganizationId && r.Action == AuditRecord.Read && r.EntityId == _seeded.CompleteAnalysisId.ToString())
            .OrderBy(r => r.Sequence).Select(r => new { r.Changes, r.ActorUserId }).ToListAsync();
        Assert.That(reads.Select(r => r.ActorUserId), Is.All.EqualTo(supervisorId));
        Assert.That(reads[^2].Changes, Does.Contain("\"variant\":1"));
        Assert.That(reads[^1].Changes, Does.Contain("\"gene\":\"vmC3\"").And.Contain("\"zygosity\":\"het\"").And.Contain("\"maxPopulationAf\":0.01"),
            "an auditor sees the filters used");
    }
}

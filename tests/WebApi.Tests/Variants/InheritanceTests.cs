using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Samples;
using VariantMiner.Domain.Variants;
using VariantMiner.WebApi.Tests.Analyses;

namespace VariantMiner.WebApi.Tests.Variants;

/// <summary>
/// The inheritance sub-analysis on a trio's stored genotypes, through the real worker: de novo, homozygous recessive
/// and compound heterozygous keep exactly the proband's variants that fit, with both parents' calls; a proband without
/// recorded parents, or a parent without an analysis one may see, is refused with the reason.
/// </summary>
[NonParallelizable]
public class InheritanceTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;
    private SeededSamples _seeded = null!;
    private HttpClient _supervisor = null!;
    private Guid _proband, _childSubject;

    protected override IReadOnlyDictionary<string, string> HostSettings => AnalysisWorld.RunningHost(AnalysisWorld.PipelinesWithTestOnes());

    private string Workspace => $"/api/organizations/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}";

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Family Lab");
        await using (var db = Database.CreateContext()) _seeded = await SeededSamples.CreateAsync(db, _lab, queueRun: false);
        var by = _lab.Members[BuiltInRole.Supervisor].UserId;
        var now = DateTimeOffset.UtcNow;
        await using (var db = Database.CreateContext())
        {
            var father = new Subject(_lab.OrganizationId, _lab.WorkspaceId, "F-1", Sex.Male, null, [], null, by, now);
            var mother = new Subject(_lab.OrganizationId, _lab.WorkspaceId, "M-1", Sex.Female, null, [], null, by, now);
            var child = new Subject(_lab.OrganizationId, _lab.WorkspaceId, "C-1", Sex.Female, null, [], null, by, now);
            db.Subjects.AddRange(father, mother, child);
            await db.SaveChangesAsync();
            child.SetParents(father, mother, new HashSet<Guid> { father.Id, mother.Id });
            child.SetAffected(Affection.Affected);
            Analysis Run(Subject subject, string name, params (long Pos, string Gt, string? Gene)[] calls)
            {
                var sample = new Sample(_lab.OrganizationId, _lab.WorkspaceId, name, "WES", subject.Id, by, now);
                db.Samples.Add(sample);
                var run = new Analysis(_lab.OrganizationId, _lab.WorkspaceId, "germline-fastq", "{}", [sample.Id], [], ["align"], by, now,
                    referenceBundleId: _seeded.ReferenceId);
                run.VariantsImported(calls.Length, [name]);
                run.Finish(AnalysisStatus.COMPLETE, now);
                db.Analyses.Add(run);
                db.Variants.AddRange(calls.Select((c, i) => SeededSamples.SeededVariant(run, i + 1, c.Pos, "A", "C", c.Gene, c.Gene is null ? null : "missense", c.Gt, null, null)));
                return run;
            }
            var proband = Run(child, "C1-WES",
                (100, "0/1", "g0"),   // absent in both parents: de novo
                (200, "0/1", "g1"),   // father het, mother absent: from the father
                (300, "0/1", "g1"),   // mother het, father hom ref: from the mother → g1 is compound het
                (400, "1/1", "g2"),   // both parents het: homozygous recessive
                (500, "0/1", "g3"),   // from the father only, and g3 has nothing from the mother
                (600, "0/1", "g4"),   // both parents het: neither
                (700, "1/1", "g5"));  // father hom alt: neither
            Run(father, "F1-WES", (200, "0/1", "g1"), (300, "0/0", "g1"), (400, "0/1", "g2"), (500, "0/1", "g3"), (600, "0/1", "g4"), (700, "1/1", "g5"));
            Run(mother, "M1-WES", (300, "0/1", "g1"), (400, "1/0", "g2"), (600, "0/1", "g4"));
            await db.SaveChangesAsync();
            (_proband, _childSubject) = (proband.Id, child.Id);
        }
        _supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
    }

    private async Task<JsonElement> LaunchAsync(string mode)
    {
        var launched = await _supervisor.PostUnsafeAsync($"{Workspace}/analyses/{_proband}/sub-analyses", new { kind = "inheritance", parameters = new { mode } });
        Assert.That(launched.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await launched.Content.ReadAsStringAsync());
        return await AnalysisWorld.WaitForRunAsync(_supervisor, launched.Headers.Location!.OriginalString, timeoutSeconds: 60);
    }

    [Test]
    public async Task Each_pattern_keeps_exactly_the_fitting_variants_with_the_parents_calls()
    {
        foreach (var (mode, expected) in new[] { ("de_novo", new long[] { 100 }), ("hom_recessive", [400]), ("compound_het", [200, 300]) })
        {
            var run = await LaunchAsync(mode);
            Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("COMPLETE"), run.ToString());
            Assert.That(run.GetProperty("samples").GetArrayLength(), Is.EqualTo(3), "the proband's and both parents' samples");
            var page = await _supervisor.GetFromJsonAsync<JsonElement>($"{Workspace}/analyses/{run.GetProperty("id").GetGuid()}/variants");
            var rows = page.GetProperty("items").EnumerateArray().ToList();
            Assert.That(rows.Select(v => v.GetProperty("position").GetInt64()), Is.EqualTo(expected), mode);
            Assert.That(rows.Select(v => v.GetProperty("id").GetInt32()), Is.EqualTo(Enumerable.Range(1, expected.Length)), "numbered again");
            var calls = rows[0].GetProperty("calls").EnumerateArray().Select(c => (c.GetProperty("sample").GetString(), c.GetProperty("gt").GetString())).ToList();
            Assert.That(calls.Select(c => c.Item1), Is.EqualTo(new[] { "C1-WES", "F1-WES", "M1-WES" }));
            if (mode == "de_novo") Assert.That(calls.Select(c => c.Item2), Is.EqualTo(new[] { "0/1", "./.", "./." }), "not called in the parents");
            if (mode == "hom_recessive") Assert.That(calls.Select(c => c.Item2), Is.EqualTo(new[] { "1/1", "0/1", "1/0" }));
        }
    }

    [Test]
    public async Task A_proband_without_parents_or_a_parent_without_an_analysis_is_refused_with_the_reason()
    {
        await using (var db = Database.CreateContext())
        {
            var child = await db.Subjects.IgnoreQueryFilters().SingleAsync(s => s.Id == _childSubject);
            child.SetParents(null, null, new HashSet<Guid>());
            await db.SaveChangesAsync();
        }
        var none = await Problems.AssertProblemAsync(
            await _supervisor.PostUnsafeAsync($"{Workspace}/analyses/{_proband}/sub-analyses", new { kind = "inheritance", parameters = new { mode = "de_novo" } }),
            HttpStatusCode.BadRequest);
        Assert.That(none.GetProperty("errors").GetProperty("kind")[0].GetString(), Does.Contain("C-1 has no recorded father"));

        var bad = await Problems.AssertProblemAsync(
            await _supervisor.PostUnsafeAsync($"{Workspace}/analyses/{_proband}/sub-analyses", new { kind = "inheritance", parameters = new { mode = "dominant" } }),
            HttpStatusCode.BadRequest);
        Assert.That(bad.GetProperty("errors").EnumerateObject().Select(e => e.Name), Does.Contain("parameters.mode"));

        // The parents recorded again, but the mother's only analysis is gone.
        await using (var db = Database.CreateContext())
        {
            var child = await db.Subjects.IgnoreQueryFilters().SingleAsync(s => s.Id == _childSubject);
            var parents = await db.Subjects.IgnoreQueryFilters().Where(s => s.ExternalId == "F-1" || s.ExternalId == "M-1").ToListAsync();
            child.SetParents(parents.Single(p => p.ExternalId == "F-1"), parents.Single(p => p.ExternalId == "M-1"), new HashSet<Guid>());
            await db.SaveChangesAsync();
            var motherSample = await db.Samples.IgnoreQueryFilters().SingleAsync(s => s.Name == "M1-WES");
            await db.Analyses.IgnoreQueryFilters().Where(a => a.Samples.Any(s => s.SampleId == motherSample.Id)).ExecuteDeleteAsync();
        }
        var noAnalysis = await Problems.AssertProblemAsync(
            await _supervisor.PostUnsafeAsync($"{Workspace}/analyses/{_proband}/sub-analyses", new { kind = "inheritance", parameters = new { mode = "de_novo" } }),
            HttpStatusCode.BadRequest);
        Assert.That(noAnalysis.GetProperty("errors").GetProperty("kind")[0].GetString(), Does.Contain("The mother of C-1 has no finished analysis"));
        await using (var check = Database.CreateContext())
            Assert.That(await check.Analyses.IgnoreQueryFilters().CountAsync(a => a.ParentId == _proband), Is.Zero, "nothing launched");
    }
}

using System.IO.Compression;
using VariantMiner.Domain.Analyses;

namespace VariantMiner.WebApi.Tests.Analyses;

/// <summary>
/// Real runs through the real host with cwltool: the germline pipeline on reads simulated from ce.fa calls the planted
/// variants and its outputs become files of the sample; a failing step ends in EXECUTOR_ERROR naming it; a cancel kills
/// the engine's whole process tree. (Toil: <see cref="ToilRunTests"/>; a killed worker: <see cref="KilledWorkerTests"/>.)
/// </summary>
[NonParallelizable]
public class PipelineRunTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private static readonly string Pipelines = AnalysisWorld.PipelinesWithTestOnes();
    private SeededLab _lab = null!;
    private SeededSamples _samples = null!;
    private HttpClient _supervisor = null!;

    protected override IReadOnlyDictionary<string, string> HostSettings => AnalysisWorld.RunningHost(Pipelines);

    private string Workspace => $"/api/organizations/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}";

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Pipeline Lab");
        await using (var db = Database.CreateContext()) _samples = await SeededSamples.CreateAsync(db, _lab, queueRun: false);
        _supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
    }

    [Test]
    public async Task The_germline_pipeline_calls_the_planted_variants_and_its_outputs_become_files_of_the_sample()
    {
        var reads = AnalysisWorld.Simulate(Path.Combine(Database.DataDirectory, "reads"), pairs: 156_000); // 30× of ce.fa's 1.04 Mb
        // Annotation sources made from the truth: the first 20 SNVs are "Pathogenic" in a ClinVar-like file, the first 40
        // have a population frequency (odd ones 0.2, even ones 0.0005).
        var truthSnvs = AnalysisWorld.Run(Path.GetDirectoryName(reads.TruthVcf)!, "bcftools", "view", "-H", "-v", "snps", reads.TruthVcf)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).Where(f => !f[4].Contains(',')).Take(40).ToList();
        static string Annotation(string info, IEnumerable<string> rows) =>
            "##fileformat=VCFv4.2\n" + string.Concat(new[] { "I", "II", "III", "IV", "V", "X", "MtDNA" }.Select(c => $"##contig=<ID=CHROMOSOME_{c}>\n")) +
            info + "\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" + string.Concat(rows.Select(r => r + "\n"));
        var clinVar = Annotation("##INFO=<ID=CLNSIG,Number=.,Type=String,Description=\"Clinical significance\">",
            truthSnvs.Take(20).Select(f => $"{f[0]}\t{f[1]}\t.\t{f[3]}\t{f[4]}\t.\t.\tCLNSIG=Pathogenic"));
        var frequencies = Annotation("##INFO=<ID=AF,Number=A,Type=Float,Description=\"Allele frequency\">",
            truthSnvs.Select((f, i) => $"{f[0]}\t{f[1]}\t.\t{f[3]}\t{f[4]}\t.\t.\tAF={(i % 2 == 1 ? "0.2" : "0.0005")}"));
        var reference = await AnalysisWorld.CreateReferenceAsync(_supervisor, _lab.OrganizationId, Workspace, ("clinvar.vcf", clinVar), ("frequencies.vcf", frequencies));
        await AnalysisWorld.UploadAsync(_supervisor, Workspace, await File.ReadAllBytesAsync(reads.Read1), "S1_R1.fastq.gz", "fastq", _samples.SampleId, 1);
        await AnalysisWorld.UploadAsync(_supervisor, Workspace, await File.ReadAllBytesAsync(reads.Read2), "S1_R2.fastq.gz", "fastq", _samples.SampleId, 2);
        // The seeded empty FASTQ would make the read-1 input ambiguous; it goes.
        Assert.That((await _supervisor.SendUnsafeAsync(HttpMethod.Delete, $"{Workspace}/files/{_samples.FileId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var workflow = await _supervisor.PostUnsafeAsync($"/api/organizations/{_lab.OrganizationId}/workflows",
            new { name = "Germline 30x", pipeline = "germline-fastq", parameters = new { reference } });
        Assert.That(workflow.StatusCode, Is.EqualTo(HttpStatusCode.Created), await workflow.Content.ReadAsStringAsync());
        var workflowId = (await workflow.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        long usedBefore;
        await using (var db = Database.CreateContext())
            usedBefore = await db.Organizations.IgnoreQueryFilters().Where(o => o.Id == _lab.OrganizationId).Select(o => o.StorageUsedBytes).SingleAsync();

        // An Analyst (workflow launches only) runs it on the sample assigned to them.
        var analyst = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email);
        var launched = await analyst.PostUnsafeAsync($"{Workspace}/analyses", new { sampleIds = new[] { _samples.SampleId }, workflowId });
        Assert.That(launched.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await launched.Content.ReadAsStringAsync());
        var runUrl = launched.Headers.Location!.OriginalString;
        var run = await AnalysisWorld.WaitForRunAsync(analyst, runUrl);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("COMPLETE"), run.ToString());
        Assert.That(run.GetProperty("steps").EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("status").GetString())),
            Is.EqualTo(new[] { "align", "index", "alignment_qc", "call", "normalize", "annotate", "variant_qc", "import" }.Select(n => ((string?)n, (string?)"COMPLETE"))));
        Assert.That(run.GetProperty("wallSeconds").GetDouble(), Is.GreaterThan(0));
        Assert.That(run.GetProperty("cpuSeconds").GetDouble(), Is.GreaterThan(1), "bwa and bcftools are descendants of the engine: their CPU time counts");
        // The engine's steps have CPU figures; the import runs in the worker itself (its time is in the run's wall time).
        var stepCpu = run.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("name").GetString() != "import")
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("cpuSeconds").GetDouble());
        Assert.That(stepCpu["align"], Is.GreaterThan(1), "bwa mem on 156,000 read pairs");
        Assert.That(stepCpu.Values.Sum(), Is.LessThanOrEqualTo(run.GetProperty("cpuSeconds").GetDouble()), "the steps are part of the run's CPU time");
        Assert.That(stepCpu["align"], Is.GreaterThan(stepCpu["variant_qc"]), "each step has its own figure");
        Assert.That(run.GetProperty("reference").GetProperty("id").GetGuid(), Is.EqualTo(reference));
        var outputs = run.GetProperty("outputs").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f);
        Assert.That(outputs.Keys, Is.EquivalentTo(new[]
        {
            "NA12878.vcf.gz", "NA12878.vcf.gz.tbi", "aligned.bam", "aligned.bam.bai", "flagstat.txt", "samtools-stats.txt", "bcftools-stats.txt",
        }));
        Assert.That(outputs["NA12878.vcf.gz"].GetProperty("kind").GetString(), Is.EqualTo("vcf"));
        Assert.That(outputs["aligned.bam"].GetProperty("kind").GetString(), Is.EqualTo("bam"));
        Assert.That(outputs.Values.All(f => f.GetProperty("sampleId").GetGuid() == _samples.SampleId));
        await using (var db = Database.CreateContext())
        {
            var used = await db.Organizations.IgnoreQueryFilters().Where(o => o.Id == _lab.OrganizationId).Select(o => o.StorageUsedBytes).SingleAsync();
            Assert.That(used - usedBefore, Is.EqualTo(outputs.Values.Sum(f => f.GetProperty("sizeBytes").GetInt64())), "outputs count against the quota, exactly");
        }
        Assert.That(await analyst.GetStringAsync($"{runUrl}/log"), Does.Contain("[step call] completed success"));

        // Recall and precision against dwgsim's truth (both normalised the same way), on (chrom, pos, ref, alt).
        var vcfId = outputs["NA12878.vcf.gz"].GetProperty("id").GetGuid();
        await using var content = await analyst.GetStreamAsync($"{Workspace}/files/{vcfId}/content");
        var called = Variants(new StreamReader(new GZipStream(content, CompressionMode.Decompress)).ReadToEnd());
        var folder = Path.GetDirectoryName(reads.TruthVcf)!;
        var truth = Variants(AnalysisWorld.Run(folder, "bcftools", "norm", "-m", "-any", "-f", AnalysisWorld.Genome, reads.TruthVcf));
        var found = called.Intersect(truth).Count();
        double recall = (double)found / truth.Count, precision = (double)found / called.Count;
        TestContext.Out.WriteLine($"truth {truth.Count}, called {called.Count}, recall {recall:0.000}, precision {precision:0.000}");
        // Measured on this data (bench/README.md, "Germline recall"): recall 0.957, precision 1.000 at 30×; the margin allows
        // for bwa's multi-threaded placement of a few reads.
        Assert.That(recall, Is.GreaterThan(0.90));
        Assert.That(precision, Is.GreaterThan(0.98));

        // The imported variant rows are exactly what bcftools reads from the VCF (split per ALT, with the GT), annotated.
        var vcfPath = Path.Combine(folder, "called.vcf.gz");
        await using (var file = File.Create(vcfPath))
        await using (var bytes = await analyst.GetStreamAsync($"{Workspace}/files/{vcfId}/content")) await bytes.CopyToAsync(file);
        var expected = AnalysisWorld.Run(folder, "sh", "-c", $"bcftools norm -m- -Ov {vcfPath} | bcftools query -f '%CHROM:%POS:%REF:%ALT:[%GT]\\n'")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToList();
        var imported = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await analyst.GetFromJsonAsync<JsonElement>($"{runUrl}/variants?limit=500{(cursor is null ? "" : $"&cursor={cursor}")}");
            imported.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        Assert.That(imported.Select(v => $"{v.GetProperty("chrom").GetString()}:{v.GetProperty("position").GetInt64()}:{v.GetProperty("ref").GetString()}:" +
            $"{v.GetProperty("alt").GetString()}:{v.GetProperty("calls")[0].GetProperty("gt").GetString()}").Order().ToList(), Is.EqualTo(expected));
        Assert.That(run.GetProperty("steps").EnumerateArray().Last().GetProperty("name").GetString(), Is.EqualTo("import"));
        var byPosition = imported.ToDictionary(v => $"{v.GetProperty("chrom").GetString()}:{v.GetProperty("position").GetInt64()}:{v.GetProperty("ref").GetString()}:{v.GetProperty("alt").GetString()}");
        var pathogenic = truthSnvs.Take(20).Select(f => $"{f[0]}:{f[1]}:{f[3]}:{f[4]}").Where(byPosition.ContainsKey).ToList();
        Assert.That(pathogenic, Is.Not.Empty);
        Assert.That(pathogenic.Select(k => byPosition[k].GetProperty("clinVar").GetString()), Is.All.EqualTo("Pathogenic"), "ClinVar copied by position and alleles");
        Assert.That(imported.Count(v => v.GetProperty("clinVar").GetString() == "Pathogenic"), Is.EqualTo(pathogenic.Count), "and nowhere else");
        var withAf = truthSnvs.Select((f, i) => (Key: $"{f[0]}:{f[1]}:{f[3]}:{f[4]}", Af: i % 2 == 1 ? 0.2 : 0.0005)).Where(t => byPosition.ContainsKey(t.Key)).ToList();
        Assert.That(withAf.Select(t => byPosition[t.Key].GetProperty("populationAf").GetDouble()), Is.EqualTo(withAf.Select(t => t.Af)));
        var inVmA1 = imported.Where(v => v.GetProperty("chrom").GetString() == "CHROMOSOME_I" && v.GetProperty("position").GetInt64() is >= 1001 and <= 4999).ToList();
        Assert.That(inVmA1, Is.Not.Empty);
        Assert.That(inVmA1.Select(v => v.GetProperty("gene").GetString()), Is.All.EqualTo("vmA1"), "bcftools csq with the bundle's gene models");
        Assert.That(inVmA1.Select(v => v.GetProperty("consequence").GetString()), Is.All.Not.Null);
        var rare = await analyst.GetFromJsonAsync<JsonElement>($"{runUrl}/variants?clinicalSignificance=pathogenic&maxPopulationAf=0.001&limit=500");
        Assert.That(rare.GetProperty("total").GetInt32(),
            Is.EqualTo(pathogenic.Count(k => withAf.All(t => t.Key != k || t.Af <= 0.001))), "the filters read the imported annotation");

        // A gene-list sub-analysis of this run (analyses.launch.sub: the Analyst has it), assigned to a Report Writer
        // who does not see the sample.
        var sub = await analyst.PostUnsafeAsync($"{runUrl}/sub-analyses", new { kind = "gene-list", parameters = new { genes = "vmA1, vmC3" } });
        Assert.That(sub.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await sub.Content.ReadAsStringAsync());
        var subUrl = sub.Headers.Location!.OriginalString;
        var subRun = await AnalysisWorld.WaitForRunAsync(analyst, subUrl);
        Assert.That(subRun.GetProperty("status").GetString(), Is.EqualTo("COMPLETE"), subRun.ToString());
        Assert.That(subRun.GetProperty("parentId").GetGuid(), Is.EqualTo(run.GetProperty("id").GetGuid()));
        Assert.That(subRun.GetProperty("kind").GetString(), Is.EqualTo("gene-list"));
        var subVcf = subRun.GetProperty("outputs").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "vcf");
        await using var subContent = await analyst.GetStreamAsync($"{Workspace}/files/{subVcf.GetProperty("id").GetGuid()}/content");
        var inGenes = Variants(new StreamReader(new GZipStream(subContent, CompressionMode.Decompress)).ReadToEnd());
        static bool InGenes(string v)
        {
            var f = v.Split(':');
            var pos = int.Parse(f[1]);
            return f[0] == "CHROMOSOME_I" && (pos is >= 1001 and <= 5000 || pos is >= 100001 and <= 150000);
        }
        Assert.That(inGenes, Is.EquivalentTo(called.Where(InGenes)), "exactly the main analysis's variants inside vmA1 and vmC3");
        Assert.That(inGenes, Is.Not.Empty);

        // Re-annotation with a newer bundle whose ClinVar names other variants (truth SNVs 21–40): the variants are
        // annotated afresh — the new ones Pathogenic, the earlier 20 no longer (nothing stale is left).
        var clinVar2 = Annotation("##INFO=<ID=CLNSIG,Number=.,Type=String,Description=\"Clinical significance\">",
            truthSnvs.Skip(20).Select(f => $"{f[0]}\t{f[1]}\t.\t{f[3]}\t{f[4]}\t.\t.\tCLNSIG=Pathogenic"));
        var newer = await AnalysisWorld.CreateReferenceAsync(_supervisor, _lab.OrganizationId, Workspace, "2", ("clinvar-2.vcf", clinVar2));
        var re = await analyst.PostUnsafeAsync($"{runUrl}/sub-analyses", new { kind = "re-annotation", parameters = new { reference = newer } });
        Assert.That(re.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await re.Content.ReadAsStringAsync());
        var reUrl = re.Headers.Location!.OriginalString;
        var reRun = await AnalysisWorld.WaitForRunAsync(analyst, reUrl);
        Assert.That(reRun.GetProperty("status").GetString(), Is.EqualTo("COMPLETE"), reRun.ToString());
        var reVariants = await analyst.GetFromJsonAsync<JsonElement>($"{reUrl}/variants?clinicalSignificance=pathogenic&limit=500");
        Assert.That(reVariants.GetProperty("annotation").GetString(), Is.EqualTo("C. elegans test genome 2"));
        var newPathogenic = truthSnvs.Skip(20).Select(f => $"{f[0]}:{f[1]}:{f[3]}:{f[4]}").Where(byPosition.ContainsKey).ToList();
        Assert.That(reVariants.GetProperty("items").EnumerateArray()
                .Select(v => $"{v.GetProperty("chrom").GetString()}:{v.GetProperty("position").GetInt64()}:{v.GetProperty("ref").GetString()}:{v.GetProperty("alt").GetString()}"),
            Is.EquivalentTo(newPathogenic), "only the newer bundle's ClinVar");
        Assert.That((await analyst.GetFromJsonAsync<JsonElement>($"{reUrl}/variants?limit=1")).GetProperty("total").GetInt32(),
            Is.EqualTo(Math.Min(imported.Count, 1000)), "every variant, annotated again");
    }

    private static HashSet<string> Variants(string vcf) =>
        vcf.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t')).Select(f => $"{f[0]}:{f[1]}:{f[3]}:{f[4]}").ToHashSet();

    [Test]
    public async Task A_failing_step_ends_the_run_in_EXECUTOR_ERROR_naming_the_step_and_registers_nothing()
    {
        var reference = await AnalysisWorld.CreateReferenceAsync(_supervisor, _lab.OrganizationId, Workspace);
        // ce.fa has TAAGC at CHROMOSOME_I:100; this VCF claims GGGGG there: the intake's REF check refuses it.
        var vcf = "##fileformat=VCFv4.2\n##contig=<ID=CHROMOSOME_I,length=1009800>\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" +
            "CHROMOSOME_I\t100\t.\tGGGGG\tG\t50\tPASS\t.\n";
        var wrong = await AnalysisWorld.UploadAsync(_supervisor, Workspace, System.Text.Encoding.ASCII.GetBytes(vcf), "wrong.vcf", "vcf", _samples.SampleId);
        // The sample has another VCF (an earlier analysis's output): the launch names the one to read.
        var ambiguous = await _supervisor.PostUnsafeAsync($"{Workspace}/analyses",
            new { sampleIds = new[] { _samples.SampleId }, pipeline = "vcf-intake", parameters = new { reference } });
        Assert.That((await Problems.AssertProblemAsync(ambiguous, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("fileIds")[0].GetString(),
            Does.Contain("choose one"));
        var launched = await _supervisor.PostUnsafeAsync($"{Workspace}/analyses",
            new { sampleIds = new[] { _samples.SampleId }, pipeline = "vcf-intake", parameters = new { reference }, fileIds = new[] { wrong } });
        Assert.That(launched.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await launched.Content.ReadAsStringAsync());
        var run = await AnalysisWorld.WaitForRunAsync(_supervisor, launched.Headers.Location!.OriginalString);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("EXECUTOR_ERROR"));
        Assert.That(run.GetProperty("reason").GetString(), Does.Contain("The step validate failed"));
        Assert.That(run.GetProperty("steps")[0].GetProperty("status").GetString(), Is.EqualTo("EXECUTOR_ERROR"));
        Assert.That(run.GetProperty("outputs").GetArrayLength(), Is.Zero);
        await using var db = Database.CreateContext();
        var id = run.GetProperty("id").GetGuid();
        Assert.That(await db.StoredFiles.IgnoreQueryFilters().CountAsync(f => f.AnalysisId == id), Is.Zero);
    }

    [Test]
    public async Task A_run_whose_files_exceed_the_free_storage_stops_before_its_last_step_and_keeps_nothing()
    {
        long used;
        await using (var db = Database.CreateContext())
        {
            used = await db.Organizations.IgnoreQueryFilters().Where(o => o.Id == _lab.OrganizationId).Select(o => o.StorageUsedBytes).SingleAsync();
            await db.Organizations.IgnoreQueryFilters().Where(o => o.Id == _lab.OrganizationId)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.StorageQuotaBytes, used + 100 * 1024));
        }
        var launched = await _supervisor.PostUnsafeAsync($"{Workspace}/analyses",
            new { sampleIds = new[] { _samples.SampleId }, pipeline = "test-fill", parameters = new { kib = 300 } });
        Assert.That(launched.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await launched.Content.ReadAsStringAsync());
        var run = await AnalysisWorld.WaitForRunAsync(_supervisor, launched.Headers.Location!.OriginalString);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("EXECUTOR_ERROR"));
        Assert.That(run.GetProperty("reason").GetString(), Does.StartWith("Stopped before its last step").And.Contain("300.0 KiB").And.Contain("100.0 KiB"));
        var steps = run.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("status").GetString());
        Assert.That(steps["fill"], Is.EqualTo("COMPLETE"));
        Assert.That(steps["finish"], Is.Not.EqualTo("COMPLETE"), "the last step did not run to its end");
        Assert.That(run.GetProperty("outputs").GetArrayLength(), Is.Zero);
        await using (var db = Database.CreateContext())
            Assert.That(await db.Organizations.IgnoreQueryFilters().Where(o => o.Id == _lab.OrganizationId).Select(o => o.StorageUsedBytes).SingleAsync(),
                Is.EqualTo(used), "nothing was counted");

        // With room for it, the same run completes.
        await using (var db = Database.CreateContext())
            await db.Organizations.IgnoreQueryFilters().Where(o => o.Id == _lab.OrganizationId)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.StorageQuotaBytes, used + 10 * 1024 * 1024));
        var again = await _supervisor.PostUnsafeAsync($"{Workspace}/analyses",
            new { sampleIds = new[] { _samples.SampleId }, pipeline = "test-fill", parameters = new { kib = 300 } });
        Assert.That((await AnalysisWorld.WaitForRunAsync(_supervisor, again.Headers.Location!.OriginalString)).GetProperty("status").GetString(), Is.EqualTo("COMPLETE"));
    }

    [Test]
    public async Task Cancelling_a_running_analysis_kills_the_engines_process_tree()
    {
        var launched = await _supervisor.PostUnsafeAsync($"{Workspace}/analyses",
            new { sampleIds = new[] { _samples.SampleId }, pipeline = "test-slow", parameters = new { seconds = 3517 } });
        Assert.That(launched.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await launched.Content.ReadAsStringAsync());
        var runUrl = launched.Headers.Location!.OriginalString;
        await AnalysisWorld.WaitForRunAsync(_supervisor, runUrl, r => r.GetProperty("steps")[0].GetProperty("status").GetString() == "RUNNING", 60);
        for (var i = 0; i < 40 && !AnalysisWorld.ProcessRunning("sleep 3517"); i++) await Task.Delay(250);
        Assert.That(AnalysisWorld.ProcessRunning("sleep 3517"), Is.True, "the step's tool runs");

        var cancel = await _supervisor.PostUnsafeAsync($"{runUrl}/cancel");
        Assert.That((await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString(), Is.EqualTo("CANCELING"));
        var run = await AnalysisWorld.WaitForRunAsync(_supervisor, runUrl, timeoutSeconds: 30);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("CANCELED"));
        Assert.That(run.GetProperty("steps")[0].GetProperty("status").GetString(), Is.EqualTo("CANCELED"));
        Assert.That(AnalysisWorld.ProcessRunning("sleep 3517"), Is.False, "the tool three processes below the worker is gone");
        Assert.That(run.GetProperty("outputs").GetArrayLength(), Is.Zero);
        var again = await _supervisor.PostUnsafeAsync($"{runUrl}/cancel");
        await Problems.AssertProblemAsync(again, HttpStatusCode.Conflict);
    }
}

namespace VariantMiner.WebApi.Tests.Analyses;

/// <summary>
/// The same CWL on Toil (toil-cwl-runner with its single-machine batch system, the configuration a cluster installation
/// changes to slurm, kubernetes, lsf…): the VCF intake of dwgsim's truth set normalises it against the reference.
/// </summary>
[NonParallelizable]
public class ToilRunTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private static readonly string Pipelines = AnalysisWorld.PipelinesWithTestOnes();

    protected override IReadOnlyDictionary<string, string> HostSettings => AnalysisWorld.RunningHost(Pipelines, engine: "toil");

    [Test]
    public async Task The_vcf_intake_runs_on_toil_and_its_output_is_what_bcftools_norm_gives()
    {
        SeededLab lab;
        SeededSamples samples;
        await using (var db = Database.CreateContext()) lab = await SeededLab.CreateAsync(db, "Toil Lab");
        await using (var db = Database.CreateContext()) samples = await SeededSamples.CreateAsync(db, lab, queueRun: false);
        var supervisor = await Factory.SignedInClientAsync(lab.Members[BuiltInRole.Supervisor].Email);
        var workspace = $"/api/organizations/{lab.OrganizationId}/workspaces/{lab.WorkspaceId}";
        var reads = AnalysisWorld.Simulate(Path.Combine(Database.DataDirectory, "truth"), pairs: 1_000);
        var reference = await AnalysisWorld.CreateReferenceAsync(supervisor, lab.OrganizationId, workspace);
        var truth = await AnalysisWorld.UploadAsync(supervisor, workspace, await File.ReadAllBytesAsync(reads.TruthVcf), "truth.vcf", "vcf", samples.SampleId);

        var launched = await supervisor.PostUnsafeAsync($"{workspace}/analyses",
            new { sampleIds = new[] { samples.SampleId }, pipeline = "vcf-intake", parameters = new { reference }, fileIds = new[] { truth } });
        Assert.That(launched.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await launched.Content.ReadAsStringAsync());
        var runUrl = launched.Headers.Location!.OriginalString;
        var run = await AnalysisWorld.WaitForRunAsync(supervisor, runUrl);

        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("COMPLETE"), run.ToString());
        Assert.That(run.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("status").GetString()), Is.All.EqualTo("COMPLETE"));
        Assert.That(await supervisor.GetStringAsync($"{runUrl}/log"), Does.Contain("toil"));
        var vcf = run.GetProperty("outputs").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "vcf");
        var path = Path.Combine(Database.DataDirectory, "intake.vcf.gz");
        await using (var content = await supervisor.GetStreamAsync($"{workspace}/files/{vcf.GetProperty("id").GetGuid()}/content"))
        await using (var file = File.Create(path))
            await content.CopyToAsync(file);
        var folder = Database.DataDirectory;
        string Query(string input) => AnalysisWorld.Run(folder, "bcftools", "query", "-f", "%CHROM:%POS:%REF:%ALT\n", input);
        var expected = AnalysisWorld.Run(folder, "sh", "-c", $"bcftools norm -m -any -f {AnalysisWorld.Genome} '{reads.TruthVcf}' | bcftools query -f '%CHROM:%POS:%REF:%ALT\\n'");
        Assert.That(Query(path), Is.EqualTo(expected));
        Assert.That(expected.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.GreaterThan(500));
    }
}

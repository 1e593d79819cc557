using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Files;
using VariantMiner.Domain.Samples;

namespace VariantMiner.WebApi.Tests.Analyses;

/// <summary>
/// Someone assigned a sub-analysis but not the sample (a Report Writer) sees that sub-analysis and its main analysis's
/// row — and nothing else of the sample: not its other runs, not the main analysis's outputs, only the sub-analysis's own.
/// </summary>
public class AnalysisVisibilityTests(DatabaseProvider provider) : WebTestBase(provider)
{
    [Test]
    public async Task An_assigned_sub_analysis_shows_with_its_main_analysis_and_nothing_else_of_the_sample()
    {
        SeededLab lab;
        await using (var db = Database.CreateContext()) lab = await SeededLab.CreateAsync(db, "Visibility Lab");
        var supervisorId = lab.Members[BuiltInRole.Supervisor].UserId;
        var writer = lab.Members[BuiltInRole.ReportWriter];
        var now = DateTimeOffset.UtcNow;
        Guid main, sub, other, mainOutput, subOutput;
        await using (var db = Database.CreateContext())
        {
            var sample = new Sample(lab.OrganizationId, lab.WorkspaceId, "HG002", "WES", null, supervisorId, now); // assigned to nobody
            db.Samples.Add(sample);
            Analysis Run(Guid? parent, string kind) =>
                new(lab.OrganizationId, lab.WorkspaceId, "germline-fastq", "{}", [sample.Id], [], ["align"], supervisorId, now, parentId: parent, kind: kind);
            var mainRun = Run(null, "germline-fastq");
            var subRun = Run(mainRun.Id, "gene-list");
            var otherRun = Run(null, "germline-fastq");
            foreach (var r in new[] { mainRun, subRun, otherRun }) r.Finish(AnalysisStatus.COMPLETE, now);
            db.Analyses.AddRange(mainRun, subRun, otherRun);
            var mainFile = StoredFile.Output(Guid.CreateVersion7(), lab.OrganizationId, lab.WorkspaceId, sample.Id, mainRun.Id, "HG002.vcf.gz", "vcf", 10, new string('0', 64), supervisorId, now);
            var subFile = StoredFile.Output(Guid.CreateVersion7(), lab.OrganizationId, lab.WorkspaceId, sample.Id, subRun.Id, "HG002.genes.vcf.gz", "vcf", 5, new string('0', 64), supervisorId, now);
            db.StoredFiles.AddRange(mainFile, subFile);
            await db.SaveChangesAsync();
            (main, sub, other, mainOutput, subOutput) = (mainRun.Id, subRun.Id, otherRun.Id, mainFile.Id, subFile.Id);
        }
        var store = Factory.Services.GetRequiredService<VariantMiner.Application.Files.IFileStore>();
        foreach (var id in new[] { mainOutput, subOutput })
            await using (var bytes = store.OpenAppend(lab.OrganizationId, id, 0)) await bytes.WriteAsync(new byte[5]);
        var workspace = $"/api/organizations/{lab.OrganizationId}/workspaces/{lab.WorkspaceId}";
        var client = await Factory.SignedInClientAsync(writer.Email);
        Assert.That((await client.GetFromJsonAsync<JsonElement>($"{workspace}/analyses")).GetArrayLength(), Is.Zero, "nothing before the assignment");

        var supervisor = await Factory.SignedInClientAsync(lab.Members[BuiltInRole.Supervisor].Email);
        var assigned = await supervisor.SendUnsafeAsync(HttpMethod.Put, $"{workspace}/analyses/{sub}/assignees", new { userIds = new[] { writer.UserId } });
        Assert.That(assigned.StatusCode, Is.EqualTo(HttpStatusCode.OK), await assigned.Content.ReadAsStringAsync());

        var list = await client.GetFromJsonAsync<JsonElement>($"{workspace}/analyses");
        Assert.That(list.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()), Is.EquivalentTo(new[] { main, sub }));
        await Problems.AssertProblemAsync(await client.GetAsync($"{workspace}/analyses/{other}"), HttpStatusCode.NotFound);
        var mainView = await client.GetFromJsonAsync<JsonElement>($"{workspace}/analyses/{main}");
        Assert.That(mainView.GetProperty("outputs").GetArrayLength(), Is.Zero, "the main analysis's row, not its files");
        var subView = await client.GetFromJsonAsync<JsonElement>($"{workspace}/analyses/{sub}");
        Assert.That(subView.GetProperty("outputs").EnumerateArray().Select(f => f.GetProperty("id").GetGuid()), Is.EqualTo(new[] { subOutput }));
        Assert.That((await client.GetAsync($"{workspace}/files/{subOutput}/content")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await Problems.AssertProblemAsync(await client.GetAsync($"{workspace}/files/{mainOutput}/content"), HttpStatusCode.NotFound);
        var samples = await client.GetFromJsonAsync<JsonElement>($"{workspace}/samples");
        Assert.That(samples.GetProperty("items").GetArrayLength(), Is.Zero, "the sample itself stays hidden");
        // Seeing a run by assignment is not enough to act on it.
        await Problems.AssertProblemAsync(await client.PostUnsafeAsync($"{workspace}/analyses/{sub}/cancel"), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task An_analyst_sees_the_runs_of_assigned_samples_only()
    {
        SeededLab lab;
        SeededSamples seeded;
        await using (var db = Database.CreateContext()) lab = await SeededLab.CreateAsync(db, "Visibility Lab");
        await using (var db = Database.CreateContext()) seeded = await SeededSamples.CreateAsync(db, lab);
        Guid hiddenRun;
        await using (var db = Database.CreateContext())
        {
            var now = DateTimeOffset.UtcNow;
            var sample = new Sample(lab.OrganizationId, lab.WorkspaceId, "HG003", "WES", null, lab.Members[BuiltInRole.Supervisor].UserId, now);
            var run = new Analysis(lab.OrganizationId, lab.WorkspaceId, "germline-fastq", "{}", [sample.Id], [], ["align"], lab.Members[BuiltInRole.Supervisor].UserId, now);
            db.Samples.Add(sample);
            db.Analyses.Add(run);
            await db.SaveChangesAsync();
            hiddenRun = run.Id;
        }
        var workspace = $"/api/organizations/{lab.OrganizationId}/workspaces/{lab.WorkspaceId}";
        var analyst = await Factory.SignedInClientAsync(lab.Members[BuiltInRole.Analyst].Email);
        var list = await analyst.GetFromJsonAsync<JsonElement>($"{workspace}/analyses");
        Assert.That(list.EnumerateArray().Select(r => r.GetProperty("id").GetGuid()), Is.EquivalentTo(new[] { seeded.AnalysisId, seeded.FailedAnalysisId, seeded.CompleteAnalysisId }));
        await Problems.AssertProblemAsync(await analyst.GetAsync($"{workspace}/analyses/{hiddenRun}"), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await analyst.GetAsync($"{workspace}/analyses/{hiddenRun}/log"), HttpStatusCode.NotFound);
        var supervisor = await Factory.SignedInClientAsync(lab.Members[BuiltInRole.Supervisor].Email);
        Assert.That((await supervisor.GetFromJsonAsync<JsonElement>($"{workspace}/analyses")).GetArrayLength(), Is.EqualTo(4));
    }
}

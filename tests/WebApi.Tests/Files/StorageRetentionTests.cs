using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Application.Common.Security;
using VariantMiner.Application.Files;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Files;
using VariantMiner.Domain.Samples;

namespace VariantMiner.WebApi.Tests.Files;

/// <summary>
/// Storage preferences: FASTQ files go N days after the last analysis that read them completed (never while one still
/// runs, never if none did), BAM files with their index N days after the analysis that made them; the storage is freed,
/// the bytes are gone, every deletion is an audit row and the feed says how many.
/// </summary>
public class StorageRetentionTests(DatabaseProvider provider) : WebTestBase(provider)
{
    [Test]
    public async Task The_sweep_deletes_exactly_the_files_the_preferences_name()
    {
        SeededLab lab;
        await using (var db = Database.CreateContext()) lab = await SeededLab.CreateAsync(db, "Retention Lab");
        var supervisor = await Factory.SignedInClientAsync(lab.Members[BuiltInRole.Supervisor].Email);
        var settings = $"/api/organizations/{lab.OrganizationId}/settings/storage";
        await Problems.AssertProblemAsync(await supervisor.SendUnsafeAsync(HttpMethod.Put, settings, new { deleteFastqDaysAfterAnalysis = 0, deleteBamDaysAfterAnalysis = (int?)null }),
            HttpStatusCode.BadRequest);
        var set = await supervisor.SendUnsafeAsync(HttpMethod.Put, settings, new { deleteFastqDaysAfterAnalysis = 7, deleteBamDaysAfterAnalysis = 30 });
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), await set.Content.ReadAsStringAsync());

        var store = Factory.Services.GetRequiredService<IFileStore>();
        var now = DateTimeOffset.UtcNow;
        var who = lab.Members[BuiltInRole.Supervisor].UserId;
        var files = new Dictionary<string, StoredFile>();
        await using (var db = Database.CreateContext())
        {
            var sample = new Sample(lab.OrganizationId, lab.WorkspaceId, "R1", "WGS", null, who, now);
            db.Samples.Add(sample);
            StoredFile File(string name, string kind, Guid? analysis = null)
            {
                var file = StoredFile.Output(Guid.CreateVersion7(), lab.OrganizationId, lab.WorkspaceId, sample.Id, analysis ?? Guid.Empty, name, kind, 100,
                    new string('0', 64), who, now.AddDays(-60));
                files[name] = file;
                return file;
            }
            Analysis Run(string[] inputs, int endedDaysAgo, AnalysisStatus status = AnalysisStatus.COMPLETE)
            {
                var run = new Analysis(lab.OrganizationId, lab.WorkspaceId, "germline-fastq", "{}", [sample.Id], inputs.Select(i => files[i].Id).ToList(), ["align"], who,
                    now.AddDays(-endedDaysAgo - 1));
                if (status != AnalysisStatus.QUEUED) run.Finish(status, now.AddDays(-endedDaysAgo));
                db.Analyses.Add(run);
                return run;
            }
            // Reads: analysed 10 days ago (goes); analysed 10 and 2 days ago (stays: the last analysis is recent); analysed
            // 10 days ago but read again by a queued run (stays); never analysed (stays).
            foreach (var name in new[] { "old.fq", "recent.fq", "busy.fq", "unread.fq" }) File(name, "fastq");
            Run(["old.fq", "recent.fq", "busy.fq"], 10);
            Run(["recent.fq"], 2);
            Run(["busy.fq"], 0, AnalysisStatus.QUEUED);
            // Alignments: of a run 40 days ago (go, with their index), of a run 5 days ago (stay); VCFs always stay.
            var oldRun = Run([], 40);
            var newRun = Run([], 5);
            File("old.bam", "bam", oldRun.Id); File("old.bam.bai", "other", oldRun.Id); File("old.vcf.gz", "vcf", oldRun.Id);
            File("new.bam", "bam", newRun.Id); File("new.bam.bai", "other", newRun.Id);
            // Uploaded reads have no producing analysis.
            foreach (var name in new[] { "old.fq", "recent.fq", "busy.fq", "unread.fq" })
                db.Entry(files[name]).Property(f => f.AnalysisId).CurrentValue = null;
            db.StoredFiles.AddRange(files.Values);
            await db.SaveChangesAsync();
            await db.Organizations.Where(o => o.Id == lab.OrganizationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.StorageUsedBytes, 900));
        }
        foreach (var file in files.Values) await using (var bytes = store.OpenAppend(lab.OrganizationId, file.Id, 0)) await bytes.WriteAsync(new byte[100]);

        int deleted;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<OrganizationContext>().Enter(OrganizationAccess.ForSystem(lab.OrganizationId, Guid.Empty), null);
            deleted = await scope.ServiceProvider.GetRequiredService<StorageRetentionSweep>().RunAsync(lab.OrganizationId, now, CancellationToken.None);
        }

        var gone = new[] { "old.fq", "old.bam", "old.bam.bai" };
        Assert.That(deleted, Is.EqualTo(gone.Length));
        await using var check = Database.CreateContext();
        var left = await check.StoredFiles.IgnoreQueryFilters().Where(f => f.OrganizationId == lab.OrganizationId).Select(f => f.Name).ToListAsync();
        Assert.That(left, Is.EquivalentTo(files.Keys.Except(gone)));
        Assert.That(await check.Organizations.Where(o => o.Id == lab.OrganizationId).Select(o => o.StorageUsedBytes).SingleAsync(), Is.EqualTo(600));
        foreach (var name in gone) Assert.That(() => store.OpenRead(lab.OrganizationId, files[name].Id), Throws.InstanceOf<FileNotFoundException>(), name);
        Assert.That(store.OpenRead(lab.OrganizationId, files["recent.fq"].Id), Is.Not.Null);
        var audit = await check.AuditRecords.IgnoreQueryFilters()
            .Where(a => a.OrganizationId == lab.OrganizationId && a.EntityType == nameof(StoredFile) && a.Action == Domain.Auditing.AuditRecord.Deleted).ToListAsync();
        Assert.That(audit.Select(a => a.EntityId), Is.EquivalentTo(gone.Select(n => files[n].Id.ToString())));
        Assert.That(audit.All(a => a.ActorUserId == null), "the system deleted them");
        var feed = await check.Activities.IgnoreQueryFilters().Where(a => a.OrganizationId == lab.OrganizationId && a.Action == "files.retention").SingleAsync();
        Assert.That(feed.Summary, Does.Contain("1 FASTQ and 2 BAM"));
    }
}

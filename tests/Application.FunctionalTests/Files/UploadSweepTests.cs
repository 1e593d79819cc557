using VariantMiner.Application.Files;
using VariantMiner.Application.FunctionalTests.Samples;
using VariantMiner.Domain.Files;
using VariantMiner.Infrastructure.Storage;

namespace VariantMiner.Application.FunctionalTests.Files;

/// <summary>The sweep removes expired uploads (row, reservation, bytes) and old bytes nothing refers to — nothing else.</summary>
public class UploadSweepTests(DatabaseProvider provider) : SampleTestBase(provider)
{
    [Test]
    public async Task Expired_uploads_and_old_unreferenced_bytes_go_files_and_live_uploads_stay()
    {
        await ArrangeOrganizationAsync();
        var now = DateTimeOffset.UtcNow;
        var (expired, live, file) = await WithDbAsync(async db =>
        {
            var expired = new Upload(Org, General, null, "old.fq", "fastq", 100, null, Owner, now.AddDays(-2), now.AddDays(-1));
            var live = new Upload(Org, General, null, "live.fq", "fastq", 50, null, Owner, now, now.AddDays(1));
            var done = new Upload(Org, General, null, "done.fq", "fastq", 0, null, Owner, now.AddDays(-3), now.AddDays(-2));
            var file = new StoredFile(done, "", now.AddDays(-3));
            db.Uploads.AddRange(expired, live);
            db.StoredFiles.Add(file);
            await db.SaveChangesAsync();
            await db.Organizations.Where(o => o.Id == Org).ExecuteUpdateAsync(s => s.SetProperty(o => o.StorageReservedBytes, 150L));
            return (expired.Id, live.Id, file.Id);
        });
        var orphan = Guid.CreateVersion7();
        var fresh = Guid.CreateVersion7();
        var root = await InScopeAsync<LocalFileStore, string>(store =>
        {
            foreach (var id in new[] { expired, live, file, orphan, fresh })
                using (store.OpenAppend(Org, id, 0)) { }
            return Task.FromResult(store.Root);
        });
        string PathOf(Guid id) => Path.Combine(root, Org.ToString("N"), id.ToString("N"));
        foreach (var id in new[] { expired, live, file, orphan }) File.SetLastWriteTimeUtc(PathOf(id), now.AddDays(-3).UtcDateTime);

        RunAsAnonymous(); // a system job
        var removed = await InScopeAsync<UploadSweep, int>(sweep => sweep.RemoveExpiredAsync(now, CancellationToken.None));

        Assert.That(removed, Is.EqualTo(2), "the expired upload and the orphaned bytes");
        Assert.That(File.Exists(PathOf(expired)), Is.False);
        Assert.That(File.Exists(PathOf(orphan)), Is.False);
        Assert.That(File.Exists(PathOf(live)), Is.True, "an upload that can still be resumed keeps its bytes, however old they are");
        Assert.That(File.Exists(PathOf(file)), Is.True);
        Assert.That(File.Exists(PathOf(fresh)), Is.True, "bytes younger than an upload's expiry may belong to an upload being created");
        await WithDbAsync(async db =>
        {
            Assert.That(await db.Uploads.IgnoreQueryFilters().Select(u => u.Id).ToListAsync(), Is.EqualTo(new[] { live }));
            Assert.That((await db.Organizations.SingleAsync(o => o.Id == Org)).StorageReservedBytes, Is.EqualTo(50), "the expired reservation is released");
            return 0;
        });
    }
}

namespace VariantMiner.Application.Files;

/// <summary>
/// Removes expired uploads of every organization (a system job: it lifts the tenant filter on purpose): row and
/// reservation, then bytes. Also removes bytes nothing refers to any more — left by a crash between a commit and the
/// removal of bytes after it — once they are older than an upload's expiry (so never the bytes of an upload being
/// created right now).
/// </summary>
public sealed class UploadSweep(IApplicationDbContext db, UploadCompletion completion, IFileStore store, Microsoft.Extensions.Options.IOptions<UploadOptions> options)
{
    /// <returns>How many uploads were removed.</returns>
    public async Task<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = await db.Uploads.IgnoreQueryFilters().Where(u => u.ExpiresAt <= now).OrderBy(u => u.ExpiresAt).ThenBy(u => u.Id)
            .Take(500).ToListAsync(cancellationToken);
        foreach (var upload in expired) await completion.DiscardAsync(upload, cancellationToken);
        return expired.Count + await RemoveUnreferencedAsync(now, cancellationToken);
    }

    private async Task<int> RemoveUnreferencedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var batch in store.List().Where(s => s.LastWrite < now - options.Value.Expiry).Chunk(500))
        {
            var ids = batch.Select(b => b.Id).ToList();
            var referenced = await db.Uploads.IgnoreQueryFilters().Where(u => ids.Contains(u.Id)).Select(u => u.Id)
                .Concat(db.StoredFiles.IgnoreQueryFilters().Where(f => ids.Contains(f.Id)).Select(f => f.Id))
                .ToListAsync(cancellationToken);
            foreach (var (organizationId, id, _) in batch.Where(b => !referenced.Contains(b.Id)))
            {
                store.Delete(organizationId, id);
                removed++;
            }
        }
        return removed;
    }
}

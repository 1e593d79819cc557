namespace VariantMiner.Application.Files;

/// <summary>
/// Removes expired uploads of every organization (a system job: it lifts the tenant filter on purpose): row and
/// reservation, then bytes.
/// </summary>
public sealed class UploadSweep(IApplicationDbContext db, UploadCompletion completion)
{
    /// <returns>How many uploads were removed.</returns>
    public async Task<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var expired = await db.Uploads.IgnoreQueryFilters().Where(u => u.ExpiresAt <= now).OrderBy(u => u.ExpiresAt).ThenBy(u => u.Id)
            .Take(500).ToListAsync(cancellationToken);
        foreach (var upload in expired) await completion.DiscardAsync(upload, cancellationToken);
        return expired.Count;
    }
}

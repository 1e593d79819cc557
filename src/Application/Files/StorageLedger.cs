namespace VariantMiner.Application.Files;

/// <summary>
/// The organization's storage figures, changed by single conditional UPDATEs so concurrent requests on any replica
/// cannot pass the quota: an upload's declared length is reserved when it is created, moved to "used" when it
/// completes, released when it is terminated, refused or expires; a deleted file frees its size.
/// </summary>
public static class StorageLedger
{
    /// <returns>false (and nothing changed) when the bytes do not fit in the quota.</returns>
    public static async Task<bool> TryReserveAsync(IApplicationDbContext db, Guid organizationId, long bytes, CancellationToken cancellationToken) =>
        await db.Organizations
            .Where(o => o.Id == organizationId && o.StorageUsedBytes + o.StorageReservedBytes + bytes <= o.StorageQuotaBytes)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.StorageReservedBytes, o => o.StorageReservedBytes + bytes), cancellationToken) == 1;

    /// <summary>Counts new bytes (an analysis's outputs) as used at once; false (and nothing changed) when they do not fit.</summary>
    public static async Task<bool> TryUseAsync(IApplicationDbContext db, Guid organizationId, long bytes, CancellationToken cancellationToken) =>
        await db.Organizations
            .Where(o => o.Id == organizationId && o.StorageUsedBytes + o.StorageReservedBytes + bytes <= o.StorageQuotaBytes)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.StorageUsedBytes, o => o.StorageUsedBytes + bytes), cancellationToken) == 1;

    /// <summary>What the organization may still store: its quota less what is used and reserved.</summary>
    public static Task<long> FreeBytesAsync(IApplicationDbContext db, Guid organizationId, CancellationToken cancellationToken) =>
        db.Organizations.AsNoTracking().Where(o => o.Id == organizationId)
            .Select(o => o.StorageQuotaBytes - o.StorageUsedBytes - o.StorageReservedBytes).SingleAsync(cancellationToken);

    public static Task CommitAsync(IApplicationDbContext db, Guid organizationId, long bytes, CancellationToken cancellationToken) =>
        db.Organizations.Where(o => o.Id == organizationId).ExecuteUpdateAsync(s => s
            .SetProperty(o => o.StorageReservedBytes, o => o.StorageReservedBytes - bytes)
            .SetProperty(o => o.StorageUsedBytes, o => o.StorageUsedBytes + bytes), cancellationToken);

    public static Task ReleaseAsync(IApplicationDbContext db, Guid organizationId, long bytes, CancellationToken cancellationToken) =>
        db.Organizations.Where(o => o.Id == organizationId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.StorageReservedBytes, o => o.StorageReservedBytes - bytes), cancellationToken);

    public static Task FreeAsync(IApplicationDbContext db, Guid organizationId, long bytes, CancellationToken cancellationToken) =>
        db.Organizations.Where(o => o.Id == organizationId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.StorageUsedBytes, o => o.StorageUsedBytes - bytes), cancellationToken);

    /// <summary>
    /// Removes the rows of files and uploads in progress matching <paramref name="which"/> (a sample being purged, a
    /// workspace being deleted), frees or releases their bytes in each organization's figures, and removes the bytes
    /// from the store once the transaction has committed. Runs inside the caller's transaction.
    /// </summary>
    public static async Task RemoveAsync(IApplicationDbContext db, IUnitOfWork unitOfWork, IFileStore store,
        System.Linq.Expressions.Expression<Func<Domain.Files.StoredFile, bool>> files,
        System.Linq.Expressions.Expression<Func<Domain.Files.Upload, bool>> uploads, CancellationToken cancellationToken)
    {
        var fileRows = await db.StoredFiles.IgnoreQueryFilters().Where(files).ToListAsync(cancellationToken);
        var uploadRows = await db.Uploads.IgnoreQueryFilters().Where(uploads).ToListAsync(cancellationToken);
        db.StoredFiles.RemoveRange(fileRows);
        db.Uploads.RemoveRange(uploadRows);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var group in fileRows.GroupBy(f => f.OrganizationId))
            await FreeAsync(db, group.Key, group.Sum(f => f.SizeBytes), cancellationToken);
        foreach (var group in uploadRows.GroupBy(u => u.OrganizationId))
            await ReleaseAsync(db, group.Key, group.Sum(u => u.Length), cancellationToken);
        foreach (var (organizationId, id) in fileRows.Select(f => (f.OrganizationId, f.Id)).Concat(uploadRows.Select(u => (u.OrganizationId, u.Id))))
            unitOfWork.AfterCommit(() => store.Delete(organizationId, id));
    }
}

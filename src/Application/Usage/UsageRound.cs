using VariantMiner.Domain.Usage;

namespace VariantMiner.Application.Usage;

/// <summary>
/// What the usage job does for one organization, inside its scope and in one transaction: today's storage per workspace
/// (a changed figure replaces the day's; a deleted workspace gets a last measurement of 0 so it stops counting), the
/// statements of months that closed, and the quota alerts newly due.
/// </summary>
public sealed class UsageRound(IApplicationDbContext db, IUnitOfWork unitOfWork, Quotas quotas, TimeProvider clock)
{
    public async Task RunAsync(Guid organizationId, CancellationToken cancellationToken) =>
        await unitOfWork.InTransactionAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var files = await db.StoredFiles.GroupBy(f => f.WorkspaceId)
                .Select(g => new { WorkspaceId = g.Key, Bytes = g.Sum(f => f.SizeBytes), Files = g.Count() }).ToListAsync(cancellationToken);
            var workspaces = await db.Workspaces.Select(w => w.Id).ToListAsync(cancellationToken);
            // Workspaces deleted since their last measurement, which still holds bytes: measured once more, empty.
            var recent = today.AddDays(-UsageMeter.CarryDays);
            var gone = (await db.StorageSnapshots.AsNoTracking().Where(s => s.Day >= recent && !workspaces.Contains(s.WorkspaceId)).ToListAsync(cancellationToken))
                .GroupBy(s => s.WorkspaceId).Select(g => g.MaxBy(s => s.Day)!).ToList();
            var snapshots = await db.StorageSnapshots.Where(s => s.Day == today).ToListAsync(cancellationToken);
            foreach (var (workspaceId, bytes, count) in workspaces.Select(w => files.SingleOrDefault(f => f.WorkspaceId == w) is { } held
                         ? (w, held.Bytes, held.Files) : (w, 0L, 0))
                         .Concat(gone.Where(s => s.Bytes > 0 && s.Day < today).Select(s => (s.WorkspaceId, 0L, 0))))
            {
                if (snapshots.SingleOrDefault(s => s.WorkspaceId == workspaceId) is not { } snapshot)
                    db.StorageSnapshots.Add(new StorageSnapshot(organizationId, workspaceId, today, bytes, count, now));
                else if (snapshot.Bytes != bytes || snapshot.Files != count) snapshot.Measured(bytes, count, now);
            }
            await Billing.CloseDueMonthsAsync(db, organizationId, now, cancellationToken);
            await quotas.AlertAsync(organizationId, now, cancellationToken);
            return await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken);
}

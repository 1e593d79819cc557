using VariantMiner.Domain.Usage;

namespace VariantMiner.Application.Usage;

/// <summary>
/// What the usage job does for one organization, inside its scope and in one transaction: today's storage per workspace
/// (measured again each round; the day's last measurement stands), the statements of months that closed, and the quota
/// alerts newly due.
/// </summary>
public sealed class UsageRound(IApplicationDbContext db, Quotas quotas, TimeProvider clock)
{
    public async Task RunAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var files = await db.StoredFiles.GroupBy(f => f.WorkspaceId)
            .Select(g => new { WorkspaceId = g.Key, Bytes = g.Sum(f => f.SizeBytes), Files = g.Count() }).ToListAsync(cancellationToken);
        var snapshots = await db.StorageSnapshots.Where(s => s.Day == today).ToListAsync(cancellationToken);
        foreach (var workspaceId in await db.Workspaces.Select(w => w.Id).ToListAsync(cancellationToken))
        {
            var held = files.SingleOrDefault(f => f.WorkspaceId == workspaceId);
            if (snapshots.SingleOrDefault(s => s.WorkspaceId == workspaceId) is { } snapshot) snapshot.Measured(held?.Bytes ?? 0, held?.Files ?? 0, now);
            else db.StorageSnapshots.Add(new StorageSnapshot(organizationId, workspaceId, today, held?.Bytes ?? 0, held?.Files ?? 0, now));
        }
        await Billing.CloseDueMonthsAsync(db, organizationId, now, cancellationToken);
        await quotas.AlertAsync(organizationId, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}

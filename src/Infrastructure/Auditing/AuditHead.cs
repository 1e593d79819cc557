namespace VariantMiner.Infrastructure.Auditing;

/// <summary>The end of one organization's audit chain: the last sequence number and hash. Locked while a row is appended.</summary>
internal sealed class AuditHead
{
    public Guid OrganizationId { get; set; }
    public long Sequence { get; set; }
    public string Hash { get; set; } = "";
}

internal sealed class AuditChainHead(Persistence.AppDbContext db) : Application.Audit.IAuditChainHead
{
    public async Task<(long Sequence, string Hash)?> ReadAsync(Guid organizationId, CancellationToken cancellationToken)
    {
        var head = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
            Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AsNoTracking(db.Set<AuditHead>()), h => h.OrganizationId == organizationId,
            cancellationToken);
        return head is null ? null : (head.Sequence, head.Hash);
    }
}

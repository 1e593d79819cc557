using VariantMiner.Domain.Auditing;

namespace VariantMiner.Application.Audit;

/// <summary>
/// Reads of patient data — a subject's record (date of birth, phenotypes), a file's bytes — leave one audit row per
/// record read (action <c>read</c>), written before the answer is sent. Queries run without the command transaction, so
/// the rows are written in one of their own: the audit chain's head stays locked until they are in (a worker or a
/// command writing at the same moment chains after them, never onto the same head).
/// </summary>
public static class PatientDataReads
{
    public static async Task RecordAsync(IApplicationDbContext db, IUnitOfWork unitOfWork, IAuditTrail audit, Guid organizationId, Guid workspaceId, string entityType,
        IEnumerable<Guid> ids, CancellationToken cancellationToken, IReadOnlyDictionary<string, object?>? details = null)
    {
        var any = false;
        foreach (var id in ids)
        {
            audit.Record(organizationId, workspaceId, entityType, id, AuditRecord.Read, details);
            any = true;
        }
        if (any) await unitOfWork.InTransactionAsync(() => db.SaveChangesAsync(cancellationToken), cancellationToken);
    }
}

namespace VariantMiner.Application.Common.Interfaces;

/// <summary>
/// The organization's audit trail. Inserts, updates and deletes of tenant records are written to it automatically when
/// they are saved; this is for what the change tracker cannot see: reads of patient data, bulk deletes whose
/// database cascade removes a whole subtree (recorded as the deletion of its root). Entries are written with the next
/// save, in the same transaction.
/// </summary>
public interface IAuditTrail
{
    void Record(Guid organizationId, Guid? workspaceId, string entityType, Guid entityId, string action,
        IReadOnlyDictionary<string, object?>? details = null);
}

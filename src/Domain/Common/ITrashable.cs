namespace VariantMiner.Domain.Common;

/// <summary>
/// A record deleted in two steps: moved to its workspace's trash (hidden everywhere, restorable), then purged for good
/// once the retention period has passed. The data layer hides trashed rows from every query unless a query asks for
/// the trash by name.
/// </summary>
public interface ITrashable
{
    DateTimeOffset? DeletedAt { get; }
    Guid? DeletedBy { get; }
}

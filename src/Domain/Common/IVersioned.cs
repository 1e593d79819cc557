namespace VariantMiner.Domain.Common;

/// <summary>
/// Aggregates people edit at the same time. Every change gives them a new version; the data layer refuses a save
/// based on an older one (optimistic concurrency: one wins, the other gets 409).
/// </summary>
public interface IVersioned
{
    Guid Version { get; }
}

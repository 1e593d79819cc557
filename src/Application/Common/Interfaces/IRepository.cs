using VariantMiner.Domain.Common;

namespace VariantMiner.Application.Common.Interfaces;

/// <summary>
/// Loads and stores one kind of aggregate, whole (its owned collections included). Tenant-owned aggregates are
/// only found inside the request's organization; anything else is "not found".
/// </summary>
public interface IRepository<T> where T : Entity
{
    Task<T?> FindAsync(Guid id, CancellationToken cancellationToken);
    void Add(T aggregate);
    void Remove(T aggregate);
}

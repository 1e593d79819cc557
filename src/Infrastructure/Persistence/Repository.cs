using Microsoft.EntityFrameworkCore;
using VariantMiner.Application.Common.Interfaces;
using VariantMiner.Domain.Common;

namespace VariantMiner.Infrastructure.Persistence;

/// <summary>Aggregates come whole: owned collections are auto-included in the model configuration.</summary>
internal sealed class Repository<T>(AppDbContext db) : IRepository<T> where T : Entity
{
    public Task<T?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<T>().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);

    public void Add(T aggregate) => db.Set<T>().Add(aggregate);

    public void Remove(T aggregate) => db.Set<T>().Remove(aggregate);
}

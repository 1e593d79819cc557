namespace VariantMiner.Infrastructure.Persistence;

/// <summary>
/// The command transaction. Runs inside the provider's execution strategy (PostgreSQL retries transient failures), so a
/// retry repeats the whole unit, never half of it. Nested calls join the transaction already open.
/// </summary>
internal sealed class UnitOfWork(AppDbContext db) : IUnitOfWork
{
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null) return await work();
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await work();
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }
}

namespace VariantMiner.Infrastructure.Persistence;

/// <summary>
/// The command transaction. Runs inside the provider's execution strategy (PostgreSQL retries transient failures), so a
/// retry repeats the whole unit, never half of it. Nested calls join the transaction already open. Work outside the
/// database (removing a file's bytes) is queued with <see cref="AfterCommit"/> and runs only once the outermost
/// transaction has committed; a rolled-back or retried attempt drops what it queued.
/// </summary>
internal sealed class UnitOfWork(AppDbContext db) : IUnitOfWork
{
    private readonly List<Action> _afterCommit = [];

    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null) return await work();
        var result = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            _afterCommit.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await work();
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
        var actions = _afterCommit.ToList();
        _afterCommit.Clear();
        foreach (var action in actions) action();
        return result;
    }

    public void AfterCommit(Action action)
    {
        if (db.Database.CurrentTransaction is null) action();
        else _afterCommit.Add(action);
    }
}

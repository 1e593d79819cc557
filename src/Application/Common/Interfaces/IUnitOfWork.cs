namespace VariantMiner.Application.Common.Interfaces;

/// <summary>One database transaction around a piece of work, retried as a whole on transient failures.</summary>
public interface IUnitOfWork
{
    Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="action"/> (work outside the database, e.g. removing bytes) once the open transaction has
    /// committed — never when it rolls back; at once when no transaction is open.
    /// </summary>
    void AfterCommit(Action action);
}

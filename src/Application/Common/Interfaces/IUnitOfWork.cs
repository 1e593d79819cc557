namespace VariantMiner.Application.Common.Interfaces;

/// <summary>One database transaction around a piece of work, retried as a whole on transient failures.</summary>
public interface IUnitOfWork
{
    Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken);
}

using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Domain.Common;

namespace VariantMiner.Infrastructure.Persistence;

/// <summary>
/// Before a save, hands every domain event raised by the tracked aggregates to its handlers (<see cref="IDomainEventHandler{TEvent}"/>);
/// what they add (activity records, further changes) is saved by the same SaveChanges. Runs before the audit trail so
/// that it sees those rows too. Events raised by handlers are dispatched in the same pass.
/// </summary>
internal sealed class DomainEventInterceptor(IServiceProvider services) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) await DispatchAsync(db, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) DispatchAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    private async Task DispatchAsync(DbContext db, CancellationToken cancellationToken)
    {
        while (true)
        {
            var events = db.ChangeTracker.Entries<Entity>().SelectMany(e => e.Entity.TakeDomainEvents()).ToList();
            if (events.Count == 0) return;
            foreach (var domainEvent in events)
            {
                var handlerType = typeof(IDomainEventHandler<>).MakeGenericType(domainEvent.GetType());
                var handle = handlerType.GetMethod(nameof(IDomainEventHandler<IDomainEvent>.HandleAsync))!;
                foreach (var handler in services.GetServices(handlerType))
                {
                    Task task;
                    try { task = (Task)handle.Invoke(handler, [domainEvent, cancellationToken])!; }
                    catch (System.Reflection.TargetInvocationException e) when (e.InnerException is not null)
                    {
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
                        throw;
                    }
                    await task;
                }
            }
        }
    }
}

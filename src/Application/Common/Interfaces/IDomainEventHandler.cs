using VariantMiner.Domain.Common;

namespace VariantMiner.Application.Common.Interfaces;

/// <summary>
/// Reacts to a domain event when the aggregate that raised it is saved, inside the same SaveChanges and so the same
/// transaction (what it adds is saved with the change). Handlers are found by type; any number per event.
/// </summary>
public interface IDomainEventHandler<in TEvent> where TEvent : IDomainEvent
{
    Task HandleAsync(TEvent domainEvent, CancellationToken cancellationToken);
}

namespace VariantMiner.Domain.Common;

/// <summary>
/// Base for aggregates and entities: identity is a UUIDv7 generated in the domain. An aggregate raises domain events
/// for what happened to it; they are handled when it is saved, in the same transaction.
/// </summary>
public abstract class Entity
{
    private List<IDomainEvent>? _events;

    public Guid Id { get; protected init; } = Guid.CreateVersion7();

    protected void Raise(IDomainEvent domainEvent) => (_events ??= []).Add(domainEvent);

    /// <summary>The events raised since the last call, in order; an aggregate may merge its own (e.g. one event per save).</summary>
    public virtual IReadOnlyList<IDomainEvent> TakeDomainEvents()
    {
        var events = _events?.ToList() ?? [];
        _events?.Clear();
        return events;
    }

    /// <summary>Folds every event of type <typeparamref name="T"/> into one, where the first stood (one record per save).</summary>
    protected static IReadOnlyList<IDomainEvent> Merge<T>(IReadOnlyList<IDomainEvent> events, Func<T, T, T> merge) where T : IDomainEvent
    {
        var same = events.OfType<T>().ToList();
        if (same.Count < 2) return events;
        var merged = same.Aggregate(merge);
        var result = new List<IDomainEvent>();
        foreach (var e in events)
        {
            if (e is not T) result.Add(e);
            else if (ReferenceEquals(e, same[0])) result.Add(merged);
        }
        return result;
    }
}

/// <summary>Something that happened to an aggregate, named in the past tense (WorkspaceCreated, MemberRoleChanged).</summary>
public interface IDomainEvent;

/// <summary>Every row that belongs to an organization carries its id; the data layer filters on it.</summary>
public interface ITenantOwned
{
    Guid OrganizationId { get; }
}

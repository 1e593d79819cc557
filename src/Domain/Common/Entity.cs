namespace VariantMiner.Domain.Common;

/// <summary>Base for aggregates and entities: identity is a UUIDv7 generated in the domain.</summary>
public abstract class Entity
{
    public Guid Id { get; protected init; } = Guid.CreateVersion7();
}

/// <summary>Every row that belongs to an organization carries its id; the data layer filters on it.</summary>
public interface ITenantOwned
{
    Guid OrganizationId { get; }
}

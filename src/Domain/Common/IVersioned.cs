namespace VariantMiner.Domain.Common;

/// <summary>
/// Marks an aggregate whose methods give it a new <see cref="Version"/> on every change (Role, Membership). The
/// interface only documents that; nothing reads it generically. Optimistic concurrency comes from each entity's EF
/// configuration declaring Version a concurrency token (RoleConfiguration, MembershipConfiguration; Sample has such a
/// Version without this interface): a save based on an older version fails, and DatabaseErrorInterceptor turns that
/// into a 409.
/// </summary>
public interface IVersioned
{
    Guid Version { get; }
}

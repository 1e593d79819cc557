using Microsoft.Extensions.Caching.Memory;

namespace VariantMiner.Infrastructure.Persistence;

/// <summary>
/// Members' access per (user, organization), each entry valid only for the organization's authorization version it
/// was read at. The database bumps that version (by trigger) on every change an access is computed from, and the
/// membership lookup reads the current version on every request, so an entry can never outlive a change — in this
/// process or any other replica. The cache only saves re-reading and re-computing the same access.
/// </summary>
internal sealed class OrganizationAccessCache : IDisposable
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = 50_000 });

    private sealed record Entry(long Version, OrganizationAccess? Access);

    /// <summary>The access read at exactly <paramref name="version"/>; null access = "not a member" at that version.</summary>
    public bool TryGet(Guid userId, Guid organizationId, long version, out OrganizationAccess? access)
    {
        if (_entries.TryGetValue((userId, organizationId), out Entry? entry) && entry!.Version == version)
        {
            access = entry.Access;
            return true;
        }
        access = null;
        return false;
    }

    public void Set(Guid userId, Guid organizationId, long version, OrganizationAccess? access) =>
        _entries.Set((userId, organizationId), new Entry(version, access),
            new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });

    public void Dispose() => _entries.Dispose();
}

namespace VariantMiner.Infrastructure.Identity;

internal sealed class UserAccounts(AppDbContext db) : IUserAccounts
{
    public Task<UserAccount?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new UserAccount(u.Id, u.Email!, u.DisplayName, u.IsPlatformAdmin, u.LastOrganizationId, u.EmailConfirmed))
            .SingleOrDefaultAsync(cancellationToken);

    public Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToUpperInvariant();
        return db.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail == normalized)
            .Select(u => new UserAccount(u.Id, u.Email!, u.DisplayName, u.IsPlatformAdmin, u.LastOrganizationId, u.EmailConfirmed))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, string>> DisplayNamesAsync(IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<Guid, string>();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<Guid, UserAccount>> FindManyAsync(IEnumerable<Guid> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0) return new Dictionary<Guid, UserAccount>();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new UserAccount(u.Id, u.Email!, u.DisplayName, u.IsPlatformAdmin, u.LastOrganizationId, u.EmailConfirmed))
            .ToDictionaryAsync(u => u.Id, cancellationToken);
    }

    public Task SetLastOrganizationAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastOrganizationId, organizationId), cancellationToken);
}

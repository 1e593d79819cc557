using VariantMiner.Application.ApiAccess;

namespace VariantMiner.Infrastructure.Identity;

/// <summary>
/// Finds a request's token by its hash, before any organization scope exists (so it bypasses the tenant filter: on the
/// raw-SQL allow-list), and checks it live: not revoked, not expired, its owner not locked out.
/// </summary>
internal sealed class PersonalAccessTokenStore(AppDbContext db) : IPersonalAccessTokens
{
    /// <summary>Last-used times are kept to the minute: a busy script does not write on every request.</summary>
    private static readonly TimeSpan UseResolution = TimeSpan.FromMinutes(1);

    public async Task<TokenIdentity?> AuthenticateAsync(string hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var token = await db.PersonalAccessTokens.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        if (token is null || !token.IsLive(now)) return null;
        var lockedUntil = await db.Users.Where(u => u.Id == token.UserId).Select(u => u.LockoutEnd).SingleOrDefaultAsync(cancellationToken);
        if (lockedUntil > now) return null;
        if (token.LastUsedAt is not { } used || now - used >= UseResolution)
            await db.PersonalAccessTokens.IgnoreQueryFilters().Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        return new TokenIdentity(token.Id, token.UserId, token.OrganizationId);
    }
}

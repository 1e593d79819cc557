using VariantMiner.Application.ApiAccess;

namespace VariantMiner.Infrastructure.Identity;

/// <summary>
/// Finds a request's token by its hash, before any organization scope exists (so it bypasses the tenant filter: on the
/// raw-SQL allow-list), and checks it live: not revoked, not expired, its owner not locked out. The same round trip
/// reads the token's organization's authorization version for the membership lookup, as the cookie's session read does
/// (<see cref="SessionStore"/>): a token request costs what a cookie request costs.
/// </summary>
internal sealed class PersonalAccessTokenStore(AppDbContext db, AuthorizationVersionRead versions) : IPersonalAccessTokens
{
    /// <summary>Last-used times are kept to the minute: a busy script does not write on every request.</summary>
    private static readonly TimeSpan UseResolution = TimeSpan.FromMinutes(1);

    private sealed record Row(Guid Id, Guid UserId, Guid OrganizationId, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt,
        DateTimeOffset? LockoutEnd, long? OrganizationVersion);

    // Compiled once: this runs on every bearer request.
    private static readonly CompiledQuery<Func<AppDbContext, string, Task<Row?>>> RowOf = new(() =>
        EF.CompileAsyncQuery((AppDbContext context, string hash) => context.PersonalAccessTokens.IgnoreQueryFilters()
            .Where(t => t.Hash == hash)
            .Select(t => new Row(t.Id, t.UserId, t.OrganizationId, t.ExpiresAt, t.RevokedAt, t.LastUsedAt,
                context.Users.Where(u => u.Id == t.UserId).Select(u => u.LockoutEnd).FirstOrDefault(),
                context.Organizations.Where(o => o.Id == t.OrganizationId)
                    .Select(o => (long?)EF.Property<long>(o, AuthorizationVersionRead.Property)).FirstOrDefault()))
            .SingleOrDefault()));

    public async Task<TokenIdentity?> AuthenticateAsync(string hash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var row = await RowOf.For(db)(db, hash);
        if (row is null || row.RevokedAt is not null || now >= row.ExpiresAt || row.LockoutEnd > now) return null;
        versions.Remember(row.OrganizationId, row.OrganizationVersion);
        if (row.LastUsedAt is not { } used || now - used >= UseResolution)
            await db.PersonalAccessTokens.IgnoreQueryFilters().Where(t => t.Id == row.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        return new TokenIdentity(row.Id, row.UserId, row.OrganizationId);
    }
}

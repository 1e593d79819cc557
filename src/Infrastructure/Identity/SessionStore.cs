namespace VariantMiner.Infrastructure.Identity;

/// <summary>What a session cookie is checked against on every request.</summary>
public sealed record SessionState(string? SecurityStamp, bool IsPlatformAdmin);

/// <summary>
/// The per-request session read, in one round trip: the user's security stamp and platform-admin flag and, when the
/// request names an organization, that organization's authorization version (remembered for the membership lookup,
/// <see cref="AuthorizationVersionRead"/>). Opens the request's connection once; the handler's queries reuse it (EF
/// closes it when the request's context is disposed).
/// </summary>
public sealed class SessionStore(AppDbContext db, AuthorizationVersionRead versions)
{
    private sealed record Row(string? SecurityStamp, bool IsPlatformAdmin, long? OrganizationVersion);

    // Compiled once: this runs on every authenticated request.
    private static readonly CompiledQuery<Func<AppDbContext, Guid, Guid, Task<Row?>>> RowOf = new(() =>
        EF.CompileAsyncQuery((AppDbContext context, Guid userId, Guid organizationId) => context.Users
            .Where(u => u.Id == userId)
            .Select(u => new Row(u.SecurityStamp, u.IsPlatformAdmin, context.Organizations
                .Where(o => o.Id == organizationId)
                .Select(o => (long?)EF.Property<long>(o, AuthorizationVersionRead.Property))
                .FirstOrDefault()))
            .SingleOrDefault()));

    /// <param name="organizationId">The organization the request names, or Guid.Empty.</param>
    /// <returns>Null when the user no longer exists.</returns>
    public async Task<SessionState?> ReadAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        var row = await RowOf.For(db)(db, userId, organizationId);
        if (row is null) return null;
        if (organizationId != Guid.Empty) versions.Remember(organizationId, row.OrganizationVersion);
        return new SessionState(row.SecurityStamp, row.IsPlatformAdmin);
    }
}

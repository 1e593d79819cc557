using VariantMiner.Application.SingleSignOn;
using VariantMiner.Domain.Authorization;
using VariantMiner.Domain.Invitations;

namespace VariantMiner.Infrastructure.Identity.SingleSignOn;

/// <summary>
/// Institution sign-in's reads before any organization scope exists (so they bypass the tenant filter: on the allow-list);
/// each is constrained by the e-mail domain, organization or account it is given.
/// </summary>
internal sealed class SingleSignOnDirectory(AppDbContext db, TimeProvider clock) : ISingleSignOnDirectory
{
    private IQueryable<SingleSignOnConnection> Connections => db.SingleSignOnConnections.IgnoreQueryFilters().AsNoTracking().Include(c => c.Domains);

    public async Task<(SingleSignOnConnection Connection, string OrganizationName)?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        if (SingleSignOnConnection.DomainOf(email) is not { } domain) return null;
        var connection = await Connections.SingleOrDefaultAsync(c => c.Domains.Any(d => d.Domain == domain), cancellationToken);
        if (connection is null) return null;
        var name = await db.Organizations.Where(o => o.Id == connection.OrganizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        return (connection, name);
    }

    public Task<SingleSignOnConnection?> FindAsync(Guid organizationId, CancellationToken cancellationToken) =>
        Connections.SingleOrDefaultAsync(c => c.OrganizationId == organizationId, cancellationToken);

    public async Task<IReadOnlyList<string>> ClaimedElsewhereAsync(Guid organizationId, IReadOnlyCollection<string> domains, CancellationToken cancellationToken) =>
        await db.Set<SingleSignOnDomain>().IgnoreQueryFilters()
            .Where(d => d.OrganizationId != organizationId && domains.Contains(d.Domain)).Select(d => d.Domain).ToListAsync(cancellationToken);

    public async Task<Guid?> RequiredForAsync(Guid userId, string email, CancellationToken cancellationToken)
    {
        if (SingleSignOnConnection.DomainOf(email) is not { } domain) return null;
        return await db.SingleSignOnConnections.IgnoreQueryFilters()
            .Where(c => c.Enabled && c.Required && c.Domains.Any(d => d.Domain == domain)
                && db.Memberships.IgnoreQueryFilters().Any(m => m.OrganizationId == c.OrganizationId && m.UserId == userId))
            .Select(c => (Guid?)c.OrganizationId).FirstOrDefaultAsync(cancellationToken);
    }

    public Task<bool> IsMemberAsync(Guid organizationId, Guid userId, CancellationToken cancellationToken) =>
        db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.OrganizationId == organizationId && m.UserId == userId, cancellationToken);

    public Task<bool> HasPendingInvitationAsync(Guid organizationId, string email, CancellationToken cancellationToken)
    {
        var address = Invitation.NormalizeEmail(email);
        var now = clock.GetUtcNow();
        return db.Invitations.IgnoreQueryFilters().AnyAsync(i => i.OrganizationId == organizationId && i.Email == address
            && i.Status == InvitationStatus.Pending && i.ExpiresAt > now, cancellationToken);
    }

    public Task<Role?> FindRoleAsync(Guid organizationId, Guid roleId, CancellationToken cancellationToken) =>
        db.Roles.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(r => r.Id == roleId && r.OrganizationId == organizationId, cancellationToken);
}

using Microsoft.Extensions.Options;
using VariantMiner.Application.Common.Messaging;
using VariantMiner.Application.Invitations;
using VariantMiner.Domain.Notifications;

namespace VariantMiner.Application.Notifications;

/// <summary>
/// Tells the right people about an event, in the same transaction as the change that caused it: the people involved
/// (or, when the organization chose so, every member), each only if they may see what it is about, in the app and by
/// e-mail (through the outbox) as their own choice, else the organization's default, else the event's, says. The
/// person who caused it is not told (unless the event says so). The organization's webhook gets every event once.
/// </summary>
public sealed class NotificationFanOut(IApplicationDbContext db, ICurrentUser currentUser, IMembershipLookup memberships, IUserAccounts accounts,
    Integrations.Webhooks webhooks, IOptions<InvitationOptions> links, TimeProvider clock)
{
    /// <summary>The members whose role holds <paramref name="permission"/> (Supervisors hold every one).</summary>
    public async Task<IReadOnlyList<Guid>> HoldersOfAsync(string permission, CancellationToken cancellationToken) =>
        await db.Memberships.Where(m => db.Roles.Any(r => r.Id == m.RoleId
                && (r.BuiltIn == Domain.Authorization.BuiltInRole.Supervisor || r.Permissions.Any(p => p.Permission == permission))))
            .Select(m => m.UserId).ToListAsync(cancellationToken);

    /// <param name="canSee">Whether this member (their access, their id) may see what the event is about.</param>
    /// <param name="link">The SPA path of what it is about.</param>
    /// <param name="tellActor">Tell the person who caused it too (what they started ends while they look elsewhere).</param>
    public async Task SendAsync(Guid organizationId, string @event, IEnumerable<Guid> involved, Func<OrganizationAccess, Guid, Task<bool>> canSee,
        string title, string link, CancellationToken cancellationToken, bool tellActor = false)
    {
        var definition = NotificationEvents.All[@event];
        var preferences = await db.NotificationPreferences.AsNoTracking()
            .Where(p => p.OrganizationId == organizationId && p.Event == @event).ToListAsync(cancellationToken);
        var organization = preferences.SingleOrDefault(p => p.IsOrganizationDefault);
        var candidates = organization?.Audience == NotificationAudience.Everyone
            ? await db.Memberships.Where(m => m.OrganizationId == organizationId).Select(m => m.UserId).ToListAsync(cancellationToken)
            : involved.Distinct().ToList();
        var clients = await db.OrganizationClients.Where(c => candidates.Contains(c.ServiceUserId)).Select(c => c.ServiceUserId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var told = new List<(Guid UserId, bool InApp, bool Email)>();
        foreach (var userId in candidates.Except(clients).Where(u => tellActor || u != currentUser.UserId))
        {
            var mine = preferences.SingleOrDefault(p => p.UserId == userId);
            var inApp = mine?.InApp ?? organization?.InApp ?? definition.InApp;
            var email = mine?.Email ?? organization?.Email ?? definition.Email;
            if (!inApp && !email) continue;
            if (await memberships.FindAsync(userId, organizationId, cancellationToken) is not { } access || !await canSee(access, userId)) continue;
            told.Add((userId, inApp, email));
        }
        await webhooks.QueueAsync(organizationId, @event, title, link, cancellationToken);
        var people = await accounts.FindManyAsync(told.Where(t => t.Email).Select(t => t.UserId), cancellationToken);
        foreach (var (userId, inApp, email) in told)
        {
            if (inApp) db.Notifications.Add(new Notification(organizationId, userId, @event, title, link, now));
            if (email && people.GetValueOrDefault(userId) is { } person)
                db.Outbox.Add(new OutboxMessage(organizationId, person.Email, title,
                    $"""
                    Hello {person.DisplayName},

                    {title}

                    {links.Value.Url(link)}

                    You receive this because of your notification settings in this organization; change them on the
                    Notifications page: {links.Value.Url($"/orgs/{organizationId}/notifications")}
                    """, now));
        }
    }
}

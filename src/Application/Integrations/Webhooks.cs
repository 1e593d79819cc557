using System.Text.Json;
using Microsoft.Extensions.Options;
using VariantMiner.Application.Invitations;
using VariantMiner.Domain.Integrations;

namespace VariantMiner.Application.Integrations;

/// <summary>
/// Queues an organization's events for its webhook, in the transaction of the change that caused them (an outbox row):
/// the events its members can be notified of, each once, whoever is told (an event raised outside the organization's
/// scope — an invitation accepted — is not sent). The body is what a notification says — the event, its title and a
/// link — not the data itself; the receiver follows the link (or the API) with its own access.
/// </summary>
public sealed class Webhooks(IApplicationDbContext db, IOptions<InvitationOptions> links, TimeProvider clock)
{
    public const string TestEvent = "webhook.test";

    /// <returns>The delivery queued, or null when the organization has no webhook.</returns>
    public async Task<WebhookDelivery?> QueueAsync(Guid organizationId, string @event, string title, string link, CancellationToken cancellationToken)
    {
        var url = await db.IntegrationSettings.Where(s => s.OrganizationId == organizationId).Select(s => s.WebhookUrl).SingleOrDefaultAsync(cancellationToken);
        if (url is null) return null;
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7();
        var payload = JsonSerializer.Serialize(new
        {
            id,
            @event,
            organizationId,
            occurredAt = now,
            title,
            url = links.Value.Url(link),
        }, Json);
        var delivery = new WebhookDelivery(id, organizationId, @event, payload, url, now);
        db.WebhookDeliveries.Add(delivery);
        return delivery;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}

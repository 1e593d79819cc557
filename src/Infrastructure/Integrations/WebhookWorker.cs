using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VariantMiner.Application.Common.Security;

namespace VariantMiner.Infrastructure.Integrations;

/// <summary>
/// Posts the organization's events to its webhook (one round of <see cref="DeliveryHttp"/>, then later rounds as for
/// reports; a failure is kept in the delivery log, no one is notified — the receiver is the organization's own system).
/// Each request is signed: <c>X-VariantMiner-Signature: sha256=HEX(HMAC-SHA256(secret, timestamp + "." + body))</c> with
/// <c>X-VariantMiner-Timestamp</c> (Unix seconds) so a receiver can refuse old or forged requests, and
/// <c>X-VariantMiner-Event</c> / <c>X-VariantMiner-Delivery</c> (the id, the same on every retry).
/// </summary>
public sealed class WebhookWorker(IServiceScopeFactory scopes, DeliveryHttp http, TimeProvider clock, ILogger<WebhookWorker> logger)
    : DeliveryWorker(http, clock, logger)
{
    public const string SignatureHeader = "X-VariantMiner-Signature", TimestampHeader = "X-VariantMiner-Timestamp",
        EventHeader = "X-VariantMiner-Event", DeliveryHeader = "X-VariantMiner-Delivery";

    public override async Task<bool> DeliverNextAsync(CancellationToken cancellationToken)
    {
        ClaimedDelivery? claimed;
        await using (var scope = scopes.CreateAsyncScope())
            claimed = await scope.ServiceProvider.GetRequiredService<DeliveryQueue>().ClaimAsync(DeliveryQueue.Webhooks, Clock.GetUtcNow(), Http.Claim, cancellationToken);
        if (claimed is null) return false;

        await using var work = scopes.CreateAsyncScope();
        var services = work.ServiceProvider;
        services.GetRequiredService<OrganizationContext>().Enter(OrganizationAccess.ForSystem(claimed.OrganizationId, Guid.Empty), null);
        var db = services.GetRequiredService<AppDbContext>();
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == claimed.Id, cancellationToken);
        var settings = await db.IntegrationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == claimed.OrganizationId, cancellationToken);

        DeliveryOutcome outcome;
        if (settings is not { WebhookUrl: { } endpoint, ProtectedWebhookSecret: { } protectedSecret })
            outcome = DeliveryOutcome.Refused(null, "No webhook is set for the organization any more.");
        else
        {
            delivery.SendingTo(endpoint);
            byte[]? secret;
            try
            {
                secret = Encoding.UTF8.GetBytes(services.GetRequiredService<ISecrets>().Unprotect(protectedSecret));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Logger.LogError(e, "Webhook delivery {Delivery}: the secret could not be read", delivery.Id);
                secret = null;
            }
            outcome = secret is null
                ? DeliveryOutcome.Refused(null, "The webhook's secret could not be read (see the server's log): set it again.")
                : await Http.SendAsync(() =>
                {
                    var timestamp = Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
                    var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json") };
                    request.Headers.Add(EventHeader, delivery.Event);
                    request.Headers.Add(DeliveryHeader, delivery.Id.ToString());
                    request.Headers.Add(TimestampHeader, timestamp);
                    request.Headers.Add(SignatureHeader, Signature(secret, timestamp, delivery.Payload));
                    return request;
                }, null, cancellationToken);
        }
        if (outcome.Delivered) delivery.Delivered(outcome.StatusCode!.Value, Clock.GetUtcNow());
        else
        {
            delivery.RoundFailed(outcome.StatusCode, outcome.Error!, Http.RetryAt(outcome, delivery.BackOff));
            // The address without its query: receivers often carry a token there.
            Logger.LogWarning("Webhook event {Event} ({Delivery}) not delivered to {Endpoint}: {Error}", delivery.Event, delivery.Id,
                Uri.TryCreate(delivery.Endpoint, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : "(the webhook)", outcome.Error);
        }
        await services.GetRequiredService<IUnitOfWork>().InTransactionAsync(() => db.SaveChangesAsync(cancellationToken), cancellationToken);
        return true;
    }

    /// <summary>What a receiver computes to check a request: <c>sha256=</c> and the hex HMAC-SHA256 of "timestamp.body".</summary>
    public static string Signature(byte[] secret, string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
}

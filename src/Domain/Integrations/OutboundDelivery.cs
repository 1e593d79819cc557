using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Integrations;

public enum DeliveryStatus
{
    /// <summary>Waiting to be sent, or to be tried again at <see cref="OutboundDelivery.NextAttemptAt"/>.</summary>
    Pending,
    Delivered,
    /// <summary>Given up: the server refused it, or kept failing.</summary>
    Failed,
}

/// <summary>
/// Something on its way to a server the organization configured (a signed report to its FHIR server, an event to its
/// webhook): written in the same transaction as what caused it (an outbox row), so a committed change cannot lose its
/// delivery and a rolled-back one sends nothing. A worker sends it; each round is several tries (transient failures,
/// honouring Retry-After); after <see cref="MaxRounds"/> rounds, or a refusal that trying again cannot change, it is failed.
/// </summary>
public abstract class OutboundDelivery : Entity, ITenantOwned
{
    public const int MaxRounds = 5;
    public const int ErrorMaxLength = 1000;

    protected OutboundDelivery() { }

    protected OutboundDelivery(Guid organizationId, string endpoint, DateTimeOffset at)
    {
        OrganizationId = organizationId;
        Endpoint = endpoint;
        CreatedAt = at;
        NextAttemptAt = at;
    }

    public Guid OrganizationId { get; private init; }
    /// <summary>The address it was last sent to (a pending delivery follows a corrected setting).</summary>
    public string Endpoint { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private init; }
    public DeliveryStatus Status { get; private set; }
    /// <summary>Rounds tried so far (each is several HTTP attempts).</summary>
    public int Rounds { get; private set; }
    public DateTimeOffset? NextAttemptAt { get; private set; }
    /// <summary>A worker's claim on it until then (several instances never send it twice at once).</summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }
    public int? LastStatusCode { get; private set; }
    public string? LastError { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <summary>A round starts: it goes to the address set now.</summary>
    public void SendingTo(string endpoint) => Endpoint = endpoint;

    public void Delivered(int statusCode, DateTimeOffset at)
    {
        Rounds++;
        Status = DeliveryStatus.Delivered;
        LastStatusCode = statusCode;
        LastError = null;
        DeliveredAt = at;
        NextAttemptAt = null;
        ClaimedUntil = null;
    }

    /// <summary>A round failed. Returns true when this was the end (permanent, or the last round): it is failed now.</summary>
    /// <param name="retryAt">When to try again (null: trying again cannot help).</param>
    public bool RoundFailed(int? statusCode, string error, DateTimeOffset? retryAt)
    {
        Rounds++;
        LastStatusCode = statusCode;
        LastError = error.Length > ErrorMaxLength ? error[..ErrorMaxLength] : error;
        ClaimedUntil = null;
        if (retryAt is null || Rounds >= MaxRounds)
        {
            Status = DeliveryStatus.Failed;
            NextAttemptAt = null;
            return true;
        }
        NextAttemptAt = retryAt;
        return false;
    }

    /// <summary>How long to wait after this round if it fails: 1, 4, 16, 64 minutes.</summary>
    public TimeSpan BackOff => TimeSpan.FromMinutes(Math.Pow(4, Rounds));
}

/// <summary>An event sent to the organization's webhook (the same events its members are notified of), signed with its secret.</summary>
public sealed class WebhookDelivery : OutboundDelivery
{
    private WebhookDelivery() { }

    /// <param name="id">The delivery's id, also in the payload (receivers use it to ignore a repeat).</param>
    public WebhookDelivery(Guid id, Guid organizationId, string @event, string payload, string endpoint, DateTimeOffset at) : base(organizationId, endpoint, at)
    {
        Id = id;
        Event = @event;
        Payload = payload;
    }

    public string Event { get; private init; } = "";
    /// <summary>The JSON body sent, as it was when the event happened.</summary>
    public string Payload { get; private init; } = "";
}

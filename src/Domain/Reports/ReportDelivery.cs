using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Reports;

public enum DeliveryStatus
{
    /// <summary>Waiting to be sent, or to be tried again at <see cref="ReportDelivery.NextAttemptAt"/>.</summary>
    Pending,
    Delivered,
    /// <summary>Given up: the server refused it, or kept failing; the people concerned were told.</summary>
    Failed,
}

/// <summary>
/// A signed report version on its way to the organization's FHIR server: written in the same transaction as the signature
/// (an outbox row), so a committed signature cannot lose its delivery and a rolled-back one sends nothing. A worker sends
/// it; each round is several tries (transient failures, honouring Retry-After); after <see cref="MaxRounds"/> rounds, or a
/// refusal that trying again cannot change, it is failed.
/// </summary>
public sealed class ReportDelivery : Entity, ITenantOwned
{
    public const int MaxRounds = 5;
    public const int ErrorMaxLength = 1000;

    private ReportDelivery() { }

    public ReportDelivery(Guid organizationId, Guid workspaceId, Guid reportId, Guid versionId, int versionNumber, string endpoint, Guid requestedBy, DateTimeOffset at)
    {
        OrganizationId = organizationId;
        WorkspaceId = workspaceId;
        ReportId = reportId;
        VersionId = versionId;
        VersionNumber = versionNumber;
        Endpoint = endpoint;
        RequestedBy = requestedBy;
        CreatedAt = at;
        NextAttemptAt = at;
    }

    public Guid OrganizationId { get; private init; }
    public Guid WorkspaceId { get; private init; }
    public Guid ReportId { get; private init; }
    public Guid VersionId { get; private init; }
    public int VersionNumber { get; private init; }
    /// <summary>The FHIR server's base address it was last sent to (a pending delivery follows a corrected setting).</summary>
    public string Endpoint { get; private set; } = "";
    /// <summary>Who signed (or sent it again): told when it fails.</summary>
    public Guid RequestedBy { get; private init; }
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
    /// <summary>Where the server keeps it (its Location header), when it said.</summary>
    public string? RemoteLocation { get; private set; }

    /// <summary>A round starts: it goes to the address set now.</summary>
    public void SendingTo(string endpoint) => Endpoint = endpoint;

    public void Delivered(int statusCode, string? location, DateTimeOffset at)
    {
        Rounds++;
        Status = DeliveryStatus.Delivered;
        LastStatusCode = statusCode;
        LastError = null;
        RemoteLocation = location?.Length > 500 ? location[..500] : location;
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

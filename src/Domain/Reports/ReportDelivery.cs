using VariantMiner.Domain.Integrations;

namespace VariantMiner.Domain.Reports;

/// <summary>A signed report version on its way to the organization's FHIR server, written in the same transaction as the signature.</summary>
public sealed class ReportDelivery : OutboundDelivery
{
    private ReportDelivery() { }

    public ReportDelivery(Guid organizationId, Guid workspaceId, Guid reportId, Guid versionId, int versionNumber, string endpoint, Guid requestedBy, DateTimeOffset at)
        : base(organizationId, endpoint, at)
    {
        WorkspaceId = workspaceId;
        ReportId = reportId;
        VersionId = versionId;
        VersionNumber = versionNumber;
        RequestedBy = requestedBy;
    }

    public Guid WorkspaceId { get; private init; }
    public Guid ReportId { get; private init; }
    public Guid VersionId { get; private init; }
    public int VersionNumber { get; private init; }
    /// <summary>Who signed (or sent it again): told when it fails.</summary>
    public Guid RequestedBy { get; private init; }
    /// <summary>Where the server keeps it (its Location header), when it said.</summary>
    public string? RemoteLocation { get; private set; }

    public void Delivered(int statusCode, string? location, DateTimeOffset at)
    {
        Delivered(statusCode, at);
        RemoteLocation = location?.Length > 500 ? location[..500] : location;
    }
}

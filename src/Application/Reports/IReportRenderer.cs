namespace VariantMiner.Application.Reports;

/// <summary>
/// How a version is printed: a draft carries a DRAFT watermark; a signed one its signature block (and the first signature,
/// under the two-person rule); every page the organization's letterhead.
/// </summary>
public sealed record ReportPrinting(int Version, string Status, string? Kind, string? Reason, ReportSignatureDto? Signature, ReportFirstSignatureDto? FirstSignature,
    ReportLetterhead Letterhead);

/// <summary>Renders a report as PDF (headless Chromium). Throws a 503 <see cref="RequestRefusedException"/> when this server cannot.</summary>
public interface IReportRenderer
{
    Task<byte[]> RenderPdfAsync(ReportSnapshotDto snapshot, ReportPrinting printing, CancellationToken cancellationToken);
}

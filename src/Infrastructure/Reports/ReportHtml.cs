using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using VariantMiner.Application.Reports;

namespace VariantMiner.Infrastructure.Reports;

/// <summary>
/// The printable page of a report version. Every text from people (titles, names, interpretation) is HTML-encoded, and
/// the page loads nothing (no scripts run, no address is fetched: see <see cref="ChromiumReportRenderer"/>).
/// </summary>
public static class ReportHtml
{
    /// <summary>The SHA-256 of what the report says (its snapshot), printed in the signature block.</summary>
    public static string ContentFingerprint(ReportSnapshotDto snapshot) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(snapshot.ToJson())));

    public static string Render(ReportSnapshotDto s, ReportPrinting printing)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(s.Title)).Append("</title><style>")
            .Append(Style).Append("</style></head><body>");
        if (printing.Signature is null) html.Append("<div class=\"watermark\">DRAFT</div>");
        var letterhead = printing.Letterhead;
        if (letterhead.LogoDataUri is not null || letterhead.Header is not null)
        {
            html.Append("<div class=\"letterhead\">");
            // The logo was checked to be a PNG or JPEG when it was saved; a data URI is the only address the page may load.
            if (letterhead.LogoDataUri is { } logo) html.Append("<img class=\"logo\" alt=\"\" src=\"").Append(E(logo)).Append("\">");
            if (letterhead.Header is { } top) html.Append("<div class=\"header-text\">").Append(E(top)).Append("</div>");
            html.Append("</div>");
        }
        html.Append("<header><div class=\"org\">").Append(E(s.Organization)).Append(" · ").Append(E(s.Workspace)).Append("</div>")
            .Append("<h1>").Append(E(s.Title)).Append("</h1>")
            .Append("<p class=\"meta\">Genomic report · version ").Append(printing.Version).Append(" · status ").Append(E(printing.Status));
        if (printing.Kind is not null) html.Append(" (").Append(E(printing.Kind)).Append(')');
        html.Append("</p>");
        if (printing.Reason is not null) html.Append("<p class=\"reason\">Why this version: ").Append(E(printing.Reason)).Append("</p>");
        html.Append("</header>");

        html.Append("<h2>Subject and specimens</h2><table><tbody>");
        if (s.Subject is { } subject)
        {
            Row(html, "Subject", subject.ExternalId);
            Row(html, "Sex", subject.Sex);
            Row(html, "Date of birth", subject.DateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "not recorded");
            if (subject.PhenotypeTerms.Count > 0) Row(html, "Phenotype", string.Join(", ", subject.PhenotypeTerms));
        }
        foreach (var specimen in s.Specimens) Row(html, "Specimen", $"{specimen.Name} ({specimen.Assay})");
        html.Append("</tbody></table>");

        html.Append("<h2>Method</h2><table><tbody>");
        Row(html, "Pipeline", s.Method.Pipeline + (s.Method.Workflow is { } w ? $" (workflow {w})" : ""));
        Row(html, "Reference", s.Method.Reference ?? "none recorded");
        Row(html, "Genome build", s.Method.GenomeBuild);
        Row(html, "Analysis", s.Method.AnalysisId.ToString());
        if (s.Method.CompletedAt is { } done) Row(html, "Completed", Utc(done));
        html.Append("</tbody></table>");

        html.Append("<h2>Reported variants</h2>");
        if (s.Variants.Count == 0) html.Append("<p>No variants are reported.</p>");
        else
        {
            html.Append("<table class=\"variants\"><thead><tr><th>Gene</th><th>Variant</th><th>HGVS</th><th>Consequence</th><th>Zygosity</th>")
                .Append("<th>Population AF</th><th>ClinVar</th><th>Classification</th></tr></thead><tbody>");
            foreach (var v in s.Variants)
            {
                html.Append("<tr><td>").Append(E(v.Gene ?? "—")).Append("</td><td>").Append(E($"{v.Chrom}:{v.Position} {v.Ref}>{v.Alt}"))
                    .Append("</td><td>").Append(E(string.Join(" ", new[] { v.Transcript, v.DnaChange, v.ProteinChange }.Where(x => x is not null))))
                    .Append("</td><td>").Append(E(v.Consequence ?? "—")).Append("</td><td>").Append(E(v.Zygosity))
                    .Append("</td><td>").Append(v.PopulationAf?.ToString("0.######", CultureInfo.InvariantCulture) ?? "—")
                    .Append("</td><td>").Append(E(v.ClinVar ?? "—")).Append("</td><td>").Append(E(v.Classification ?? "not classified")).Append("</td></tr>");
                if (v.Evidence is not null) html.Append("<tr class=\"evidence\"><td></td><td colspan=\"7\">Evidence: ").Append(E(v.Evidence)).Append("</td></tr>");
            }
            html.Append("</tbody></table>");
        }
        Section(html, "Interpretation", s.Interpretation);
        Section(html, "Conclusion", s.Conclusion);
        Section(html, "Limitations", s.Limitations);
        Section(html, "How the variants were selected", s.FiltersUsed);

        html.Append("<section class=\"signature\"><h2>Signature</h2>");
        if (printing.FirstSignature is { } first)
            html.Append("<p>First signed by <strong>").Append(E(first.Signer.DisplayName)).Append("</strong> on ").Append(Utc(first.SignedAt))
                .Append(". Meaning: <strong>").Append(E(first.Meaning)).Append("</strong>.</p>");
        if (printing.Signature is { } signature)
            html.Append("<p>Electronically signed by <strong>").Append(E(signature.Signer.DisplayName)).Append("</strong> on ").Append(Utc(signature.SignedAt))
                .Append(". Meaning: <strong>").Append(E(signature.Meaning)).Append("</strong>.</p>");
        else html.Append("<p><strong>DRAFT — not signed.</strong> This document is not a clinical report.</p>");
        html.Append("<p class=\"fingerprint\">Content SHA-256: ").Append(ContentFingerprint(s)).Append("</p></section>");
        if (letterhead.Footer is { } bottom) html.Append("<footer class=\"letterfoot\">").Append(E(bottom)).Append("</footer>");
        html.Append("</body></html>");
        return html.ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static void Row(StringBuilder html, string label, string value) =>
        html.Append("<tr><th scope=\"row\">").Append(E(label)).Append("</th><td>").Append(E(value)).Append("</td></tr>");

    private static void Section(StringBuilder html, string title, string? text)
    {
        if (text is null) return;
        html.Append("<h2>").Append(E(title)).Append("</h2>");
        foreach (var paragraph in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)) html.Append("<p>").Append(E(paragraph.Trim())).Append("</p>");
    }

    private const string Style = """
        body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; color: #111; }
        header { border-bottom: 2px solid #234; margin-bottom: 12px; }
        .org { font-size: 9pt; color: #444; }
        h1 { font-size: 16pt; margin: 4px 0; }
        h2 { font-size: 11pt; margin: 14px 0 6px; border-bottom: 1px solid #bbb; }
        .meta, .reason { margin: 2px 0 8px; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 2px 6px; vertical-align: top; }
        table.variants th { background: #e8edf2; font-size: 8.5pt; }
        table.variants td { border-bottom: 1px solid #ddd; font-size: 8.5pt; word-break: break-word; }
        tr.evidence td { font-size: 8pt; color: #333; }
        .signature { margin-top: 18px; page-break-inside: avoid; }
        .fingerprint { font-family: 'DejaVu Sans Mono', monospace; font-size: 7.5pt; word-break: break-all; }
        .letterhead { display: flex; align-items: center; gap: 12px; margin-bottom: 8px; }
        .logo { max-height: 48px; max-width: 200px; }
        .header-text, .letterfoot { font-size: 8.5pt; color: #333; white-space: pre-line; }
        .letterfoot { margin-top: 18px; border-top: 1px solid #bbb; padding-top: 4px; }
        .watermark { position: fixed; top: 40%; left: 10%; font-size: 110pt; color: rgba(200, 0, 0, 0.12); transform: rotate(-30deg); z-index: -1; }
        """;
}

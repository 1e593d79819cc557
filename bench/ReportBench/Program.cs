// The report PDF and its FHIR export, timed: a 50-variant report rendered by headless Chromium (the renderer the server
// uses, its browser kept warm as in the server) and the same version built and serialised as a Genomics Reporting
// Bundle. Median of 20 after 3 warm-ups.
//   dotnet run -c Release --project bench/ReportBench [-- <variants> <runs>]
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VariantMiner.Application.Reports;
using VariantMiner.Domain.Reports;
using VariantMiner.Infrastructure.Reports;

var variants = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
var tiers = new[] { "pathogenic", "likely-pathogenic", "uncertain", "likely-benign", "benign", null };
var snapshot = new ReportSnapshotDto("Bench Lab", "Genomes", "Epilepsy panel — P-0001",
    new ReportSubjectDto("P-0001", "female", new DateOnly(1990, 5, 17), ["HP:0001250", "HP:0001263"]),
    [new ReportSpecimenDto(Guid.CreateVersion7(), "NA12878", "WES")],
    new ReportMethodDto(Guid.CreateVersion7(), "germline-fastq", "Germline default", "GRCh38 2024-01", "GRCh38", DateTimeOffset.UtcNow),
    Enumerable.Range(1, variants).Select(i => new ReportVariantDto(i, $"GRCh38:chr1:{1_000_000 + i * 137}:G:A", "chr1", 1_000_000 + i * 137, "G", "A",
        $"GENE{i}", "missense_variant", $"ENST{i:D11}.1", $"c.{100 + i}G>A", $"p.Arg{30 + i}His", i % 3 == 0 ? "homozygous" : "heterozygous",
        0.0001 * i, i % 4 == 0 ? "Pathogenic" : null, tiers[i % tiers.Length], i % 2 == 0 ? "PM2, PP3" : null)).ToList(),
    string.Join(" ", Enumerable.Repeat("A heterozygous missense variant explains the phenotype.", 20)), "Likely pathogenic.", "Coverage below 20x in 3%.",
    "Rare (AF < 1%), protein-altering, in the epilepsy panel.");
var report = new Report(Guid.CreateVersion7(), Guid.CreateVersion7(), snapshot.Method.AnalysisId, null, snapshot.Title,
    ReportContent.Checked(snapshot.Variants.Select(v => v.Id).ToList(), snapshot.Interpretation, snapshot.Conclusion, snapshot.Limitations, snapshot.FiltersUsed),
    Guid.CreateVersion7(), DateTimeOffset.UtcNow);
var signature = new Signature(Guid.CreateVersion7(), "Dr. C. Curator", DateTimeOffset.UtcNow, "approved");
var printing = new ReportPrinting(1, "final", null, null, new ReportSignatureDto(new(signature.SignerId, signature.SignerName), signature.SignedAt, "approved", ""),
    null, new ReportLetterhead("Genomics Laboratory · 1 Lab Street", "Accredited laboratory. Results are for clinical use by the ordering clinician.", null));

await using var renderer = new ChromiumReportRenderer(Options.Create(new ReportOptions()), NullLogger<ChromiumReportRenderer>.Instance);
byte[] pdf = [];
var pdfMs = await MedianAsync(async () => pdf = await renderer.RenderPdfAsync(snapshot, printing, CancellationToken.None));
var version = report.Sign(signature, snapshot.ToJson(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));
var json = "";
var fhirMs = await MedianAsync(() =>
{
    json = FhirReport.ToJson(FhirReport.Build(report.Id, report.WorkspaceId, version, "final", snapshot, null, pdf));
    return Task.CompletedTask;
});
Console.WriteLine($"| {variants} variants | PDF {pdfMs:0.0} ms ({pdf.Length / 1024.0:0} KiB, {CountPages(pdf)} pages) | FHIR {fhirMs:0.00} ms ({json.Length / 1024.0:0} KiB) |");

async Task<double> MedianAsync(Func<Task> action)
{
    for (var i = 0; i < 3; i++) await action();
    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await action();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return times[times.Count / 2];
}

static int CountPages(byte[] pdf) => System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count;

using System.Globalization;
using System.Text;
using VariantMiner.Infrastructure.Variants.Vcf;

namespace VariantMiner.Infrastructure.UnitTests.Variants.Vcf;

/// <summary>
/// The correctness proof: on every VCF of Debian's htslib-test package, on this project's fixtures and on generated
/// multi-allelic files, the reader's rows (chrom, pos, ref, alt, sample, GT) are exactly the lines that
/// <c>bcftools norm -m- | bcftools query</c> prints, each as many times. A file bcftools refuses is reported as
/// skipped-by-bcftools (after checking our reader fails on it only with a VcfFormatException, if at all); a file
/// bcftools reads and our reader refuses fails, unless it is in <see cref="InvalidFiles"/> with the reason.
/// </summary>
[TestFixture]
public class VcfReaderAgreesWithBcftoolsTests
{
    private const string HtslibTest = "/usr/share/htslib-test";

    /// <summary>Files bcftools reads but that are not valid VCF, so our reader may refuse them: path → why.</summary>
    private static readonly Dictionary<string, string> InvalidFiles = new(StringComparer.Ordinal);

    private static int s_compared, s_skipped;

    public static IEnumerable<TestCaseData> Files()
    {
        if (!Directory.Exists(HtslibTest))
        {
            yield return new TestCaseData("(missing)").SetName("htslib-test is not installed");
            yield break;
        }
        var found = Directory.EnumerateFiles(HtslibTest, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".vcf", StringComparison.Ordinal) || f.EndsWith(".vcf.gz", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        foreach (var file in found)
            yield return new TestCaseData(file).SetName("htslib-test " + Path.GetRelativePath(HtslibTest, file));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "Variants", "Vcf", "Data"), "*.vcf").Order(StringComparer.Ordinal))
            yield return new TestCaseData(file).SetName("fixture " + Path.GetFileName(file));
    }

    [TestCaseSource(nameof(Files))]
    public void Rows_are_what_bcftools_norm_then_query_prints(string path)
    {
        if (path == "(missing)")
            Assert.Fail($"{HtslibTest} is missing: apt-get install htslib-test (CI's .ci/run installs it); the reader is proven on its VCF files.");
        var expected = Bcftools.NormAndQuery(path);
        if (expected.Refusal is { } refusal)
        {
            string ours;
            try
            {
                ours = $"our reader reads {Bcftools.OurSites(path).Count} rows";
            }
            catch (VcfFormatException e)
            {
                ours = $"our reader refuses it too: {e.Message}";
            }
            Interlocked.Increment(ref s_skipped);
            Assert.Ignore($"skipped-by-bcftools: {refusal} ({ours})");
        }

        List<string> sites, lines;
        try
        {
            sites = Bcftools.OurSites(path);
            lines = Bcftools.OurQueryLines(path, expected.SitesOnly, expected.HasGt);
        }
        catch (VcfFormatException e) when (InvalidFiles.TryGetValue(Path.GetRelativePath(HtslibTest, path), out var why))
        {
            Assert.Ignore($"excluded as invalid VCF ({why}); our reader: {e.Message}");
            return;
        }
        catch (VcfFormatException e)
        {
            Assert.Fail($"bcftools reads {path} but our reader refuses it: {e.Message}");
            return;
        }
        Bcftools.AssertSameLines(sites, expected.Sites, $"{path}, (chrom, pos, ref, alt) against bcftools norm's VCF output");
        Bcftools.AssertSameLines(lines, expected.Lines, $"{path}, against bcftools query of norm's output");
        Interlocked.Increment(ref s_compared);
        TestContext.Out.WriteLine($"compared {sites.Count} rows and {lines.Count} query lines ("
            + (expected.SitesOnly ? "sites only" : expected.HasGt ? "per sample with GT" : "per sample, the header defines no GT") + ")");
    }

    /// <summary>Random multi-allelic records: ploidy 1 to 3, phased and not, missing and partial genotypes, up to 4 ALTs.</summary>
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public void Generated_multiallelic_records_split_as_bcftools_splits_them(int seed)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vcf-random-{seed}-{Environment.ProcessId}.vcf");
        try
        {
            File.WriteAllText(path, RandomVcf(seed, records: 1500, samples: 6));
            var expected = Bcftools.NormAndQuery(path);
            Assert.That(expected.Refusal, Is.Null, "bcftools refused the generated file");
            Assert.That(expected.Lines, Has.Count.GreaterThan(1500 * 6));
            Bcftools.AssertSameLines(Bcftools.OurSites(path), expected.Sites, $"generated file, seed {seed}, sites");
            Bcftools.AssertSameLines(Bcftools.OurQueryLines(path, sitesOnly: false), expected.Lines, $"generated file, seed {seed}");

            // The same file as BGZF from the real bgzip (several blocks) gives the same rows.
            var compressed = Bcftools.Bgzip(path);
            try
            {
                Bcftools.AssertSameLines(Bcftools.OurQueryLines(compressed, sitesOnly: false), expected.Lines, $"bgzipped generated file, seed {seed}");
            }
            finally
            {
                File.Delete(compressed);
            }
        }
        finally
        {
            File.Delete(path);
        }
    }

    [OneTimeTearDown]
    public void Summary() =>
        TestContext.Progress.WriteLine($"VCF reader vs bcftools: {s_compared} files compared, {s_skipped} skipped-by-bcftools, {InvalidFiles.Count} excluded as invalid.");

    internal static string RandomVcf(int seed, int records, int samples)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        text.Append("##fileformat=VCFv4.2\n##contig=<ID=1,length=100000000>\n##contig=<ID=2,length=100000000>\n");
        text.Append("##INFO=<ID=AC,Number=A,Type=Integer,Description=\"AC\">\n");
        text.Append("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n");
        text.Append("##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n");
        text.Append("##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths\">\n");
        text.Append("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT");
        for (var s = 0; s < samples; s++) text.Append("\tS").Append(s + 1);
        text.Append('\n');
        string[] bases = ["A", "C", "G", "T", "AT", "CGG", "<DEL>", "*"];
        var pos = 100;
        for (var r = 0; r < records; r++)
        {
            pos += random.Next(1, 50);
            var altCount = random.Next(0, 5);
            var alts = bases.Skip(1).OrderBy(_ => random.Next()).Take(altCount).ToList();
            text.Append(CultureInfo.InvariantCulture, $"{(r < records / 2 ? 1 : 2)}\t{pos}\t.\tA\t{(altCount == 0 ? "." : string.Join(',', alts))}\t.\t.\t");
            text.Append(altCount == 0 ? "." : "AC=" + string.Join(',', alts.Select(_ => random.Next(0, 9)))).Append("\tGT:DP:AD");
            for (var s = 0; s < samples; s++)
            {
                text.Append('\t');
                var ploidy = random.Next(0, 10) switch { 0 => 1, 1 => 3, _ => 2 };
                if (random.Next(0, 12) == 0) text.Append('.');
                else
                {
                    for (var a = 0; a < ploidy; a++)
                    {
                        if (a > 0) text.Append(random.Next(0, 2) == 0 ? '/' : '|');
                        text.Append(random.Next(0, 6) == 0 ? "." : random.Next(0, altCount + 1).ToString(CultureInfo.InvariantCulture));
                    }
                }
                text.Append(':').Append(random.Next(0, 4) == 0 ? "." : random.Next(0, 99).ToString(CultureInfo.InvariantCulture));
                text.Append(':').Append(string.Join(',', Enumerable.Range(0, altCount + 1).Select(_ => random.Next(0, 30))));
            }
            text.Append('\n');
        }
        return text.ToString();
    }
}

using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using VariantMiner.Infrastructure.Variants.Vcf;

namespace VariantMiner.Infrastructure.UnitTests.Variants.Vcf;

/// <summary>
/// Runs bcftools (and bgzip) for the tests that hold the reader to what they print. CI installs them; without them
/// these tests fail with a message saying so, they are not skipped.
/// </summary>
internal static class Bcftools
{
    public const string PerSampleFormat = "[%CHROM\\t%POS\\t%REF\\t%ALT\\t%SAMPLE\\t%GT\\n]";
    public const string PerSampleFormatWithoutGt = "[%CHROM\\t%POS\\t%REF\\t%ALT\\t%SAMPLE\\n]";
    public const string SitesFormat = "%CHROM\\t%POS\\t%REF\\t%ALT\\n";

    public sealed record Result(int ExitCode, string Output, string Errors)
    {
        /// <summary>bcftools 1.16 may stop at a bad record with exit code 0 and only an [E::...] line on stderr.</summary>
        public string? Refusal =>
            ExitCode != 0 ? $"exit code {ExitCode}: {FirstErrorLine() ?? "(no message)"}" : FirstErrorLine();

        private string? FirstErrorLine() => Errors.Split('\n')
            .Select(line => line.Trim())
            .FirstOrDefault(line => line.StartsWith("[E::", StringComparison.Ordinal) || line.Contains("Error", StringComparison.Ordinal)
                || line.StartsWith("Failed", StringComparison.Ordinal));
    }

    /// <summary>
    /// What bcftools makes of a file: norm -m- splits it; Sites are (chrom, pos, ref, alt) of norm's VCF output as
    /// written, Lines what query prints of it, one line per sample (or per site without samples). bcftools query
    /// refuses %GT when the header defines no GT (then no record has one), so GT is left out of the lines then.
    /// </summary>
    public sealed record Expectation(string? Refusal, bool SitesOnly, bool HasGt, List<string> Sites, List<string> Lines);

    public static Expectation NormAndQuery(string path)
    {
        var normalized = Path.GetTempFileName();
        try
        {
            var norm = Run("bcftools", "norm", "-m-", "-Ov", "-o", normalized, path);
            if (norm.Refusal is { } normRefusal) return Refused($"bcftools norm -m-: {normRefusal}");
            var list = Run("bcftools", "query", "-l", normalized);
            if (list.Refusal is { } listRefusal) return Refused($"bcftools query -l: {listRefusal}");
            var sitesOnly = list.Output.Trim().Length == 0;
            var text = File.ReadAllLines(normalized);
            var hasGt = text.Any(line => line.StartsWith("##FORMAT=<ID=GT,", StringComparison.Ordinal));
            var sites = text.Where(line => line.Length > 0 && line[0] != '#')
                .Select(line => line.Split('\t'))
                .Select(columns => $"{columns[0]}\t{columns[1]}\t{columns[3]}\t{columns[4]}")
                .ToList();
            var query = Run("bcftools", "query", "-f", sitesOnly ? SitesFormat : hasGt ? PerSampleFormat : PerSampleFormatWithoutGt, normalized);
            if (query.Refusal is { } queryRefusal) return Refused($"bcftools query of norm's output: {queryRefusal}");
            return new(null, sitesOnly, hasGt, sites, query.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList());
        }
        finally
        {
            File.Delete(normalized);
        }

        static Expectation Refused(string why) => new(why, false, false, [], []);
    }

    /// <summary>(chrom, pos, ref, alt) of each of our rows.</summary>
    public static List<string> OurSites(string path)
    {
        using var reader = VcfReader.Open(path);
        return reader.ReadVariants().Select(row => $"{row.Chrom}\t{row.Pos}\t{row.Ref}\t{row.Alt}").ToList();
    }

    /// <summary>
    /// The lines bcftools query would print of our rows: one per (row, sample), or per row for a file without
    /// samples. Without GT (withGt false) the lines end at the sample, and every GT must be absent. POS is printed as
    /// bcftools 1.16 query prints it: as a 32-bit int, so 10009999919 shows as 1420065327 (norm's own VCF output has
    /// it right, and <see cref="OurSites"/> is compared with that).
    /// </summary>
    public static List<string> OurQueryLines(string path, bool sitesOnly, bool withGt = true)
    {
        using var reader = VcfReader.Open(path);
        var lines = new List<string>();
        var samples = reader.Header.SampleNames;
        foreach (var row in reader.ReadVariants())
        {
            var pos = row.Pos > int.MaxValue ? unchecked((int)row.Pos) : row.Pos;
            if (sitesOnly)
            {
                lines.Add($"{row.Chrom}\t{pos}\t{row.Ref}\t{row.Alt}");
                continue;
            }
            for (var s = 0; s < samples.Count; s++)
            {
                if (withGt)
                {
                    lines.Add($"{row.Chrom}\t{pos}\t{row.Ref}\t{row.Alt}\t{samples[s]}\t{row.Samples[s].GT}");
                    continue;
                }
                Assert.That(row.Samples[s].GT.Ploidy, Is.Zero, $"line {row.LineNumber}: a GT where the header defines none");
                lines.Add($"{row.Chrom}\t{pos}\t{row.Ref}\t{row.Alt}\t{samples[s]}");
            }
        }
        return lines;
    }

    /// <summary>Fails unless both have the same lines the same number of times; names a few that differ.</summary>
    public static void AssertSameLines(List<string> ours, List<string> bcftools, string what)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in bcftools) counts[line] = counts.GetValueOrDefault(line) + 1;
        foreach (var line in ours) counts[line] = counts.GetValueOrDefault(line) - 1;
        var onlyBcftools = counts.Where(c => c.Value > 0).Select(c => c.Key).Order(StringComparer.Ordinal).Take(10).ToList();
        var onlyOurs = counts.Where(c => c.Value < 0).Select(c => c.Key).Order(StringComparer.Ordinal).Take(10).ToList();
        if (onlyBcftools.Count == 0 && onlyOurs.Count == 0) return;
        var message = new StringBuilder($"{what}: our reader gave {ours.Count} lines, bcftools {bcftools.Count}.\n");
        message.AppendLine("Only bcftools (first 10):").AppendLine(string.Join('\n', onlyBcftools.Select(l => "  " + l.Replace('\t', ' '))));
        message.AppendLine("Only ours (first 10):").AppendLine(string.Join('\n', onlyOurs.Select(l => "  " + l.Replace('\t', ' '))));
        Assert.Fail(message.ToString());
    }

    public static Result Run(string tool, params string[] arguments) => Run(tool, null, arguments);

    public static Result Run(string tool, Stream? standardInput, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"{tool} is not installed ({e.Message}): apt-get install bcftools tabix (CI's .ci/run installs them); "
                + "the VCF reader's tests compare it with what bcftools prints.");
            throw;
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (standardInput is not null)
            {
                standardInput.CopyTo(process.StandardInput.BaseStream);
                process.StandardInput.Close();
            }
            process.WaitForExit();
            return new(process.ExitCode, output.GetAwaiter().GetResult(), errors.GetAwaiter().GetResult());
        }
    }

    /// <summary>Compresses a file with the real bgzip (BGZF blocks of at most 64 KiB each), returns the .gz path.</summary>
    public static string Bgzip(string path)
    {
        var result = Run("bgzip", "-f", "-k", path);
        Assert.That(result.ExitCode, Is.Zero, $"bgzip failed: {result.Errors}");
        return path + ".gz";
    }
}

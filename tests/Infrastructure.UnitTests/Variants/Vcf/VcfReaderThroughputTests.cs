using System.Diagnostics;
using System.Globalization;
using System.Text;
using VariantMiner.Infrastructure.Variants.Vcf;

namespace VariantMiner.Infrastructure.UnitTests.Variants.Vcf;

/// <summary>
/// A rough throughput figure, run by hand (it asserts no timings): 1,000,000 records × 3 samples as BGZF, read with
/// our reader (every row's GT formatted, as an import would) and with bcftools query -f '[%GT]\n'.
/// Run: dotnet test tests/Infrastructure.UnitTests -c Release --filter Name~Throughput --logger "console;verbosity=detailed"
/// </summary>
[TestFixture]
[Explicit("a benchmark: minutes of work and a 30 MB temporary file")]
public class VcfReaderThroughputTests
{
    [Test]
    public void Throughput_of_one_million_records_of_three_samples()
    {
        const int records = 1_000_000;
        var plain = Path.Combine(Path.GetTempPath(), $"vcf-throughput-{Environment.ProcessId}.vcf");
        try
        {
            var generate = Stopwatch.StartNew();
            WriteVcf(plain, records);
            var bgzip = Bcftools.Run("bgzip", "-@2", "-f", plain);
            Assert.That(bgzip.ExitCode, Is.Zero, bgzip.Errors);
            var path = plain + ".gz";
            TestContext.Out.WriteLine($"generated {records:N0} records × 3 samples in {generate.Elapsed.TotalSeconds:F1} s: {new FileInfo(path).Length / 1e6:F1} MB BGZF");

            // Warm-up (JIT, file cache), then the timed run.
            Read(path, 50_000);
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var ours = Stopwatch.StartNew();
            var (rows, gtCharacters, peakHeap) = Read(path, long.MaxValue);
            ours.Stop();
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;

            // What decompressing and decoding the text alone costs, for scale.
            var inflate = Stopwatch.StartNew();
            using (var text = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress)))
            {
                var chars = new char[1 << 16];
                while (text.Read(chars, 0, chars.Length) > 0) { }
            }
            inflate.Stop();
            TestContext.Out.WriteLine($"GZipStream + UTF-8 decoding alone: {inflate.Elapsed.TotalSeconds:F2} s");

            var theirs = Stopwatch.StartNew();
            var query = Bcftools.Run("bash", "-c", $"bcftools query -f '[%GT]\\n' '{path}' | wc -l");
            theirs.Stop();
            Assert.That(query.ExitCode, Is.Zero, query.Errors);

            Assert.That(rows, Is.GreaterThan(records));
            TestContext.Out.WriteLine(
                $"VcfReader: {rows:N0} rows (split per ALT) in {ours.Elapsed.TotalSeconds:F2} s = {rows / ours.Elapsed.TotalSeconds:N0} rows/s, "
                + $"{records / ours.Elapsed.TotalSeconds:N0} records/s ({gtCharacters:N0} GT characters formatted); "
                + $"{allocated / 1e6:N0} MB allocated in all, managed heap at most {peakHeap / 1e6:N1} MB");
            TestContext.Out.WriteLine(
                $"bcftools query -f '[%GT]\\n': {query.Output.Trim()} lines in {theirs.Elapsed.TotalSeconds:F2} s = {records / theirs.Elapsed.TotalSeconds:N0} records/s");
        }
        finally
        {
            File.Delete(plain);
            File.Delete(plain + ".gz");
        }
    }

    private static (long Rows, long Characters, long PeakHeap) Read(string path, long maxRows)
    {
        using var reader = VcfReader.Open(path);
        long rows = 0, characters = 0, depth = 0, peakHeap = 0;
        Span<char> buffer = stackalloc char[64];
        foreach (var row in reader.ReadVariants())
        {
            foreach (var sample in row.Samples)
            {
                if (sample.GT.TryFormat(buffer, out var written)) characters += written;
                depth += sample.DP ?? 0;
            }
            if (++rows % 100_000 == 0) peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
            if (rows >= maxRows) break;
        }
        Assert.That(depth, Is.Positive);
        return (rows, characters, peakHeap);
    }

    /// <summary>Records like a joint-called exome: mostly SNVs, one in ten multi-allelic, GT:AD:DP:GQ:PL.</summary>
    private static void WriteVcf(string path, int records)
    {
        var random = new Random(42);
        using var output = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        output.Write("##fileformat=VCFv4.2\n");
        foreach (var chrom in Enumerable.Range(1, 22)) output.Write($"##contig=<ID=chr{chrom},length=250000000>\n");
        output.Write("##INFO=<ID=AC,Number=A,Type=Integer,Description=\"Allele count\">\n");
        output.Write("##INFO=<ID=AF,Number=A,Type=Float,Description=\"Allele frequency\">\n");
        output.Write("##INFO=<ID=AN,Number=1,Type=Integer,Description=\"Allele number\">\n");
        output.Write("##INFO=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n");
        output.Write("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n");
        output.Write("##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths\">\n");
        output.Write("##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n");
        output.Write("##FORMAT=<ID=GQ,Number=1,Type=Integer,Description=\"Genotype quality\">\n");
        output.Write("##FORMAT=<ID=PL,Number=G,Type=Integer,Description=\"Phred-scaled likelihoods\">\n");
        output.Write("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tmother\tfather\tchild\n");
        string[] bases = ["A", "C", "G", "T"];
        string[] genotypes = ["0/0", "0/1", "1/1", "0|1", "1|0", "./."];
        var line = new StringBuilder();
        var chromosome = 1;
        var pos = 10_000L;
        for (var r = 0; r < records; r++)
        {
            if (r > 0 && r % (records / 22 + 1) == 0)
            {
                chromosome++;
                pos = 10_000;
            }
            pos += random.Next(1, 400);
            var multi = random.Next(10) == 0;
            var reference = bases[random.Next(4)];
            var alt = bases[(Array.IndexOf(bases, reference) + 1 + random.Next(3)) % 4];
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"chr{chromosome}\t{pos}\t{(random.Next(3) == 0 ? $"rs{r}" : ".")}\t{reference}\t{alt}");
            if (multi) line.Append(",").Append(reference == "A" ? "AT" : "A" + reference);
            line.Append(CultureInfo.InvariantCulture, $"\t{random.Next(20, 3000) / 10.0}\tPASS\t");
            line.Append(multi ? "AC=2,1;AF=0.333,0.167;AN=6" : "AC=2;AF=0.333;AN=6").Append(CultureInfo.InvariantCulture, $";DP={random.Next(30, 120)}");
            line.Append("\tGT:AD:DP:GQ:PL");
            for (var s = 0; s < 3; s++)
            {
                var gt = multi && random.Next(4) == 0 ? "1/2" : genotypes[random.Next(genotypes.Length)];
                var refDepth = random.Next(0, 40);
                var altDepth = random.Next(0, 40);
                line.Append('\t').Append(gt).Append(':').Append(refDepth).Append(',').Append(altDepth);
                if (multi) line.Append(',').Append(random.Next(0, 10));
                line.Append(':').Append(refDepth + altDepth).Append(':').Append(random.Next(0, 99));
                line.Append(multi ? ":0,30,300,40,310,350" : ":0,30,300");
            }
            line.Append('\n');
            output.Write(line);
        }
    }
}

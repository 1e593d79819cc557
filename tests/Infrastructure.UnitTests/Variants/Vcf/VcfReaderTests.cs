using System.IO.Compression;
using System.Text;
using VariantMiner.Infrastructure.Variants.Vcf;

namespace VariantMiner.Infrastructure.UnitTests.Variants.Vcf;

/// <summary>The reader on small hand-written files: header, splitting, missing values, compression, errors.</summary>
[TestFixture]
public class VcfReaderTests
{
    private static string Fixture(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Variants", "Vcf", "Data", name);

    private static List<VcfVariant> ReadFixture(string name)
    {
        using var reader = VcfReader.Open(Fixture(name));
        return reader.ReadVariants().ToList();
    }

    private static VcfReader FromText(string text) => new(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static List<VcfVariant> Read(string text)
    {
        using var reader = FromText(text);
        return reader.ReadVariants().ToList();
    }

    private static string[] Gts(VcfVariant row) => row.Samples.Select(s => s.GT.ToString()).ToArray();

    private const string ThreeSampleHeader =
        "##fileformat=VCFv4.2\n" +
        "##contig=<ID=1,length=1000>\n" +
        "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n" +
        "##FORMAT=<ID=GQ,Number=1,Type=Integer,Description=\"Genotype quality\">\n" +
        "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n" +
        "##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths\">\n" +
        "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\tS3\n";

    // ---- header ----

    [Test]
    public void Header_gives_version_samples_definitions_and_contigs()
    {
        using var reader = VcfReader.Open(Fixture("v43.vcf"));
        var header = reader.Header;

        Assert.That(header.FileFormat, Is.EqualTo("VCFv4.3"));
        Assert.That(header.SampleNames, Is.EqualTo(new[] { "mother", "father", "child" }));
        Assert.That(header.HasFormatColumn, Is.True);
        Assert.That(header.Info.Keys, Is.EquivalentTo(new[] { "AC", "AN", "RD", "GL3", "SVTYPE", "END", "SOMATIC" }));
        Assert.That(header.Info["RD"], Is.EqualTo(new VcfFieldDefinition("RD", "R", "Integer", "Reads per allele, \"ref\" first")));
        Assert.That(header.Info["RD"].NumberKind, Is.EqualTo(VcfNumberKind.PerAllele));
        Assert.That(header.Info["GL3"].Description, Is.EqualTo("Likelihoods \\ per genotype"));
        Assert.That(header.Info["AC"].NumberKind, Is.EqualTo(VcfNumberKind.PerAltAllele));
        Assert.That(header.Info["SOMATIC"], Is.EqualTo(new VcfFieldDefinition("SOMATIC", "0", "Flag", "Somatic")));
        Assert.That(header.Info["SOMATIC"].FixedCount, Is.Zero);
        Assert.That(header.Format.Keys, Is.EquivalentTo(new[] { "GT", "AD", "DP", "GQ", "PL" }));
        Assert.That(header.Format["PL"].NumberKind, Is.EqualTo(VcfNumberKind.PerGenotype));
        Assert.That(header.Format["GQ"].IsInteger, Is.True);
        Assert.That(header.Contigs, Is.EqualTo(new[]
        {
            new VcfContig("chr1", 248956422), new VcfContig("chrX", 156040895), new VcfContig("chrY", null),
        }));
        Assert.That(header.MetaLines[0], Is.EqualTo(new KeyValuePair<string, string>("FILTER", "<ID=PASS,Description=\"All filters passed\">")));
    }

    [Test]
    public void Header_tolerates_blanks_inside_definitions_and_after_them()
    {
        var header = FromText(
            "##fileformat=VCFv4.1\n" +
            "##INFO=<ID=TRAILING,Number=.,Type=Integer,Description=\"Trailing spaces\">      \n" +
            "##FORMAT=<ID=GQ,Number=1,Type=Integer,EmptyWithSpace= ,Description=\"Genotype Quality\">\n" +
            "##FORMAT=<ID=GATK,Number=1, Type  =   String    ,     Description=\"Called, by GATK\">\n" +
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n").Header;

        Assert.That(header.Info["TRAILING"], Is.EqualTo(new VcfFieldDefinition("TRAILING", ".", "Integer", "Trailing spaces")));
        Assert.That(header.Info["TRAILING"].NumberKind, Is.EqualTo(VcfNumberKind.Unknown));
        Assert.That(header.Format["GQ"].Description, Is.EqualTo("Genotype Quality"));
        Assert.That(header.Format["GATK"], Is.EqualTo(new VcfFieldDefinition("GATK", "1", "String", "Called, by GATK")));
        Assert.That(header.SampleNames, Is.Empty);
        Assert.That(header.HasFormatColumn, Is.False);
    }

    // ---- versions ----

    [Test]
    public void A_4_1_file_reads_with_its_multiallelic_records_split()
    {
        var rows = ReadFixture("v41.vcf");

        Assert.That(rows.Select(r => $"{r.Chrom}:{r.Pos} {r.Ref}>{r.Alt} #{r.AltIndex}"), Is.EqualTo(new[]
        {
            "20:14370 G>A #1", "20:17330 T>A #1", "20:1110696 A>G #1", "20:1110696 A>T #2", "20:1230237 T>. #0",
            "20:1234567 GTC>G #1", "20:1234567 GTC>GTCT #2",
        }));
        var first = rows[0];
        Assert.That((first.Id, first.Qual, first.Filter, first.LineNumber), Is.EqualTo(("rs6054257", (double?)29, "PASS", 20L)));
        Assert.That(first.Info.ToDictionary(), Is.EqualTo(new Dictionary<string, string>
        {
            ["NS"] = "3",
            ["DP"] = "14",
            ["AF"] = "0.5",
            ["DB"] = "",
            ["H2"] = "",
        }));
        Assert.That(Gts(first), Is.EqualTo(new[] { "0|0", "1|0", "1/1" }));
        Assert.That(first.Samples.Select(s => (s.GQ, s.DP)), Is.EqualTo(new (int?, int?)[] { (48, 1), (48, 8), (43, 5) }));
        Assert.That(rows[1].Filter, Is.EqualTo("q10"));
        Assert.That(Gts(rows[2]), Is.EqualTo(new[] { "1|0", "0|1", "0/0" }));
        Assert.That(Gts(rows[3]), Is.EqualTo(new[] { "0|1", "1|0", "1/1" }));
        Assert.That((rows[2].Info["AF"], rows[3].Info["AF"], rows[3].Info["AA"]), Is.EqualTo(("0.333", "0.667", "T")));
        Assert.That(Gts(rows[4]), Is.EqualTo(new[] { "0|0", "0|0", "0/0" }));
        Assert.That(Gts(rows[5]), Is.EqualTo(new[] { "0/1", "0/0", "1/1" }));
        Assert.That(Gts(rows[6]), Is.EqualTo(new[] { "0/0", "0/1", "0/0" }));
    }

    [Test]
    public void A_4_3_file_reads_with_symbolic_alleles_haploid_calls_and_missing_values()
    {
        var rows = ReadFixture("v43.vcf");

        Assert.That(rows.Select(r => $"{r.Chrom}:{r.Pos} {r.Ref}>{r.Alt}"), Is.EqualTo(new[]
        {
            "chr1:10177 A>AC", "chr1:10352 T>TA", "chr1:10352 T>TAA", "chr1:10352 T>*", "chr1:20000 N><DEL>", "chr1:20000 N><DUP>",
            "chrX:30000 C>G", "chrX:30000 C>T", "chrY:40000 G>.", "chrY:50000 ACGT>A",
        }));
        Assert.That(rows[0].Qual, Is.EqualTo(100.5));
        Assert.That(rows[4].Qual, Is.Null);
        Assert.That(Gts(rows[3]), Is.EqualTo(new[] { "0/0", "0|0", "1/0" }));
        Assert.That(rows[3].Samples[2].AD, Is.EqualTo(((int?)7, (int?)2)));
        Assert.That(Gts(rows[4]), Is.EqualTo(new[] { "./1", "0/.", "./." }));
        Assert.That(Gts(rows[5]), Is.EqualTo(new[] { "./0", "1/.", "./." }));
        Assert.That(rows[4].Samples[0].GQ, Is.EqualTo(12));
        Assert.That(Gts(rows[6]), Is.EqualTo(new[] { "1", "0/0", "." }));
        Assert.That(Gts(rows[7]), Is.EqualTo(new[] { "0", "0/1", "." }));
        Assert.That(rows[7].Samples[1].AD, Is.EqualTo(((int?)6, (int?)5)));
        Assert.That((rows[8].AltIndex, rows[8].AltCount), Is.EqualTo((0, 0)));
        Assert.That(Gts(rows[8]), Is.EqualTo(new[] { "0", ".", "0" }));
        Assert.That(Gts(rows[9]), Is.EqualTo(new[] { "1", ".", "0" }));
        Assert.That(rows[9].Samples[1].AD, Is.EqualTo(((int?)null, (int?)null)));
    }

    // ---- splitting ----

    [Test]
    public void Multiallelic_genotypes_split_as_bcftools_norm_splits_them()
    {
        // Expected values are what bcftools 1.16 `norm -m-` + `query -f '[%GT]'` print for Data/multiallelic.vcf.
        var rows = ReadFixture("multiallelic.vcf");

        Assert.That(rows.Select(r => (r.Pos, r.Alt, r.AltIndex, r.AltCount)), Is.EqualTo(new[]
        {
            (100L, "C", 1, 3), (100L, "G", 2, 3), (100L, "T", 3, 3), (200L, ".", 0, 0), (300L, "<DEL>", 1, 2), (300L, "*", 2, 2),
        }));
        // Written: 0/1  1|2  2/3  1  2  .  ./1  ./.  .|2  3/0
        Assert.That(Gts(rows[0]), Is.EqualTo(new[] { "0/1", "1|0", "0/0", "1", "0", ".", "./1", "./.", ".|0", "0/0" }));
        Assert.That(Gts(rows[1]), Is.EqualTo(new[] { "0/0", "0|1", "1/0", "0", "1", ".", "./0", "./.", ".|1", "0/0" }));
        Assert.That(Gts(rows[2]), Is.EqualTo(new[] { "0/0", "0|0", "0/1", "0", "0", ".", "./0", "./.", ".|0", "1/0" }));
        // A record without ALT keeps its genotypes as written, even ones naming an allele it does not have.
        Assert.That(Gts(rows[3]), Is.EqualTo(new[] { "0/0", "./.", "0", ".", "0|0", "./0", "1/1", "0/1", "0", "0" }));
        // Written: 1/2  2  0/2  ./2  1/1  .  0/0/1  2|1/0  1  0
        Assert.That(Gts(rows[4]), Is.EqualTo(new[] { "1/0", "0", "0/0", "./0", "1/1", ".", "0/0/1", "0|1/0", "1", "0" }));
        Assert.That(Gts(rows[5]), Is.EqualTo(new[] { "0/1", "1", "0/1", "./1", "0/0", ".", "0/0/0", "1|0/0", "0", "0" }));
    }

    [Test]
    public void Multiallelic_AD_keeps_the_reference_and_the_rows_allele()
    {
        var rows = ReadFixture("multiallelic.vcf");

        Assert.That(rows.Take(3).Select(r => r.Samples[0].AD), Is.EqualTo(new (int?, int?)[] { (5, 6), (5, 7), (5, 8) }));
        Assert.That(rows.Take(3).Select(r => (r.Samples[0].GQ, r.Samples[0].DP)), Is.All.EqualTo(((int?)10, (int?)20)));
        Assert.That(rows[0].Samples[1].AD, Is.EqualTo(((int?)null, (int?)null)));
        // 1,2,3 | 1,2,3 | . | .,.,. | 1 (too short) | 1,2 (too short for the second ALT)
        Assert.That(rows.Skip(4).Select(r => r.Samples.Take(6).Select(s => s.AD).ToArray()), Is.EqualTo(new[]
        {
            new (int?, int?)[] { (1, 2), (1, 2), (null, null), (null, null), (1, null), (1, 2) },
            new (int?, int?)[] { (1, 3), (1, 3), (null, null), (null, null), (1, null), (1, null) },
        }));
    }

    [Test]
    public void Multiallelic_INFO_splits_by_Number()
    {
        var rows = ReadFixture("multiallelic.vcf");

        Assert.That(rows.Take(3).Select(r => r.Info.ToDictionary()), Is.EqualTo(new[]
        {
            new Dictionary<string, string> { ["AC"] = "1", ["AF"] = "0.1", ["RR"] = "10,11", ["DB"] = "", ["DP"] = "9" },
            new Dictionary<string, string> { ["AC"] = "2", ["AF"] = "0.2", ["RR"] = "10,12", ["DB"] = "", ["DP"] = "9" },
            new Dictionary<string, string> { ["AC"] = "3", ["AF"] = "0.3", ["RR"] = "10,13", ["DB"] = "", ["DP"] = "9" },
        }));
        Assert.That(rows[0].Info.Raw, Is.EqualTo("AC=1,2,3;AF=0.1,0.2,0.3;RR=10,11,12,13;DB;DP=9"));
        Assert.That(rows[0].Info.ContainsKey("DB"), Is.True);
        Assert.That(rows[0].Info.ContainsKey("GG"), Is.False);
        Assert.That(rows[3].Info.Count, Is.Zero);
        Assert.That(rows[3].Info.Raw, Is.EqualTo("."));
        // Number=G, diploid: 0/0 0/1 1/1 0/2 1/2 2/2 → the DEL row keeps 0/0 0/1 1/1, the * row 0/0 0/2 2/2.
        Assert.That((rows[4].Info["GG"], rows[5].Info["GG"]), Is.EqualTo(("1,2,3", "1,4,6")));
        Assert.That((rows[4].Qual, rows[4].Filter, rows[5].Id), Is.EqualTo(((double?)3.5, "q10;s50", ".")));
    }

    [Test]
    public void Number_A_with_too_few_values_gives_missing_and_a_haploid_Number_G_keeps_two()
    {
        var rows = Read(
            "##fileformat=VCFv4.2\n" +
            "##INFO=<ID=AC,Number=A,Type=Integer,Description=\"AC\">\n" +
            "##INFO=<ID=HG,Number=G,Type=Integer,Description=\"haploid likelihoods\">\n" +
            "##INFO=<ID=X,Number=2,Type=Integer,Description=\"fixed\">\n" +
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n" +
            "1\t5\t.\tA\tC,G,T\t.\t.\tAC=4;HG=10,11,12,13;X=1,2;NEW=a,b\n");

        Assert.That(rows.Select(r => r.Info["AC"]), Is.EqualTo(new[] { "4", ".", "." }));
        Assert.That(rows.Select(r => r.Info["HG"]), Is.EqualTo(new[] { "10,11", "10,12", "10,13" }));
        Assert.That(rows.Select(r => r.Info["X"] + " " + r.Info["NEW"]), Is.All.EqualTo("1,2 a,b"));
        Assert.That(rows.Select(r => r.Samples.Length), Is.All.Zero);
    }

    // ---- missing values ----

    [Test]
    public void Missing_values_are_nulls_and_a_GT_that_is_not_there_renders_as_a_dot()
    {
        var rows = Read(ThreeSampleHeader +
            "1\t10\t.\tA\tC\t.\t.\t.\tGT:GQ:DP:AD\t./.:.:.:.\t0/1\t.\n" +
            "1\t11\t.\tA\tC\t.\t.\t.\tDP:GQ\t5:7\t.:.\t:\n" +
            "1\t12\t.\tA\tC\t.\t.\t.\t.\t.\t.\t.\n" +
            "1\t13\t.\tA\tC\t.\t.\t.\tGT:AD\t1:.,4\t0:3\t./1:.,.\n");

        Assert.That(rows[0].Qual, Is.Null);
        Assert.That((rows[0].Id, rows[0].Filter), Is.EqualTo((".", ".")));
        Assert.That(rows[0].Samples, Is.EqualTo(new[]
        {
            new VcfSampleCall(VcfGenotype.Parse("./."), null, null, null, null),
            new VcfSampleCall(VcfGenotype.Parse("0/1"), null, null, null, null),
            new VcfSampleCall(VcfGenotype.Parse("."), null, null, null, null),
        }));
        Assert.That(rows[0].Samples[0].GT.IsMissing, Is.True);
        Assert.That(Gts(rows[1]), Is.EqualTo(new[] { ".", ".", "." }));
        Assert.That(rows[1].Samples.Select(s => (s.DP, s.GQ)), Is.EqualTo(new (int?, int?)[] { (5, 7), (null, null), (null, null) }));
        Assert.That(rows[1].Samples[0].GT, Is.EqualTo(default(VcfGenotype)));
        Assert.That(rows[1].Samples[0].GT.Ploidy, Is.Zero);
        Assert.That(Gts(rows[2]), Is.EqualTo(new[] { ".", ".", "." }));
        Assert.That(rows[3].Samples.Select(s => s.AD), Is.EqualTo(new (int?, int?)[] { (null, 4), (3, null), (null, null) }));
    }

    [Test]
    public void A_FORMAT_number_declared_Float_may_be_a_decimal_one_declared_Integer_may_not()
    {
        var header = "##fileformat=VCFv4.2\n" +
            "##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">\n" +
            "##FORMAT=<ID=GQ,Number=1,Type=Float,Description=\"Genotype quality\">\n" +
            "##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">\n" +
            "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\n";

        Assert.That(Read(header + "1\t1\t.\tA\tC\t.\t.\t.\tGT:GQ:DP\t0/1:32.5:7\n")[0].Samples[0].GQ, Is.EqualTo(33));
        var error = Assert.Throws<VcfFormatException>(() => Read(header + "1\t1\t.\tA\tC\t.\t.\t.\tGT:GQ:DP\t0/1:32:7.5\n"));
        Assert.That(error!.Message, Is.EqualTo("line 6: DP of sample S1 is not an integer: '7.5'"));
    }

    // ---- compression and streaming ----

    [Test]
    public void BGZF_from_bgzip_with_several_blocks_reads_every_block()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vcf-bgzf-{Environment.ProcessId}.vcf");
        try
        {
            File.WriteAllText(path, VcfReaderAgreesWithBcftoolsTests.RandomVcf(seed: 7, records: 4000, samples: 3));
            var compressed = Bcftools.Bgzip(path);
            try
            {
                Assert.That(BgzfBlocks(File.ReadAllBytes(compressed)), Is.GreaterThanOrEqualTo(4), "bgzip wrote fewer blocks than the test needs");
                List<string> plain = Bcftools.OurQueryLines(path, sitesOnly: false), bgzf = Bcftools.OurQueryLines(compressed, sitesOnly: false);
                Assert.That(plain, Has.Count.GreaterThan(4000 * 3));
                Assert.That(bgzf, Is.EqualTo(plain));
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

    /// <summary>Counts BGZF blocks by walking their BSIZE fields (and fails if the file is not BGZF).</summary>
    private static int BgzfBlocks(byte[] data)
    {
        var blocks = 0;
        for (var offset = 0; offset < data.Length; blocks++)
        {
            Assert.That((data[offset], data[offset + 1], data[offset + 3], data[offset + 12], data[offset + 13]),
                Is.EqualTo(((byte)0x1f, (byte)0x8b, (byte)4, (byte)'B', (byte)'C')), $"no BGZF block at offset {offset}");
            offset += (data[offset + 16] | data[offset + 17] << 8) + 1;
        }
        return blocks;
    }

    [Test]
    public void Gzip_members_concatenated_read_as_one_text_even_when_a_member_ends_mid_line()
    {
        var text = ThreeSampleHeader + string.Concat(Enumerable.Range(1, 300).Select(i => $"1\t{i}\t.\tA\tC,G\t.\t.\t.\tGT\t0/1\t1|2\t2\n"));
        var bytes = Encoding.UTF8.GetBytes(text);
        var output = new MemoryStream();
        foreach (var (start, end) in new[] { (0, 1000), (1000, 1003), (1003, 5555), (5555, bytes.Length) })
        {
            using var member = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
            member.Write(bytes, start, end - start);
        }

        using var reader = new VcfReader(new MemoryStream(output.ToArray()));
        var rows = reader.ReadVariants().ToList();

        Assert.That(rows, Has.Count.EqualTo(600));
        Assert.That(rows.Select(r => r.Pos).Distinct(), Is.EqualTo(Enumerable.Range(1, 300).Select(i => (long)i)));
        Assert.That(rows.Select(r => string.Join(' ', Gts(r))).Distinct(), Is.EqualTo(new[] { "0/1 1|0 0", "0/0 0|1 1" }));
    }

    [Test]
    public void Records_come_out_while_the_stream_is_still_being_read()
    {
        // An endless VCF: reading it whole would never end, so taking the first rows proves the reader streams.
        using var source = new EndlessVcf(ThreeSampleHeader);
        using var reader = new VcfReader(source);

        var rows = reader.ReadVariants().Take(20_000).ToList();

        Assert.That(rows[^1].Pos, Is.EqualTo(20_000));
        Assert.That(source.BytesServed, Is.LessThan(2 * 1024 * 1024));
    }

    /// <summary>A non-seekable stream of a header and then records without end.</summary>
    private sealed class EndlessVcf(string header) : Stream
    {
        private byte[] _pending = Encoding.UTF8.GetBytes(header);
        private int _offset;
        private long _pos;

        public long BytesServed { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _pending.Length)
            {
                _pending = Encoding.UTF8.GetBytes($"1\t{++_pos}\trs{_pos}\tA\tC\t50\tPASS\tDP=9\tGT:DP\t0/1:4\t1/1:5\t0|0:6\n");
                _offset = 0;
            }
            var n = Math.Min(count, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            BytesServed += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Test]
    public void Windows_line_endings_and_a_missing_last_newline_read_the_same()
    {
        var unix = ThreeSampleHeader + "1\t10\t.\tA\tC\t.\t.\t.\tGT\t0/1\t1/1\t0|0\n1\t11\t.\tA\tC\t.\t.\t.\tGT\t0/1\t1/1\t0|0";
        var rows = Read(unix.Replace("\n", "\r\n"));

        Assert.That(rows.Select(r => string.Join(' ', Gts(r))), Is.EqualTo(new[] { "0/1 1/1 0|0", "0/1 1/1 0|0" }));
        Assert.That(FromText(unix.Replace("\n", "\r\n")).Header.SampleNames, Is.EqualTo(new[] { "S1", "S2", "S3" }));
    }

    [Test]
    public void The_rows_can_be_read_once()
    {
        using var reader = FromText(ThreeSampleHeader);
        Assert.That(reader.ReadVariants(), Is.Empty);
        Assert.Throws<InvalidOperationException>(() => reader.ReadVariants());
    }

    // ---- errors ----

    private static VcfFormatException ErrorOf(string text) =>
        Assert.Throws<VcfFormatException>(() => Read(text))!;

    [Test]
    public void A_bad_POS_names_its_line()
    {
        var error = ErrorOf(ThreeSampleHeader + "1\t10\t.\tA\tC\t.\t.\t.\tGT\t0/1\t0/1\t0/1\n1\tabc\t.\tA\tC\t.\t.\t.\tGT\t0/1\t0/1\t0/1\n");
        Assert.That(error.Message, Is.EqualTo("line 9: POS is not a number: 'abc'"));
        Assert.That((error.LineNumber, error.Detail), Is.EqualTo((9L, "POS is not a number: 'abc'")));
    }

    [Test]
    public void An_error_deep_in_a_gzipped_file_names_its_line()
    {
        var text = ThreeSampleHeader + string.Concat(Enumerable.Range(1, 1226).Select(i => $"1\t{i}\t.\tA\tC\t.\t.\t.\tGT\t0/1\t0/1\t0/1\n"))
            + "1\t2000\t.\tA\tC\tgood\t.\t.\tGT\t0/1\t0/1\t0/1\n";
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(Encoding.UTF8.GetBytes(text));
        using var reader = new VcfReader(new MemoryStream(output.ToArray()));

        var error = Assert.Throws<VcfFormatException>(() => reader.ReadVariants().ToList())!;
        Assert.That(error.Message, Is.EqualTo("line 1234: QUAL is not a number: 'good'"));
    }

    [TestCase("1\t10\t.\tA\tC\t.\t.\t.\tGT\t0/1\t0/1\n", "line 8: expected 12 tab-separated columns (8 fixed, FORMAT and 3 samples), found 11")]
    [TestCase("1\t10\t.\tA\tC\t.\t.\t.\tGT\t0/1\t0/1\t0/1\t0/1\n", "line 8: expected 12 tab-separated columns (8 fixed, FORMAT and 3 samples), found 13")]
    [TestCase("1\t10\t.\tA\tC\t.\t.\t.\n", "line 8: expected 12 tab-separated columns (8 fixed, FORMAT and 3 samples), found 8")]
    [TestCase("1\t10\t.\tA\n", "line 8: the line ends before the ALT column: a record has 8 tab-separated columns (then FORMAT and the samples)")]
    [TestCase("1\t10\t.\tA\tC\t.\t.\t.\tGT\t0/1\t0/x\t0/1\n", "line 8: GT of sample S2 is not a genotype: '0/x'")]
    [TestCase("1\t10\t.\tA\tC\t.\t.\t.\tGT\t0/1\t0//1\t0/1\n", "line 8: GT of sample S2 is not a genotype: '0//1'")]
    [TestCase("1\t10\t.\tA\tC\t.\t.\t.\tGT:DP\t0/1:3:4\t0/1\t0/1\n", "line 8: sample S1 has more fields than FORMAT 'GT:DP': '0/1:3:4'")]
    [TestCase("1\t10\t.\tA\tC\t.\t.\t.\tGT:DP\t0/1:x\t0/1\t0/1\n", "line 8: DP of sample S1 is not an integer: 'x'")]
    [TestCase("1\t10\t.\tA\tC\t.\t.\t.\tGT:AD\t0/1:1,a\t0/1\t0/1\n", "line 8: AD of sample S1 is not an integer: 'a'")]
    [TestCase("1\t10\t.\tA\tC\t.\t.\t.\tGT:GT\t0/1:0/1\t0/1\t0/1\n", "line 8: FORMAT lists GT twice: 'GT:GT'")]
    [TestCase("1\t10\t.\tA\tC\t.\t.\t.\t:GT\t:0/1\t0/1\t0/1\n", "line 8: FORMAT has an empty key: ':GT'")]
    [TestCase("1\t10\t.\tA\tC,,G\t.\t.\t.\tGT\t0/1\t0/1\t0/1\n", "line 8: ALT has an empty allele: 'C,,G'")]
    [TestCase("1\t-5\t.\tA\tC\t.\t.\t.\tGT\t0/1\t0/1\t0/1\n", "line 8: POS is not a number: '-5'")]
    [TestCase("1\t10\t.\t\tC\t.\t.\t.\tGT\t0/1\t0/1\t0/1\n", "line 8: REF is empty")]
    [TestCase("\t10\t.\tA\tC\t.\t.\t.\tGT\t0/1\t0/1\t0/1\n", "line 8: CHROM is empty")]
    [TestCase("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n", "line 8: a header line after the #CHROM line: '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO'")]
    public void A_bad_record_names_its_line_and_what_is_wrong(string record, string message)
    {
        Assert.That(ErrorOf(ThreeSampleHeader + record).Message, Is.EqualTo(message));
    }

    [TestCase("##fileformat=VCFv4.4\n", "line 1: unsupported VCF version 'VCFv4.4' (this reader reads VCFv4.1, VCFv4.2, VCFv4.3)")]
    [TestCase("##fileformat=VCFv4.0\n", "line 1: unsupported VCF version 'VCFv4.0' (this reader reads VCFv4.1, VCFv4.2, VCFv4.3)")]
    [TestCase("##fileformat=BCFv2\n", "line 1: unsupported VCF version 'BCFv2' (this reader reads VCFv4.1, VCFv4.2, VCFv4.3)")]
    [TestCase("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n", "line 1: a VCF file starts with a ##fileformat=VCFv4.x line, found '#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO'")]
    [TestCase("", "line 1: the file is empty: a VCF file starts with a ##fileformat=VCFv4.x line")]
    [TestCase("##fileformat=VCFv4.2\n##contig=<ID=1>\n", "line 2: missing #CHROM header line: the file ended before it")]
    [TestCase("##fileformat=VCFv4.2\n##contig=<ID=1>\n1\t10\t.\tA\tC\t.\t.\t.\n", "line 3: missing #CHROM header line: a record came before it")]
    [TestCase("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tA\tB\tA\n", "line 2: sample name 'A' appears twice in the header line")]
    [TestCase("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\n", "line 2: the header line must start with the columns #CHROM POS ID REF ALT QUAL FILTER INFO separated by tabs; column 8 is ''")]
    [TestCase("##fileformat=VCFv4.2\n#CHROM POS ID REF ALT QUAL FILTER INFO\n", "line 2: the header line must start with the columns #CHROM POS ID REF ALT QUAL FILTER INFO separated by tabs; column 1 is '#CHROM POS ID REF ALT QUAL FILTER INFO'")]
    [TestCase("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tS1\n", "line 2: column 9 of the header line must be FORMAT, found 'S1'")]
    [TestCase("##fileformat=VCFv4.2\n##INFO=<Number=1,Type=Integer>\n", "line 2: ##INFO line has no ID")]
    [TestCase("##fileformat=VCFv4.2\n##FORMAT=GT\n", "line 2: ##FORMAT line must be of the form ##FORMAT=<ID=...>, found 'GT'")]
    [TestCase("##fileformat=VCFv4.2\n##INFO=<ID=X,Description=\"open>\n", "line 2: ##INFO line has an unterminated quoted value for Description")]
    public void A_bad_header_names_its_line_and_what_is_wrong(string text, string message)
    {
        Assert.That(Assert.Throws<VcfFormatException>(() => FromText(text).Dispose())!.Message, Is.EqualTo(message));
    }

    [Test]
    public void Damaged_gzip_data_is_a_format_error()
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(ThreeSampleHeader + string.Concat(Enumerable.Range(1, 5000).Select(i => $"1\t{i}\t.\tA\tC\t.\t.\t.\tGT\t0/1\t0/1\t0/1\n"))));
        var bytes = output.ToArray();
        for (var i = 40; i < bytes.Length - 8; i += 7) bytes[i] ^= 0x5a;

        var error = Assert.Throws<VcfFormatException>(() => Read(bytes))!;
        Assert.That(error.Message, Does.Contain("the compressed data is damaged"));
    }

    private static List<VcfVariant> Read(byte[] bytes)
    {
        using var reader = new VcfReader(new MemoryStream(bytes));
        return reader.ReadVariants().ToList();
    }

    // ---- genotype ----

    [TestCase("0/1")]
    [TestCase("1|0")]
    [TestCase("./.")]
    [TestCase(".")]
    [TestCase("1")]
    [TestCase(".|1")]
    [TestCase("0/0/1")]
    [TestCase("2|1/0")]
    [TestCase("12/140")]
    [TestCase("0|1|2|3|4")]
    public void A_genotype_renders_as_written(string text)
    {
        Assert.That(VcfGenotype.Parse(text).ToString(), Is.EqualTo(text));
        Span<char> buffer = stackalloc char[32];
        Assert.That(VcfGenotype.Parse(text).TryFormat(buffer, out var written), Is.True);
        Assert.That(buffer[..written].ToString(), Is.EqualTo(text));
    }

    [TestCase("")]
    [TestCase("/1")]
    [TestCase("1/")]
    [TestCase("a")]
    [TestCase("0 /1")]
    [TestCase("-1/0")]
    public void A_genotype_that_is_not_one_does_not_parse(string text)
    {
        Assert.That(VcfGenotype.TryParse(text, out _), Is.False);
    }

    [Test]
    public void A_genotype_gives_its_alleles_and_phasing()
    {
        var gt = VcfGenotype.Parse("2|./1");

        Assert.That((gt.Ploidy, gt.Allele(0), gt.Allele(1), gt.Allele(2)), Is.EqualTo((3, 2, -1, 1)));
        Assert.That((gt.IsPhased(0), gt.IsPhased(1), gt.IsPhased(2)), Is.EqualTo((false, true, false)));
        Assert.That(gt.IsMissing, Is.False);
        Assert.That(gt.ForAltAllele(2).ToString(), Is.EqualTo("1|./0"));
        Assert.That(gt.ForAltAllele(1).ToString(), Is.EqualTo("0|./1"));
        Assert.That(VcfGenotype.Parse("0/1"), Is.EqualTo(VcfGenotype.Parse("0/1")));
        Assert.That(VcfGenotype.Parse("0/1"), Is.Not.EqualTo(VcfGenotype.Parse("0|1")));
        Assert.That(VcfGenotype.Parse("0/1/2"), Is.Not.EqualTo(VcfGenotype.Parse("0/1/1")));
        Assert.That(default(VcfGenotype).ToString(), Is.EqualTo("."));
    }
}

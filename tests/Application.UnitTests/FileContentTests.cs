using System.IO.Compression;
using System.Text;
using VariantMiner.Application.Files;

namespace VariantMiner.Application.UnitTests;

/// <summary>
/// FileContent against real files of Debian's htslib-test package (CI installs it; without it these tests fail,
/// they are not skipped) and against generated lookalikes.
/// </summary>
public class FileContentTests
{
    private const string HtslibTest = "/usr/share/htslib-test/test/";

    /// <summary>A sample file of htslib's test suite; fails the test with a clear message when it is absent.</summary>
    private static byte[] Htslib(string relativePath)
    {
        var path = Path.Combine(HtslibTest, relativePath);
        if (!File.Exists(path))
            Assert.Fail($"{path} is missing: install Debian's htslib-test (apt-get install htslib-test); these tests read its sample files.");
        return File.ReadAllBytes(path);
    }

    private static ContentCheck Check(byte[] bytes, FileKind declared) => FileContent.Check(new MemoryStream(bytes), declared);

    private static byte[] Text(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>Plain gzip (one member, no BGZF extra field).</summary>
    private static byte[] Gzip(byte[] data)
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(data);
        return output.ToArray();
    }

    /// <summary>BGZF in pure C#: blocks of at most blockSize input bytes, each a gzip member whose header gets the
    /// "BC" extra subfield (BSIZE = block size - 1), then the BGZF end-of-file block.</summary>
    private static byte[] Bgzip(byte[] data, int blockSize = 0xff00)
    {
        var output = new MemoryStream();
        for (var offset = 0; offset < data.Length; offset += blockSize)
            WriteBgzfBlock(output, Gzip(data[offset..Math.Min(data.Length, offset + blockSize)]));
        output.Write(BgzfEndOfFile);
        return output.ToArray();
    }

    /// <summary>The empty BGZF block that ends a BGZF file (SAM/BAM specification, 4.1.2).</summary>
    private static readonly byte[] BgzfEndOfFile =
        [0x1f, 0x8b, 8, 4, 0, 0, 0, 0, 0, 0xff, 6, 0, (byte)'B', (byte)'C', 2, 0, 0x1b, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>A gzip member of no data (GZipStream writes nothing at all for no data).</summary>
    private static readonly byte[] EmptyGzip = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    private static void WriteBgzfBlock(Stream output, byte[] member)
    {
        // member: 10-byte header (no optional fields), deflate data, CRC32 and ISIZE. The extra field is not covered
        // by the CRC (which is of the uncompressed data), so inserting it keeps the member valid.
        Assert.That(member[3], Is.EqualTo(0), "GZipStream wrote optional header fields");
        var blockSize = member.Length + 8;
        var header = member[..10];
        header[3] = 4; // FEXTRA
        output.Write(header);
        output.Write([6, 0, (byte)'B', (byte)'C', 2, 0, (byte)((blockSize - 1) & 0xff), (byte)((blockSize - 1) >> 8)]);
        output.Write(member.AsSpan(10));
    }

    private static byte[] Decompress(byte[] gzip)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static string FastqRecords(int count, int length, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            text.Append($"@read{i}\n");
            for (var j = 0; j < length; j++) text.Append("ACGTN"[random.Next(5)]);
            text.Append("\n+\n");
            for (var j = 0; j < length; j++) text.Append((char)random.Next('!', '~' + 1));
            text.Append('\n');
        }
        return text.ToString();
    }

    // ---- the real files are recognised -----------------------------------------------------------------------

    [TestCase("fastq/r1.fq")]
    [TestCase("fastq/r2.fq")]
    [TestCase("fastq/single.fq")]
    [TestCase("fastq/interleaved.fq")]
    [TestCase("fastq/minimal.fq")]
    [TestCase("fastqs.fq")]
    public void Fastq_is_recognised_plain_gzipped_and_bgzipped(string file)
    {
        var bytes = Htslib(file);
        Assert.That(Check(bytes, FileKind.Fastq), Is.EqualTo(new ContentCheck(true, "a FASTQ file")));
        Assert.That(Check(Gzip(bytes), FileKind.Fastq), Is.EqualTo(new ContentCheck(true, "a FASTQ file (gzip-compressed)")));
        Assert.That(Check(Bgzip(bytes), FileKind.Fastq), Is.EqualTo(new ContentCheck(true, "a FASTQ file (BGZF-compressed)")));
    }

    [TestCase("mpileup/small.bam")]
    [TestCase("colons.bam")]
    [TestCase("range.bam")]
    [TestCase("no_hdr_sq_1.bam")]
    public void Bam_is_recognised(string file) =>
        Assert.That(Check(Htslib(file), FileKind.Bam), Is.EqualTo(new ContentCheck(true, "a BAM file (BGZF-compressed)")));

    [TestCase("range.cram")]
    [TestCase("ce#5b_java.cram")]
    [TestCase("xx#large_aux_java.cram")]
    public void Cram_is_recognised(string file) =>
        Assert.That(Check(Htslib(file), FileKind.Cram), Is.EqualTo(new ContentCheck(true, "a CRAM file (version 3.0)")));

    [TestCase("tabix/vcf_file.vcf")]
    [TestCase("tabix/large_chr.vcf")]
    [TestCase("index.vcf")]
    [TestCase("formatcols.vcf")]
    public void Vcf_is_recognised_plain_bgzipped_and_gzipped(string file)
    {
        var bytes = Htslib(file);
        Assert.That(Check(bytes, FileKind.Vcf), Is.EqualTo(new ContentCheck(true, "a VCF file")));
        // Small blocks: the check reads across several BGZF blocks (concatenated gzip members).
        Assert.That(Check(Bgzip(bytes, blockSize: 200), FileKind.Vcf), Is.EqualTo(new ContentCheck(true, "a VCF file (BGZF-compressed)")));
        Assert.That(Check(Gzip(bytes), FileKind.Vcf), Is.EqualTo(new ContentCheck(true, "a VCF file (gzip-compressed)")));
    }

    [Test]
    public void Bed_is_recognised_plain_and_gzipped()
    {
        var bytes = Htslib("tabix/bed_file.bed");
        Assert.That(Check(bytes, FileKind.Bed), Is.EqualTo(new ContentCheck(true, "a BED file")));
        Assert.That(Check(Gzip(bytes), FileKind.Bed), Is.EqualTo(new ContentCheck(true, "a BED file (gzip-compressed)")));
        Assert.That(Check(Bgzip(bytes), FileKind.Bed), Is.EqualTo(new ContentCheck(true, "a BED file (BGZF-compressed)")));
    }

    [Test]
    public void Bed_with_space_separated_fields_track_and_browser_lines_is_recognised() =>
        Assert.That(Check(Text("browser position chr1:1-100\ntrack name=x\n\n# comment\nchr1 10 20 a\r\nchr1\t30\t30\n"), FileKind.Bed).Matches, Is.True);

    [Test]
    public void Gff3_is_recognised_plain_and_bgzipped()
    {
        var bytes = Htslib("tabix/gff_file.gff");
        // htslib's GFF sample carries the pragma the GFF3 specification requires; the checker relies on it.
        Assert.That(Encoding.ASCII.GetString(bytes).Split('\n')[0], Is.EqualTo("##gff-version 3"));
        Assert.That(Check(bytes, FileKind.Gff3), Is.EqualTo(new ContentCheck(true, "a GFF3 file")));
        Assert.That(Check(Bgzip(bytes), FileKind.Gff3), Is.EqualTo(new ContentCheck(true, "a GFF3 file (BGZF-compressed)")));
    }

    [TestCase("##gff-version 3.1.26\n")]
    [TestCase("##gff-version   3\r\n")]
    [TestCase("##gff-version\t3.1 trailing words\n")]
    public void Gff3_pragma_variants_are_recognised(string pragma) =>
        Assert.That(Check(Text(pragma + "ctg1\t.\tgene\t1\t100\t.\t+\t.\tID=g1\n"), FileKind.Gff3), Is.EqualTo(new ContentCheck(true, "a GFF3 file")));

    [TestCase("ce.fa")] // larger than HeadBytes: the window ends inside a line
    [TestCase("c1.fa")]
    [TestCase("fastq/r1.fa")]
    [TestCase("auxf.fa")]
    public void Fasta_is_recognised_plain_and_gzipped(string file)
    {
        var bytes = Htslib(file);
        Assert.That(Check(bytes, FileKind.Fasta), Is.EqualTo(new ContentCheck(true, "a FASTA file")));
        Assert.That(Check(Gzip(bytes), FileKind.Fasta), Is.EqualTo(new ContentCheck(true, "a FASTA file (gzip-compressed)")));
    }

    [Test]
    public void Protein_fasta_with_stop_and_gap_is_recognised() =>
        Assert.That(Check(Text("\n>sp|P1|X protein\nMKVLA-ATGW*\n>two\nmkv\n"), FileKind.Fasta).Matches, Is.True);

    [Test]
    public void Real_bgzip_output_is_seen_as_BGZF()
    {
        var bgzipped = Htslib("bgziptest.txt.gz");
        Assert.That(Decompress(bgzipped), Is.EqualTo(Htslib("bgziptest.txt")));
        Assert.That(Check(bgzipped, FileKind.Other), Is.EqualTo(new ContentCheck(true, "BGZF-compressed text")));
        // The test's own BGZF writer produces what htslib calls BGZF, too.
        Assert.That(Check(Bgzip(Htslib("bgziptest.txt")), FileKind.Other).Found, Is.EqualTo("BGZF-compressed text"));
    }

    // ---- lookalikes are refused, and Found names what they are ------------------------------------------------

    [TestCase("ce#1.sam")]
    [TestCase("index.sam")]
    [TestCase("c1#pad1.sam")]
    public void Sam_declared_as_bam_is_refused(string file) =>
        Assert.That(Check(Htslib(file), FileKind.Bam), Is.EqualTo(new ContentCheck(false, "a SAM text file")));

    [Test]
    public void Sam_without_header_declared_as_bed_is_refused_as_sam()
    {
        var sam = Text("r1\t0\t1\t7\t30\t8M2I4M1D3M\t=\t37\t39\tTTAGATAAAGGATACTG\t*\n");
        Assert.That(Check(sam, FileKind.Bed), Is.EqualTo(new ContentCheck(false, "a SAM text file")));
    }

    [Test]
    public void Bcf_declared_as_vcf_is_refused() =>
        Assert.That(Check(Htslib("tabix/vcf_file.bcf"), FileKind.Vcf), Is.EqualTo(new ContentCheck(false, "a BCF file (BGZF-compressed)")));

    [Test]
    public void Fasta_declared_as_fastq_is_refused() =>
        Assert.That(Check(Htslib("fastq/r1.fa"), FileKind.Fastq), Is.EqualTo(new ContentCheck(false, "a FASTA file")));

    [Test]
    public void Fastq_declared_as_fasta_is_refused() =>
        Assert.That(Check(Gzip(Htslib("fastq/r1.fq")), FileKind.Fasta), Is.EqualTo(new ContentCheck(false, "a FASTQ file (gzip-compressed)")));

    [Test]
    public void Fastq_whose_quality_is_shorter_than_its_sequence_is_refused()
    {
        var lines = Encoding.ASCII.GetString(Htslib("fastq/r1.fq")).Split('\n');
        var length = lines[1].Length;
        lines[3] = lines[3][..^1];
        var check = Check(Text(string.Join('\n', lines)), FileKind.Fastq);
        Assert.That(check, Is.EqualTo(new ContentCheck(false,
            $"plain text that is not FASTQ: the quality of record 1 (line 4) has {length - 1} characters but its sequence has {length}")));
    }

    [Test]
    public void Fastq_with_a_bad_base_or_quality_character_is_refused()
    {
        Assert.That(Check(Text("@r\nACGZ\n+\nIIII\n"), FileKind.Fastq).Found,
            Is.EqualTo("plain text that is not FASTQ: line 2 (the sequence of record 1) contains 'Z', which is not a IUPAC base code"));
        Assert.That(Check(Text("@r\nACGT\n+\nII I\n"), FileKind.Fastq).Found,
            Is.EqualTo("plain text that is not FASTQ: the quality of record 1 (line 4) contains a character outside '!'..'~' ( )"));
        Assert.That(Check(Text("@r\nACGT\n-\nIIII\n"), FileKind.Fastq).Found,
            Is.EqualTo("plain text that is not FASTQ: line 3 (record 1) does not start with '+'"));
        Assert.That(Check(Text("@r\nACGT\n+\nIIII\n@s\nAC\n"), FileKind.Fastq).Found,
            Is.EqualTo("plain text that is not FASTQ: the file ends inside record 2 (after line 6)"));
    }

    [Test]
    public void Multi_line_fastq_is_refused_with_a_reason_and_does_not_crash()
    {
        var check = Check(Htslib("fastq/multiline.fq"), FileKind.Fastq);
        Assert.That(check, Is.EqualTo(new ContentCheck(false,
            "plain text that is not FASTQ: record 1 continues its sequence on line 3: multi-line FASTQ is not supported")));
    }

    [Test]
    public void Text_starting_with_the_vcf_header_declared_as_bam_is_refused() =>
        Assert.That(Check(Text("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n"), FileKind.Bam),
            Is.EqualTo(new ContentCheck(false, "a VCF file")));

    [Test]
    public void Gzip_of_random_bytes_declared_as_fastq_is_refused()
    {
        var random = new byte[100_000];
        new Random(7).NextBytes(random);
        Assert.That(Check(Gzip(random), FileKind.Fastq), Is.EqualTo(new ContentCheck(false, "gzip-compressed binary data")));
    }

    [Test]
    public void Gzip_of_text_declared_as_fastq_says_why() =>
        Assert.That(Check(Gzip(Htslib("bgziptest.txt")), FileKind.Fastq),
            Is.EqualTo(new ContentCheck(false, "gzip-compressed text that is not FASTQ: line 1 does not start with '@'")));

    [Test]
    public void Plain_text_declared_as_vcf_says_why() =>
        Assert.That(Check(Htslib("bgziptest.txt"), FileKind.Vcf),
            Is.EqualTo(new ContentCheck(false, "plain text that is not VCF: line 1 does not start with '##fileformat=VCF'")));

    [Test]
    public void Empty_stream_is_refused_for_every_kind_but_other()
    {
        foreach (var kind in Enum.GetValues<FileKind>().Where(k => k != FileKind.Other))
        {
            Assert.That(Check([], kind), Is.EqualTo(new ContentCheck(false, "an empty file")), kind.ToString());
            Assert.That(Check(Htslib("emptyfile"), kind), Is.EqualTo(new ContentCheck(false, "an empty file")), kind.ToString());
        }
        Assert.That(Check(EmptyGzip, FileKind.Fastq), Is.EqualTo(new ContentCheck(false, "an empty file (gzip-compressed)")));
        Assert.That(Check(BgzfEndOfFile, FileKind.Vcf), Is.EqualTo(new ContentCheck(false, "an empty file (BGZF-compressed)")));
    }

    [Test]
    public void Bam_declared_as_cram_and_cram_declared_as_bam_are_refused()
    {
        Assert.That(Check(Htslib("range.bam"), FileKind.Cram), Is.EqualTo(new ContentCheck(false, "a BAM file (BGZF-compressed)")));
        Assert.That(Check(Htslib("range.cram"), FileKind.Bam), Is.EqualTo(new ContentCheck(false, "a CRAM file (version 3.0)")));
    }

    [Test]
    public void Bam_content_in_plain_gzip_is_refused_as_not_bgzf()
    {
        var regzipped = Gzip(Decompress(Htslib("range.bam")));
        Assert.That(Check(regzipped, FileKind.Bam), Is.EqualTo(new ContentCheck(false,
            "gzip-compressed BAM data that is not BGZF (gzip but not BGZF; a BAM file is BGZF-compressed)")));
    }

    [Test]
    public void Cram_with_an_unknown_major_version_or_gzip_compressed_is_refused()
    {
        var cram = Htslib("range.cram");
        var future = cram.ToArray();
        future[4] = 9;
        Assert.That(Check(future, FileKind.Cram).Found, Is.EqualTo("data starting with 'CRAM' but of unknown major version 9"));
        Assert.That(Check(Gzip(cram), FileKind.Cram).Found, Is.EqualTo("gzip-compressed CRAM data (a CRAM file is not gzip-compressed)"));
    }

    [Test]
    public void Kinds_declared_as_each_other_name_what_they_are()
    {
        Assert.That(Check(Htslib("tabix/vcf_file.vcf"), FileKind.Bed), Is.EqualTo(new ContentCheck(false, "a VCF file")));
        Assert.That(Check(Htslib("tabix/bed_file.bed"), FileKind.Gff3), Is.EqualTo(new ContentCheck(false, "a BED file")));
        Assert.That(Check(Htslib("tabix/gff_file.gff"), FileKind.Bed), Is.EqualTo(new ContentCheck(false, "a GFF3 file")));
        Assert.That(Check(Htslib("ce.fa"), FileKind.Vcf), Is.EqualTo(new ContentCheck(false, "a FASTA file")));
        Assert.That(Check(Htslib("fastq/r2.fq"), FileKind.Bam), Is.EqualTo(new ContentCheck(false, "a FASTQ file")));
        Assert.That(Check(Htslib("index.bam.bai"), FileKind.Bam), Is.EqualTo(new ContentCheck(false, "a BAM index (BAI)")));
        Assert.That(Check(Htslib("index.vcf.gz.tbi"), FileKind.Vcf), Is.EqualTo(new ContentCheck(false, "a tabix index (TBI) (BGZF-compressed)")));
        Assert.That(Check(Htslib("range.bam"), FileKind.Fastq), Is.EqualTo(new ContentCheck(false, "a BAM file (BGZF-compressed)")));
    }

    [Test]
    public void Other_compressions_and_archives_are_named()
    {
        Assert.That(Check(Gzip(Gzip(Htslib("fastq/r1.fq"))), FileKind.Fastq).Found, Is.EqualTo("gzip data inside gzip (compressed twice)"));
        Assert.That(Check([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0x00, 0x04], FileKind.Fastq).Found, Is.EqualTo("xz-compressed data"));
        Assert.That(Check([0x28, 0xb5, 0x2f, 0xfd, 0x24, 0x00], FileKind.Vcf).Found, Is.EqualTo("zstd-compressed data"));
        Assert.That(Check([.. Text("BZh91AY&SY"), 0x00, 0x01], FileKind.Fasta).Found, Is.EqualTo("bzip2-compressed data"));
        Assert.That(Check([.. Text("PK"), 3, 4, 20, 0, 0, 0], FileKind.Bed).Found, Is.EqualTo("a ZIP archive"));
    }

    [Test]
    public void Bed_with_start_after_end_or_a_non_numeric_start_is_refused()
    {
        Assert.That(Check(Text("chr1\t200\t100\n"), FileKind.Bed).Found,
            Is.EqualTo("plain text that is not BED: line 1: the start 200 is greater than the end 100"));
        Assert.That(Check(Text("# c\nchr1\t-5\t100\n"), FileKind.Bed).Found,
            Is.EqualTo("plain text that is not BED: line 2: the start '-5' (field 2, tab-separated) is not a non-negative integer"));
        Assert.That(Check(Text("track name=x\n"), FileKind.Bed).Found,
            Is.EqualTo("plain text that is not BED: there is no data line (only blank, '#', 'track' or 'browser' lines)"));
    }

    [Test]
    public void Gff_without_the_pragma_or_of_version_2_is_refused()
    {
        var lines = Encoding.ASCII.GetString(Htslib("tabix/gff_file.gff")).Split('\n');
        var withoutPragma = Text(string.Join('\n', lines.Where(l => !l.StartsWith('#'))));
        Assert.That(Check(withoutPragma, FileKind.Gff3),
            Is.EqualTo(new ContentCheck(false, "GFF/GTF-like text without a '##gff-version 3' first line")));
        Assert.That(Check(Text("##gff-version 2\nX\tsrc\texon\t1\t2\t.\t+\t.\tg\n"), FileKind.Gff3),
            Is.EqualTo(new ContentCheck(false, "a GFF file of version 2, not GFF3")));
    }

    [Test]
    public void Fasta_with_other_characters_is_refused() =>
        Assert.That(Check(Text(">x\nACGT\nAC GT\n"), FileKind.Fasta).Found,
            Is.EqualTo("plain text that is not FASTA: line 3 is neither a '>' header nor a sequence: it contains ' '"));

    [Test]
    public void Corrupt_and_truncated_gzip_is_refused()
    {
        var gzip = Gzip(Htslib("fastq/r1.fq"));
        Assert.That(Check(gzip[..8], FileKind.Fastq), Is.EqualTo(new ContentCheck(false, "corrupt gzip data (nothing could be decompressed)")));
        var corrupt = gzip.ToArray();
        for (var i = 10; i < 40; i++) corrupt[i] ^= 0x5a;
        Assert.That(Check(corrupt, FileKind.Fastq).Found, Is.EqualTo("corrupt gzip data (nothing could be decompressed)"));
    }

    [Test]
    public void Other_always_matches_and_still_says_what_it_is()
    {
        Assert.That(Check(Htslib("range.bam"), FileKind.Other), Is.EqualTo(new ContentCheck(true, "a BAM file (BGZF-compressed)")));
        Assert.That(Check(Htslib("tabix/vcf_file.bcf"), FileKind.Other), Is.EqualTo(new ContentCheck(true, "a BCF file (BGZF-compressed)")));
        Assert.That(Check([], FileKind.Other), Is.EqualTo(new ContentCheck(true, "an empty file")));
        Assert.That(Check([0, 1, 2, 3, 255], FileKind.Other), Is.EqualTo(new ContentCheck(true, "binary data")));
        Assert.That(Check(Htslib("bgziptest.txt"), FileKind.Other), Is.EqualTo(new ContentCheck(true, "plain text")));
    }

    // ---- how much is read and decompressed --------------------------------------------------------------------

    [Test]
    public void Check_reads_from_the_current_position_of_the_stream()
    {
        var bam = Htslib("range.bam");
        var stream = new MemoryStream([.. Text("junk before the file"), .. bam]) { Position = 20 };
        Assert.That(FileContent.Check(stream, FileKind.Bam).Matches, Is.True);
    }

    [Test]
    public void Check_reads_a_stream_that_returns_few_bytes_at_a_time()
    {
        var check = FileContent.Check(new TrickleStream(Htslib("range.bam"), 7), FileKind.Bam);
        Assert.That(check, Is.EqualTo(new ContentCheck(true, "a BAM file (BGZF-compressed)")));
    }

    [Test]
    public void Check_reads_at_most_HeadBytes_of_a_huge_stream()
    {
        var record = Text(FastqRecords(1, 150, seed: 1));
        var fastq = new GeneratedStream(100_000_000, record);
        Assert.That(FileContent.Check(fastq, FileKind.Fastq), Is.EqualTo(new ContentCheck(true, "a FASTQ file")));
        Assert.That(fastq.BytesRead, Is.LessThanOrEqualTo(FileContent.HeadBytes + 64));

        var binary = new GeneratedStream(100_000_000, [0x00, 0xff, 0x10, 0x80]);
        Assert.That(FileContent.Check(binary, FileKind.Fasta), Is.EqualTo(new ContentCheck(false, "binary data")));
        Assert.That(binary.BytesRead, Is.LessThanOrEqualTo(FileContent.HeadBytes + 64));
    }

    [Test]
    public void Gzip_larger_than_the_window_is_checked_on_its_start()
    {
        // Random qualities barely compress: the gzip is several MiB, the window cuts it inside a deflate block.
        var fastq = Gzip(Text(FastqRecords(40_000, 150, seed: 2)));
        Assert.That(fastq.Length, Is.GreaterThan(2 * FileContent.HeadBytes));
        var stream = new GeneratedStream(fastq.Length, fastq);
        Assert.That(FileContent.Check(stream, FileKind.Fastq), Is.EqualTo(new ContentCheck(true, "a FASTQ file (gzip-compressed)")));
        Assert.That(stream.BytesRead, Is.LessThanOrEqualTo(FileContent.HeadBytes + 64));
    }

    [Test]
    public void Gzip_bomb_is_not_decompressed_beyond_the_limit()
    {
        var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 200; i++) gzip.Write(zeros);
        }
        var bomb = output.ToArray();
        Assert.That(bomb.Length, Is.LessThan(FileContent.HeadBytes), "the whole bomb is inside the window");

        using (var sample = FileContent.Sample.Read(new MemoryStream(bomb)))
        {
            Assert.That(sample.Data.Length, Is.EqualTo(FileContent.DecompressedLimit));
            Assert.That(sample.Truncated, Is.True);
            Assert.That(sample.RawBytes, Is.EqualTo(bomb.Length));
        }
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.That(Check(bomb, FileKind.Fastq), Is.EqualTo(new ContentCheck(false, "gzip-compressed binary data")));
        Assert.That(started.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void Gzip_members_are_followed_across_their_boundaries()
    {
        // GZipStream decompresses concatenated members (as BGZF and `cat a.gz b.gz` produce): a record split between
        // two members is read whole.
        var fastq = Text(FastqRecords(4, 100, seed: 3));
        var split = fastq.Length / 2 + 1;
        var concatenated = Gzip(fastq[..split]).Concat(Gzip(fastq[split..])).ToArray();
        Assert.That(Check(concatenated, FileKind.Fastq), Is.EqualTo(new ContentCheck(true, "a FASTQ file (gzip-compressed)")));
        Assert.That(Decompress(concatenated), Is.EqualTo(fastq));
    }

    [Test]
    public void A_read_longer_than_the_window_is_fastq_when_the_part_seen_is_well_formed()
    {
        var read = Text(FastqRecords(1, 3_000_000, seed: 4));
        Assert.That(Check(read, FileKind.Fastq), Is.EqualTo(new ContentCheck(true, "a FASTQ file")));
        read[1_000_000] = (byte)'!';
        Assert.That(Check(read, FileKind.Fastq).Found,
            Is.EqualTo("plain text that is not FASTQ: line 2 (the sequence) contains '!', which is not a IUPAC base code"));
    }

    // ---- robustness and arguments -----------------------------------------------------------------------------

    [Test]
    public void Bad_content_never_throws()
    {
        string[] files = ["fastq/r1.fq", "range.bam", "range.cram", "tabix/vcf_file.bcf", "tabix/bed_file.bed", "tabix/gff_file.gff", "c1.fa"];
        var random = new Random(5);
        foreach (var file in files)
        {
            var bytes = Htslib(file);
            for (var length = 0; length < Math.Min(bytes.Length, 300); length += 7)
            {
                var mangled = bytes[..length];
                if (length > 0) mangled[random.Next(length)] = (byte)random.Next(256);
                foreach (var kind in Enum.GetValues<FileKind>())
                {
                    Assert.DoesNotThrow(() => Check(mangled, kind), $"{file}[..{length}] as {kind}");
                    Assert.DoesNotThrow(() => Check(Gzip(mangled)[..Math.Max(0, length / 2)], kind), $"gzip {file}[..{length}] as {kind}");
                }
            }
        }
    }

    [Test]
    public void Argument_errors_throw()
    {
        Assert.Throws<ArgumentNullException>(() => FileContent.Check(null!, FileKind.Bam));
        Assert.Throws<ArgumentException>(() => FileContent.Check(new UnreadableStream(), FileKind.Bam));
        Assert.Throws<ArgumentOutOfRangeException>(() => FileContent.Check(new MemoryStream(), (FileKind)42));
    }

    [TestCase("fastq", FileKind.Fastq)]
    [TestCase("FASTQ", FileKind.Fastq)]
    [TestCase("bam", FileKind.Bam)]
    [TestCase("Cram", FileKind.Cram)]
    [TestCase("vcf", FileKind.Vcf)]
    [TestCase("bed", FileKind.Bed)]
    [TestCase("GFF3", FileKind.Gff3)]
    [TestCase("fasta", FileKind.Fasta)]
    [TestCase("other", FileKind.Other)]
    public void Parse_knows_the_kind_names_in_any_case(string name, FileKind kind) =>
        Assert.That(FileContent.Parse(name), Is.EqualTo(kind));

    [TestCase(null)]
    [TestCase("")]
    [TestCase("sam")]
    [TestCase("fq")]
    [TestCase("gff")]
    [TestCase("0")]
    [TestCase("Fastq,Bam")]
    [TestCase(" fastq")]
    public void Parse_returns_null_for_anything_else(string? name) => Assert.That(FileContent.Parse(name), Is.Null);

    // ---- streams ------------------------------------------------------------------------------------------------

    /// <summary>A read-only, non-seekable stream of the given length repeating a pattern; counts the bytes read.</summary>
    private sealed class GeneratedStream(long length, byte[] pattern) : Stream
    {
        private long _position;
        public long BytesRead => _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++) buffer[offset + i] = pattern[(_position + i) % pattern.Length];
            _position += n;
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

    /// <summary>Returns at most chunk bytes per read, as a network stream may.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);
    }

    private sealed class UnreadableStream : MemoryStream
    {
        public override bool CanRead => false;
    }
}

using System.Buffers;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;

// The unit tests look at the decompressed sample (to prove the zip-bomb limit) through internals.
[assembly: InternalsVisibleTo("VariantMiner.Application.UnitTests")]

namespace VariantMiner.Application.Files;

/// <summary>The kinds of file an upload can be declared as.</summary>
public enum FileKind { Fastq, Bam, Cram, Vcf, Bed, Gff3, Fasta, Other }

/// <summary>The verdict of <see cref="FileContent.Check"/>.</summary>
/// <param name="Matches">Whether the bytes are of the declared kind.</param>
/// <param name="Found">What the bytes are, in words for a problem detail, e.g. "a BAM file (BGZF-compressed)",
/// "gzip-compressed text that is not FASTQ: line 1 does not start with '@'", "a CRAM file (version 3.0)".</param>
public sealed record ContentCheck(bool Matches, string Found);

/// <summary>
/// Decides from the leading bytes of a file (never its name) what it holds. The rules, by kind:
/// <list type="bullet">
/// <item>gzip (magic 1f 8b) is decompressed in memory, at most <see cref="DecompressedLimit"/> bytes (a zip bomb
/// cannot hurt); concatenated members (BGZF blocks) are followed. BGZF is gzip whose first header carries the "BC"
/// extra subfield. A stream that ends inside the head window is fine (the window is only the start of a large file);
/// it is "corrupt" only when nothing at all could be decompressed.</item>
/// <item>FASTQ (plain or gzip/BGZF): up to the first 4 complete records are checked: an '@' line, a sequence line
/// of IUPAC codes (any case, also '.'), a '+' line, a quality line of the sequence's length in '!'..'~'. At least one
/// complete record is required, except that when the head window ends inside the very first record (a read longer
/// than the window), the part seen must be well-formed. Multi-line FASTQ (wrapped sequence/quality) is not accepted;
/// it is refused with a reason that says so.</item>
/// <item>BAM: BGZF whose data starts "BAM\1". A plain (non-BGZF) gzip holding "BAM\1" is refused: BAM is BGZF by
/// definition and tools (htslib's index, random access) need the BGZF blocks.</item>
/// <item>CRAM: uncompressed bytes "CRAM" followed by major version 2, 3 or 4.</item>
/// <item>VCF: data starts "##fileformat=VCF" (plain, gzip or BGZF). BGZF data starting "BCF\2" is BCF, not VCF.</item>
/// <item>BED: lines that are blank, '#', "track" or "browser" are skipped; the first (up to 1000) data lines need at
/// least 3 tab-separated fields (whitespace-separated tolerated), fields 2 and 3 non-negative integers, start ≤ end.
/// At least one data line is required.</item>
/// <item>GFF3: the first line is the pragma "##gff-version 3" (or "3.x.y"). The pragma is required by the GFF3
/// specification and present in htslib's test/tabix/gff_file.gff; pragma-less 9-column data is reported as
/// "GFF/GTF-like text" and refused.</item>
/// <item>FASTA: the first non-empty line starts with '>'; the following (up to 10000) lines are '>' headers, blank,
/// or sequence letters (any letter, '*', '-', '.'); at least one sequence line is required.</item>
/// <item>Other always matches; Found still says what was detected.</item>
/// </list>
/// Text is read byte-wise (ASCII); a UTF-8 byte-order mark is not skipped (the bioinformatics tools do not skip it
/// either). Only argument errors throw; read errors of the stream itself propagate as they are.
/// </summary>
public static class FileContent
{
    /// <summary>How many leading bytes Check reads at most.</summary>
    public const int HeadBytes = 1 << 20;

    /// <summary>How many bytes a gzip head is decompressed to at most.</summary>
    internal const int DecompressedLimit = 4 << 20;

    private const int FastqRecordsChecked = 4;
    private const int BedDataLinesChecked = 1000;
    private const int FastaLinesChecked = 10_000;
    private const int TextSniffBytes = 64 << 10;
    private const int InflateChunk = 16 << 10;

    /// <summary>Decides from the bytes (never the name) whether the content is of the declared kind. Reads at most
    /// HeadBytes of compressed input from the stream's current position (the caller passes a stream of the whole file).</summary>
    public static ContentCheck Check(Stream content, FileKind declared)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanRead) throw new ArgumentException("The stream cannot be read.", nameof(content));
        if (!Enum.IsDefined(declared)) throw new ArgumentOutOfRangeException(nameof(declared), declared, "Not a file kind.");

        using var sample = Sample.Read(content);
        var found = Identify(sample);
        if (declared == FileKind.Other || found.Kind == declared) return new ContentCheck(true, found.Description);
        if (found.IsUnrecognisedText && TextFault(declared, sample) is { } fault)
            return new ContentCheck(false, $"{found.Description} that is not {Name(declared)}: {fault}");
        return new ContentCheck(false, found.Description);
    }

    /// <summary>Parses a kind name as the API receives it ("fastq", "bam", "cram", "vcf", "bed", "gff3", "fasta",
    /// "other"; any case); null when unknown.</summary>
    public static FileKind? Parse(string? name) => name?.ToLowerInvariant() switch
    {
        "fastq" => FileKind.Fastq,
        "bam" => FileKind.Bam,
        "cram" => FileKind.Cram,
        "vcf" => FileKind.Vcf,
        "bed" => FileKind.Bed,
        "gff3" => FileKind.Gff3,
        "fasta" => FileKind.Fasta,
        "other" => FileKind.Other,
        _ => null,
    };

    private static string Name(FileKind kind) => kind.ToString().ToUpperInvariant();

    internal enum Compression { None, Gzip, Bgzf }

    /// <summary>The head of a file, decompressed when it is gzip.</summary>
    internal sealed class Sample : IDisposable
    {
        private byte[]? _buffer;
        private readonly int _length;

        private Sample(byte[] buffer, int length, Compression compression, bool truncated, bool corrupt, int rawBytes)
        {
            _buffer = buffer;
            _length = length;
            Compression = compression;
            Truncated = truncated;
            Corrupt = corrupt;
            RawBytes = rawBytes;
        }

        /// <summary>The (decompressed) bytes.</summary>
        public ReadOnlySpan<byte> Data => _buffer.AsSpan(0, _length);
        public Compression Compression { get; }
        /// <summary>More content may follow Data: the last line of Data may be incomplete.</summary>
        public bool Truncated { get; }
        /// <summary>gzip magic, but nothing could be decompressed.</summary>
        public bool Corrupt { get; }
        /// <summary>How many bytes were read from the stream.</summary>
        public int RawBytes { get; }

        public static Sample Read(Stream content)
        {
            var raw = ArrayPool<byte>.Shared.Rent(HeadBytes);
            var n = content.ReadAtLeast(raw.AsSpan(0, HeadBytes), HeadBytes, throwOnEndOfStream: false);
            var rawFull = n == HeadBytes;
            if (n < 2 || raw[0] != 0x1f || raw[1] != 0x8b)
                return new Sample(raw, n, Compression.None, rawFull, corrupt: false, n);

            try
            {
                var compression = IsBgzf(raw.AsSpan(0, n)) ? Compression.Bgzf : Compression.Gzip;
                var data = ArrayPool<byte>.Shared.Rent(DecompressedLimit);
                var m = 0;
                var failed = false;
                try
                {
                    // GZipStream follows concatenated members (every BGZF block is one) and returns 0 at the end of a
                    // truncated input instead of throwing; corrupt deflate data throws InvalidDataException. Reading in
                    // small chunks keeps what was decompressed before a fault.
                    using var gzip = new GZipStream(new MemoryStream(raw, 0, n, writable: false), CompressionMode.Decompress);
                    while (m < DecompressedLimit)
                    {
                        var read = gzip.Read(data, m, Math.Min(InflateChunk, DecompressedLimit - m));
                        if (read == 0) break;
                        m += read;
                    }
                }
                catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
                {
                    failed = true;
                }
                // Nothing decompressed: an empty gzip member is at least 20 bytes long; anything shorter, or a
                // deflate fault before the first byte, is corrupt (or truncated in its header).
                var corrupt = m == 0 && (failed || n < 20);
                return new Sample(data, m, compression, rawFull || failed || m == DecompressedLimit, corrupt, n);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(raw);
            }
        }

        public void Dispose()
        {
            if (_buffer is null) return;
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    /// <summary>gzip with the BGZF extra subfield: SI1 'B', SI2 'C', SLEN 2 (SAM/BAM specification, section 4.1).</summary>
    private static bool IsBgzf(ReadOnlySpan<byte> raw)
    {
        const byte fextra = 4;
        if (raw.Length < 18 || raw[2] != 8 || (raw[3] & fextra) == 0) return false;
        var xlen = raw[10] | raw[11] << 8;
        var extra = raw.Slice(12, Math.Min(xlen, raw.Length - 12));
        for (var i = 0; i + 4 <= extra.Length;)
        {
            var slen = extra[i + 2] | extra[i + 3] << 8;
            if (extra[i] == (byte)'B' && extra[i + 1] == (byte)'C' && slen == 2) return true;
            i += 4 + slen;
        }
        return false;
    }

    /// <param name="Kind">The declarable kind the content fully qualifies as (compression included), or null.</param>
    /// <param name="IsUnrecognisedText">Text of no recognised kind: the declared kind's fault is worth telling.</param>
    private sealed record Detection(FileKind? Kind, string Description, bool IsUnrecognisedText = false);

    private static Detection Identify(Sample sample)
    {
        var d = sample.Data;
        var c = sample.Compression;
        var suffix = c switch { Compression.Gzip => " (gzip-compressed)", Compression.Bgzf => " (BGZF-compressed)", _ => "" };
        var prefix = c switch { Compression.Gzip => "gzip-compressed ", Compression.Bgzf => "BGZF-compressed ", _ => "" };

        if (sample.Corrupt) return new(null, "corrupt gzip data (nothing could be decompressed)");
        if (d.IsEmpty) return new(null, "an empty file" + suffix);

        if (d.StartsWith("BAM\x01"u8))
        {
            return c switch
            {
                Compression.Bgzf => new(FileKind.Bam, "a BAM file (BGZF-compressed)"),
                Compression.Gzip => new(null, "gzip-compressed BAM data that is not BGZF (gzip but not BGZF; a BAM file is BGZF-compressed)"),
                _ => new(null, "uncompressed BAM data (a BAM file is BGZF-compressed)"),
            };
        }
        if (d.StartsWith("BCF"u8) && d.Length > 3 && d[3] is 1 or 2) return new(null, "a BCF file" + suffix);
        if (d.StartsWith("CRAM"u8))
        {
            if (d.Length < 5) return new(null, prefix + "data starting with 'CRAM' but too short to be a CRAM file");
            var major = d[4];
            var version = d.Length > 5 ? $"{major}.{d[5]}" : $"{major}";
            if (major is < 2 or > 4) return new(null, $"{prefix}data starting with 'CRAM' but of unknown major version {major}");
            return c == Compression.None
                ? new(FileKind.Cram, $"a CRAM file (version {version})")
                : new(null, $"{prefix}CRAM data (a CRAM file is not gzip-compressed)");
        }
        if (d.StartsWith("BAI\x01"u8)) return new(null, "a BAM index (BAI)" + suffix);
        if (d.StartsWith("CSI\x01"u8)) return new(null, "a CSI index" + suffix);
        if (d.StartsWith("TBI\x01"u8)) return new(null, "a tabix index (TBI)" + suffix);

        if (VcfFault(d) is null) return new(FileKind.Vcf, "a VCF file" + suffix);
        if (d.StartsWith("##gff-version"u8))
        {
            return Gff3Fault(d) is null
                ? new(FileKind.Gff3, "a GFF3 file" + suffix)
                : new(null, $"a GFF file of version {GffVersion(d)}, not GFF3{suffix}");
        }
        if (FastqFault(d, sample.Truncated) is null) return new(FileKind.Fastq, "a FASTQ file" + suffix);
        if (FastaFault(d, sample.Truncated) is null) return new(FileKind.Fasta, "a FASTA file" + suffix);
        if (IsSam(d, sample.Truncated)) return new(null, "a SAM text file" + suffix);
        if (BedFault(d, sample.Truncated) is null) return new(FileKind.Bed, "a BED file" + suffix);
        if (IsGffLike(d, sample.Truncated)) return new(null, prefix + "GFF/GTF-like text without a '##gff-version 3' first line");

        if (d.StartsWith(GzipMagic)) return new(null, "gzip data inside gzip (compressed twice)");
        if (d.StartsWith("PK\x03\x04"u8)) return new(null, "a ZIP archive" + suffix);
        if (d.StartsWith("BZh"u8) && d.Length > 3 && d[3] is >= (byte)'1' and <= (byte)'9') return new(null, prefix + "bzip2-compressed data");
        if (d.StartsWith(XzMagic)) return new(null, prefix + "xz-compressed data");
        if (d.StartsWith(ZstdMagic)) return new(null, prefix + "zstd-compressed data");

        return IsText(d)
            ? new(null, c == Compression.None ? "plain text" : prefix + "text", IsUnrecognisedText: true)
            : new(null, prefix + "binary data");
    }

    private static string? TextFault(FileKind declared, Sample sample) => declared switch
    {
        FileKind.Fastq => FastqFault(sample.Data, sample.Truncated),
        FileKind.Fasta => FastaFault(sample.Data, sample.Truncated),
        FileKind.Vcf => VcfFault(sample.Data),
        FileKind.Gff3 => Gff3Fault(sample.Data),
        FileKind.Bed => BedFault(sample.Data, sample.Truncated),
        _ => null,
    };

    // ---- text kinds -------------------------------------------------------------------------------------------

    private static string? VcfFault(ReadOnlySpan<byte> d) =>
        d.StartsWith("##fileformat=VCF"u8) ? null : "line 1 does not start with '##fileformat=VCF'";

    private static string? Gff3Fault(ReadOnlySpan<byte> d)
    {
        var line = FirstLine(d);
        if (!line.StartsWith("##gff-version"u8)) return "line 1 is not the pragma '##gff-version 3'";
        var version = GffVersion(d);
        return version == "3" || version.StartsWith("3.", StringComparison.Ordinal)
            ? null
            : $"line 1 declares GFF version '{version}', not 3";
    }

    /// <summary>The first word after "##gff-version".</summary>
    private static string GffVersion(ReadOnlySpan<byte> d)
    {
        var rest = FirstLine(d)["##gff-version".Length..].TrimStart(" \t"u8);
        var end = rest.IndexOfAny(" \t"u8);
        return Printable(end < 0 ? rest : rest[..end], 20);
    }

    /// <summary>Multi-line FASTQ (sequence or quality wrapped over several lines) is not accepted: it is rare, and
    /// telling a wrapped quality line that starts with '@' from the next header needs the lengths anyway.</summary>
    private static string? FastqFault(ReadOnlySpan<byte> d, bool truncated)
    {
        var lines = new Lines(d, truncated);
        var seqLength = 0;
        for (var record = 1; record <= FastqRecordsChecked; record++)
        {
            // 0 header, 1 sequence, 2 '+', 3 quality
            for (var part = 0; part < 4; part++)
            {
                if (!lines.Next(out var line))
                {
                    if (part == 0 && record > 1 && !lines.CutOff) return null; // the file ends after a complete record
                    if (lines.CutOff)
                    {
                        // The head window ends inside this record. After a complete record that is fine; inside the
                        // first one (a read longer than the window) the part seen must be well-formed.
                        if (record > 1) return null;
                        var partial = lines.Partial;
                        return part switch
                        {
                            0 => "the first line is longer than the part of the file that is checked",
                            1 when !IsIupac(partial, out var bad) => $"line 2 (the sequence) contains '{Printable(bad)}', which is not a IUPAC base code",
                            3 when partial.Length > seqLength => $"line 4 (the quality) is longer than the sequence ({seqLength} characters)",
                            3 when !IsQuality(partial, out var bad) => $"line 4 (the quality) contains a character outside '!'..'~' ({Printable(bad)})",
                            _ => null,
                        };
                    }
                    return $"the file ends inside record {record} (after line {lines.Number})";
                }
                switch (part)
                {
                    case 0 when line.IsEmpty && record > 1 && lines.RestIsBlank():
                        return null; // trailing blank lines
                    case 0 when line.IsEmpty || line[0] != (byte)'@':
                        return $"line {lines.Number} does not start with '@'";
                    case 1:
                        if (!IsIupac(line, out var badBase))
                            return $"line {lines.Number} (the sequence of record {record}) contains '{Printable(badBase)}', which is not a IUPAC base code";
                        seqLength = line.Length;
                        break;
                    case 2 when line.IsEmpty || line[0] != (byte)'+':
                        return !line.IsEmpty && IsIupac(line, out _)
                            ? $"record {record} continues its sequence on line {lines.Number}: multi-line FASTQ is not supported"
                            : $"line {lines.Number} (record {record}) does not start with '+'";
                    case 3:
                        if (line.Length != seqLength)
                            return $"the quality of record {record} (line {lines.Number}) has {line.Length} characters but its sequence has {seqLength}";
                        if (!IsQuality(line, out var badQuality))
                            return $"the quality of record {record} (line {lines.Number}) contains a character outside '!'..'~' ({Printable(badQuality)})";
                        break;
                }
            }
        }
        return null;
    }

    private static string? FastaFault(ReadOnlySpan<byte> d, bool truncated)
    {
        var lines = new Lines(d, truncated);
        var headerSeen = false;
        var sequenceSeen = false;
        while (lines.Number < FastaLinesChecked && lines.Next(out var line))
        {
            line = line.TrimEnd(" \t"u8);
            if (line.IsEmpty) continue;
            if (!headerSeen)
            {
                if (line[0] != (byte)'>') return $"line {lines.Number}, the first non-empty one, does not start with '>'";
                headerSeen = true;
                continue;
            }
            if (line[0] == (byte)'>') continue;
            var bad = line.IndexOfAnyExcept(FastaLetters);
            if (bad >= 0)
                return $"line {lines.Number} is neither a '>' header nor a sequence: it contains '{Printable(line.Slice(bad, 1))}'";
            sequenceSeen = true;
        }
        if (!headerSeen)
            return lines.CutOff ? "the first line is longer than the part of the file that is checked" : "there is no '>' header line";
        if (!sequenceSeen)
        {
            if (lines.CutOff && lines.Partial.TrimEnd(" \t"u8).IndexOfAnyExcept(FastaLetters) < 0) return null;
            return "no sequence line follows the '>' header";
        }
        return null;
    }

    private static string? BedFault(ReadOnlySpan<byte> d, bool truncated)
    {
        var lines = new Lines(d, truncated);
        var data = 0;
        Span<Range> fields = stackalloc Range[4];
        while (data < BedDataLinesChecked && lines.Next(out var line))
        {
            if (line.Trim(" \t"u8).IsEmpty || line[0] == (byte)'#' || IsWord(line, "track"u8) || IsWord(line, "browser"u8)) continue;
            var count = Split(line, (byte)'\t', fields);
            var separator = "tab";
            if (count < 3)
            {
                count = SplitWhitespace(line, fields);
                separator = "whitespace";
            }
            if (count < 3) return $"line {lines.Number} has fewer than 3 tab-separated fields";
            var chrom = line[fields[0]].Trim(" "u8);
            var startText = line[fields[1]].Trim(" "u8);
            var endText = line[fields[2]].Trim(" "u8);
            if (chrom.IsEmpty) return $"line {lines.Number} has an empty chromosome name";
            if (!TryParseCount(startText, out var start))
                return $"line {lines.Number}: the start '{Printable(startText, 20)}' (field 2, {separator}-separated) is not a non-negative integer";
            if (!TryParseCount(endText, out var end))
                return $"line {lines.Number}: the end '{Printable(endText, 20)}' (field 3, {separator}-separated) is not a non-negative integer";
            if (start > end) return $"line {lines.Number}: the start {start} is greater than the end {end}";
            data++;
        }
        return data > 0 ? null : "there is no data line (only blank, '#', 'track' or 'browser' lines)";
    }

    /// <summary>SAM: a header line "@HD", "@SQ", "@RG", "@PG" or "@CO" first, or an alignment line of at least 11
    /// tab-separated fields with integer FLAG, POS and MAPQ and a CIGAR.</summary>
    private static bool IsSam(ReadOnlySpan<byte> d, bool truncated)
    {
        var lines = new Lines(d, truncated);
        if (!lines.Next(out var line)) return false;
        if (line.Length > 4 && line[0] == (byte)'@' && line[3] == (byte)'\t')
        {
            var tag = line[1..3];
            return tag.SequenceEqual("HD"u8) || tag.SequenceEqual("SQ"u8) || tag.SequenceEqual("RG"u8)
                || tag.SequenceEqual("PG"u8) || tag.SequenceEqual("CO"u8);
        }
        Span<Range> f = stackalloc Range[12];
        if (Split(line, (byte)'\t', f) < 11) return false;
        return TryParseCount(line[f[1]], out _) && TryParseCount(line[f[3]], out _) && TryParseCount(line[f[4]], out _)
            && IsCigar(line[f[5]]);
    }

    private static bool IsCigar(ReadOnlySpan<byte> s)
    {
        if (s.SequenceEqual("*"u8)) return true;
        var digits = 0;
        foreach (var b in s)
        {
            if (b is >= (byte)'0' and <= (byte)'9') digits++;
            else if ("MIDNSHP=X"u8.Contains(b) && digits > 0) digits = 0;
            else return false;
        }
        return s.Length > 0 && digits == 0;
    }

    /// <summary>A GFF/GTF data line without the GFF3 pragma: 9 tab-separated columns, 4 and 5 integers, 7 a strand.</summary>
    private static bool IsGffLike(ReadOnlySpan<byte> d, bool truncated)
    {
        var lines = new Lines(d, truncated);
        Span<Range> f = stackalloc Range[10];
        while (lines.Next(out var line))
        {
            if (line.IsEmpty || line[0] == (byte)'#') continue;
            if (Split(line, (byte)'\t', f) != 9) return false;
            var strand = line[f[6]];
            return TryParseCount(line[f[3]], out _) && TryParseCount(line[f[4]], out _)
                && strand.Length == 1 && "+-.?"u8.Contains(strand[0]);
        }
        return false;
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    // Not u8 literals: "\x8b"u8 would be the UTF-8 encoding of U+008B, two bytes.
    private static ReadOnlySpan<byte> GzipMagic => [0x1f, 0x8b];
    private static ReadOnlySpan<byte> XzMagic => [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];
    private static ReadOnlySpan<byte> ZstdMagic => [0x28, 0xb5, 0x2f, 0xfd];

    private static readonly SearchValues<byte> IupacBases = SearchValues.Create("ACGTUNRYKMSWBDHVacgtunrykmswbdhv."u8);
    private static readonly SearchValues<byte> FastaLetters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz*-."u8);

    private static bool IsIupac(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> bad)
    {
        var i = line.IndexOfAnyExcept(IupacBases);
        bad = i < 0 ? default : line.Slice(i, 1);
        return i < 0;
    }

    private static bool IsQuality(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> bad)
    {
        var i = line.IndexOfAnyExceptInRange((byte)'!', (byte)'~');
        bad = i < 0 ? default : line.Slice(i, 1);
        return i < 0;
    }

    private static bool TryParseCount(ReadOnlySpan<byte> s, out long value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 18 || s.IndexOfAnyExceptInRange((byte)'0', (byte)'9') >= 0) return false;
        foreach (var b in s) value = value * 10 + (b - '0');
        return true;
    }

    private static bool IsWord(ReadOnlySpan<byte> line, ReadOnlySpan<byte> word) =>
        line.StartsWith(word) && (line.Length == word.Length || line[word.Length] is (byte)' ' or (byte)'\t');

    /// <summary>Splits at every separator; stores the first fields.Length fields and returns how many there are.</summary>
    private static int Split(ReadOnlySpan<byte> line, byte separator, Span<Range> fields)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            var end = line[start..].IndexOf(separator);
            var stop = end < 0 ? line.Length : start + end;
            if (count < fields.Length) fields[count] = start..stop;
            count++;
            if (end < 0) return count;
            start = stop + 1;
        }
    }

    private static int SplitWhitespace(ReadOnlySpan<byte> line, Span<Range> fields)
    {
        var count = 0;
        var i = 0;
        while (i < line.Length && count < fields.Length)
        {
            while (i < line.Length && line[i] is (byte)' ' or (byte)'\t') i++;
            if (i == line.Length) break;
            var start = i;
            while (i < line.Length && line[i] is not ((byte)' ' or (byte)'\t')) i++;
            fields[count++] = start..i;
        }
        return count;
    }

    private static ReadOnlySpan<byte> FirstLine(ReadOnlySpan<byte> d)
    {
        var end = d.IndexOf((byte)'\n');
        var line = end < 0 ? d : d[..end];
        return line.EndsWith("\r"u8) ? line[..^1] : line;
    }

    /// <summary>Text: no NUL byte, and (nearly) no control characters other than tab, line ends, form feed, escape.</summary>
    private static bool IsText(ReadOnlySpan<byte> d)
    {
        var head = d[..Math.Min(d.Length, TextSniffBytes)];
        if (head.Contains((byte)0)) return false;
        var control = 0;
        foreach (var b in head)
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or 0x0b or 0x0c or 0x1b)) control++;
        return control * 100 <= head.Length;
    }

    /// <summary>Bytes for a message: printable ASCII kept, anything else as \xNN.</summary>
    private static string Printable(ReadOnlySpan<byte> bytes, int max = 1)
    {
        var text = new StringBuilder();
        foreach (var b in bytes[..Math.Min(bytes.Length, max)])
            text.Append(b is >= 0x20 and < 0x7f ? ((char)b).ToString() : $"\\x{b:x2}");
        if (bytes.Length > max) text.Append('…');
        return text.ToString();
    }

    /// <summary>The complete lines of a sample ('\n' or "\r\n" ends). When the sample is truncated, the bytes after
    /// the last '\n' are not a line: Next stops there with CutOff set and Partial holding them.</summary>
    private ref struct Lines(ReadOnlySpan<byte> data, bool truncated)
    {
        private ReadOnlySpan<byte> _rest = data;

        public int Number { get; private set; }
        public bool CutOff { get; private set; }
        public ReadOnlySpan<byte> Partial { get; private set; }

        public bool Next(out ReadOnlySpan<byte> line)
        {
            line = default;
            if (_rest.IsEmpty) return false;
            var end = _rest.IndexOf((byte)'\n');
            if (end < 0)
            {
                if (truncated)
                {
                    CutOff = true;
                    Partial = _rest;
                    _rest = default;
                    return false;
                }
                line = _rest;
                _rest = default;
            }
            else
            {
                line = _rest[..end];
                _rest = _rest[(end + 1)..];
            }
            if (line.EndsWith("\r"u8)) line = line[..^1];
            Number++;
            return true;
        }

        public readonly bool RestIsBlank() => _rest.IndexOfAnyExcept(" \t\r\n"u8) < 0;
    }
}

using System.Collections.Immutable;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace VariantMiner.Infrastructure.Variants.Vcf;

/// <summary>
/// Streams a VCF 4.1–4.3 file, plain or gzip/BGZF (told apart by the gzip magic bytes; GZipStream reads every member
/// of a multi-member file, which is what BGZF is), one line at a time through reused buffers, so memory stays flat
/// however large the file. Records come out split to one row per ALT allele exactly as bcftools norm -m- splits them
/// (see <see cref="VcfGenotype.ForAltAllele"/> and <see cref="VcfInfo"/>). A record or header that cannot be read
/// throws <see cref="VcfFormatException"/> with its line number. Not thread-safe; the rows can be enumerated once.
/// </summary>
public sealed class VcfReader : IDisposable
{
    private readonly VcfLineReader _lines;
    private bool _enumerated;

    /// <summary>Opens a VCF from a stream and reads its header (throws <see cref="VcfFormatException"/> for a bad one).</summary>
    public VcfReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _lines = new VcfLineReader(Decompressed(stream, leaveOpen));
        try
        {
            Header = VcfHeader.Read(_lines);
        }
        catch
        {
            _lines.Dispose();
            throw;
        }
    }

    /// <summary>Opens a .vcf or .vcf.gz file.</summary>
    public static VcfReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));

    public VcfHeader Header { get; }

    /// <summary>The 1-based number of the last line read.</summary>
    public long LineNumber => _lines.LineNumber;

    /// <summary>The records, one row per ALT allele, read as they are enumerated (once).</summary>
    public IEnumerable<VcfVariant> ReadVariants()
    {
        if (_enumerated) throw new InvalidOperationException("The records of a VcfReader can be read once.");
        _enumerated = true;
        return Rows();
    }

    private IEnumerable<VcfVariant> Rows()
    {
        var parser = new RecordParser(Header);
        while (_lines.TryReadLine(out _))
        {
            var count = parser.Parse(_lines.CurrentLine, _lines.LineNumber);
            for (var i = 0; i < count; i++) yield return parser.Row(i);
        }
    }

    public void Dispose() => _lines.Dispose();

    private static Stream Decompressed(Stream stream, bool leaveOpen)
    {
        var magic = new byte[2];
        var read = 0;
        while (read < 2)
        {
            var n = stream.Read(magic, read, 2 - read);
            if (n == 0) break;
            read += n;
        }
        Stream input = new PrefixedStream(magic.AsSpan(0, read).ToArray(), stream, leaveOpen);
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(input, CompressionMode.Decompress) : input;
    }

    /// <summary>Turns one record line into its rows, reusing its buffers from line to line.</summary>
    private sealed class RecordParser(VcfHeader header)
    {
        private static readonly string[] OneChar = Enumerable.Range(0, 128).Select(c => ((char)c).ToString()).ToArray();

        private readonly int _sampleCount = header.SampleNames.Count;
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _contigs =
            header.Contigs.Select(c => c.Id).Distinct().ToDictionary(id => id, id => id, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

        private string _lastChrom = "";
        private string _lastFilter = "PASS";
        private readonly List<string> _alts = [];
        private readonly List<VcfVariant> _rows = [];

        // The FORMAT column of the previous record and where GT, GQ, DP and AD are in it (-1 when absent).
        private string _format = "\0";
        private int _formatKeys, _gt = -1, _gq = -1, _dp = -1, _ad = -1, _lastNeeded = -1;
        private bool _gqStrict, _dpStrict, _adStrict;

        // Per sample of the current record: the genotype as written, GQ, DP and AD (allele count + 1 per sample).
        private VcfGenotype[] _genotypes = [];
        private int[] _gqs = [], _dps = [], _ads = [];

        public VcfVariant Row(int index) => _rows[index];

        public int Parse(ReadOnlySpan<char> line, long lineNumber)
        {
            _rows.Clear();
            line = line.TrimEnd();
            if (line.IsEmpty) return 0;
            var position = 0;
            var chromText = NextColumn(line, ref position, "CHROM", lineNumber);
            if (chromText.IsEmpty) throw Error(lineNumber, "CHROM is empty");
            if (chromText[0] == '#') throw Error(lineNumber, $"a header line after the #CHROM line: '{VcfHeader.Shorten(line)}'");
            var posText = NextColumn(line, ref position, "POS", lineNumber);
            if (!long.TryParse(posText, NumberStyles.None, CultureInfo.InvariantCulture, out var pos))
                throw Error(lineNumber, $"POS is not a number: '{VcfHeader.Shorten(posText)}'");
            var idText = NextColumn(line, ref position, "ID", lineNumber);
            var refText = NextColumn(line, ref position, "REF", lineNumber);
            if (refText.IsEmpty) throw Error(lineNumber, "REF is empty");
            var altText = NextColumn(line, ref position, "ALT", lineNumber);
            if (altText.IsEmpty) throw Error(lineNumber, "ALT is empty (write '.' for no ALT allele)");
            var qualText = NextColumn(line, ref position, "QUAL", lineNumber);
            double? qual = null;
            if (qualText is not ".")
            {
                if (!double.TryParse(qualText, NumberStyles.Float, CultureInfo.InvariantCulture, out var q))
                    throw Error(lineNumber, $"QUAL is not a number: '{VcfHeader.Shorten(qualText)}'");
                qual = q;
            }
            var filterText = NextColumn(line, ref position, "FILTER", lineNumber);
            if (filterText.IsEmpty) throw Error(lineNumber, "FILTER is empty (write '.' when not filtered)");
            var infoText = NextColumn(line, ref position, "INFO", lineNumber);
            if (infoText.IsEmpty) throw Error(lineNumber, "INFO is empty (write '.' when there is none)");

            var chrom = Chrom(chromText);
            var id = idText is "." ? "." : new string(idText);
            var @ref = Allele(refText);
            var filter = Filter(filterText);
            var info = infoText is "." ? null : new string(infoText);

            _alts.Clear();
            if (altText is not ".")
            {
                foreach (var range in altText.Split(','))
                {
                    var alt = altText[range];
                    if (alt.IsEmpty) throw Error(lineNumber, $"ALT has an empty allele: '{VcfHeader.Shorten(altText)}'");
                    _alts.Add(Allele(alt));
                }
            }
            var altCount = _alts.Count;

            ReadSamples(line, position, altCount, lineNumber);

            if (altCount == 0)
            {
                _rows.Add(new VcfVariant(chrom, pos, id, @ref, ".", 0, 0, qual, filter, new VcfInfo(info, header, 0, 0),
                    Samples(0, altCount), lineNumber));
                return 1;
            }
            for (var i = 1; i <= altCount; i++)
            {
                _rows.Add(new VcfVariant(chrom, pos, id, @ref, _alts[i - 1], i, altCount, qual, filter,
                    new VcfInfo(info, header, i, altCount), Samples(i, altCount), lineNumber));
            }
            return altCount;
        }

        private static ReadOnlySpan<char> NextColumn(ReadOnlySpan<char> line, ref int position, string name, long lineNumber)
        {
            if (position > line.Length)
                throw Error(lineNumber, $"the line ends before the {name} column: a record has 8 tab-separated columns (then FORMAT and the samples)");
            var rest = line[position..];
            var tab = rest.IndexOf('\t');
            var column = tab < 0 ? rest : rest[..tab];
            position += tab < 0 ? rest.Length + 1 : tab + 1;
            return column;
        }

        private string Chrom(ReadOnlySpan<char> text)
        {
            if (text.SequenceEqual(_lastChrom)) return _lastChrom;
            return _lastChrom = _contigs.TryGetValue(text, out var known) ? known : new string(text);
        }

        private string Filter(ReadOnlySpan<char> text)
        {
            if (text is "PASS") return "PASS";
            if (text is ".") return ".";
            if (text.SequenceEqual(_lastFilter)) return _lastFilter;
            return _lastFilter = new string(text);
        }

        private static string Allele(ReadOnlySpan<char> text) =>
            text.Length == 1 && text[0] < 128 ? OneChar[text[0]] : new string(text);

        /// <summary>Reads FORMAT and the sample columns that start at position into the per-sample buffers.</summary>
        private void ReadSamples(ReadOnlySpan<char> line, int position, int altCount, long lineNumber)
        {
            var columns = line.Count('\t') + 1;
            var expected = header.HasFormatColumn ? 9 + _sampleCount : 8;
            if (columns != expected)
            {
                throw Error(lineNumber, header.HasFormatColumn
                    ? $"expected {expected} tab-separated columns (8 fixed, FORMAT and {_sampleCount} sample{(_sampleCount == 1 ? "" : "s")}), found {columns}"
                    : $"expected 8 tab-separated columns (the header has no FORMAT column), found {columns}");
            }
            if (!header.HasFormatColumn) return;

            var format = NextColumn(line, ref position, "FORMAT", lineNumber);
            ReadFormat(format, lineNumber);
            if (_genotypes.Length < _sampleCount)
            {
                _genotypes = new VcfGenotype[_sampleCount];
                _gqs = new int[_sampleCount];
                _dps = new int[_sampleCount];
            }
            var adWidth = altCount + 1;
            if (_ads.Length < _sampleCount * adWidth) _ads = new int[_sampleCount * adWidth];

            for (var s = 0; s < _sampleCount; s++)
            {
                var sample = NextColumn(line, ref position, "sample", lineNumber);
                _genotypes[s] = default;
                _gqs[s] = _dps[s] = VcfSampleCall.Missing;
                _ads.AsSpan(s * adWidth, adWidth).Fill(VcfSampleCall.Missing);
                if (_lastNeeded < 0) continue;
                if (sample.Count(':') >= _formatKeys)
                    throw Error(lineNumber, $"sample {header.SampleNames[s]} has more fields than FORMAT '{VcfHeader.Shorten(format)}': '{VcfHeader.Shorten(sample)}'");

                var field = 0;
                var start = 0;
                while (field <= _lastNeeded && start <= sample.Length)
                {
                    var colon = sample[start..].IndexOf(':');
                    var value = colon < 0 ? sample[start..] : sample.Slice(start, colon);
                    if (field == _gt)
                    {
                        if (!VcfGenotype.TryParse(value, out _genotypes[s]))
                            throw Error(lineNumber, $"GT of sample {header.SampleNames[s]} is not a genotype: '{VcfHeader.Shorten(value)}'");
                    }
                    else if (field == _gq) _gqs[s] = Number(value, _gqStrict, "GQ", s, lineNumber);
                    else if (field == _dp) _dps[s] = Number(value, _dpStrict, "DP", s, lineNumber);
                    else if (field == _ad) ReadAd(value, _ads.AsSpan(s * adWidth, adWidth), s, lineNumber);
                    if (colon < 0) break;
                    start += colon + 1;
                    field++;
                }
            }
        }

        private void ReadFormat(ReadOnlySpan<char> format, long lineNumber)
        {
            if (format.SequenceEqual(_format)) return;
            _format = new string(format);
            _gt = _gq = _dp = _ad = _lastNeeded = -1;
            _formatKeys = 0;
            if (format is ".") return;
            foreach (var range in format.Split(':'))
            {
                var key = format[range];
                if (key.IsEmpty)
                {
                    _format = "\0";
                    throw Error(lineNumber, $"FORMAT has an empty key: '{VcfHeader.Shorten(format)}'");
                }
                var index = _formatKeys++;
                ref var slot = ref _gt;
                if (key is "GT") slot = ref _gt;
                else if (key is "GQ") slot = ref _gq;
                else if (key is "DP") slot = ref _dp;
                else if (key is "AD") slot = ref _ad;
                else continue;
                if (slot >= 0)
                {
                    _format = "\0";
                    throw Error(lineNumber, $"FORMAT lists {key} twice: '{VcfHeader.Shorten(format)}'");
                }
                slot = index;
                _lastNeeded = index;
            }
            _gqStrict = IsInteger("GQ");
            _dpStrict = IsInteger("DP");
            _adStrict = IsInteger("AD");
        }

        private bool IsInteger(string key) => header.Format.TryGetValue(key, out var definition) && definition.IsInteger;

        /// <summary>
        /// A FORMAT number: "." or empty is missing. A field declared Integer must be an integer; one declared otherwise
        /// (some callers write GQ as Float) may be a decimal, rounded.
        /// </summary>
        private int Number(ReadOnlySpan<char> value, bool strict, string key, int sample, long lineNumber)
        {
            if (value.IsEmpty || value is ".") return VcfSampleCall.Missing;
            if (int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number != VcfSampleCall.Missing)
                return number;
            if (!strict && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
                && double.IsFinite(real) && Math.Abs(real) < int.MaxValue)
                return (int)Math.Round(real, MidpointRounding.AwayFromZero);
            throw Error(lineNumber, $"{key} of sample {header.SampleNames[sample]} is not {(strict ? "an integer" : "a number")}: '{VcfHeader.Shorten(value)}'");
        }

        private void ReadAd(ReadOnlySpan<char> value, Span<int> into, int sample, long lineNumber)
        {
            var i = 0;
            foreach (var range in value.Split(','))
            {
                if (i == into.Length) break;
                into[i++] = Number(value[range], _adStrict, "AD", sample, lineNumber);
            }
        }

        private ImmutableArray<VcfSampleCall> Samples(int altIndex, int altCount)
        {
            if (_sampleCount == 0) return [];
            var calls = new VcfSampleCall[_sampleCount];
            var adWidth = altCount + 1;
            var split = altCount > 1;
            var adAlt = Math.Max(altIndex, 1);
            for (var s = 0; s < calls.Length; s++)
            {
                var gt = split ? _genotypes[s].ForAltAllele(altIndex) : _genotypes[s];
                var ads = _ads.AsSpan(s * adWidth, adWidth);
                calls[s] = new VcfSampleCall(gt, _gqs[s], _dps[s], ads[0], adAlt < ads.Length ? ads[adAlt] : VcfSampleCall.Missing);
            }
            return ImmutableCollectionsMarshal.AsImmutableArray(calls);
        }

        private static VcfFormatException Error(long lineNumber, string detail) => new(lineNumber, detail);
    }
}

/// <summary>Hands out the lines of a text stream as spans over one reused buffer (grown to the longest line).</summary>
internal sealed class VcfLineReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
    private char[] _buffer = new char[1 << 16];
    private int _start, _end, _lineStart, _lineLength;
    private bool _endOfFile;

    public long LineNumber { get; private set; }

    /// <summary>The line last read; valid until the next read.</summary>
    public ReadOnlySpan<char> CurrentLine => _buffer.AsSpan(_lineStart, _lineLength);

    public bool TryReadLine(out ReadOnlySpan<char> line)
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf('\n');
            if (newline >= 0)
            {
                Take(newline, newline + 1);
                break;
            }
            if (_endOfFile)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }
                Take(_end - _start, _end - _start);
                break;
            }
            Fill();
        }
        line = CurrentLine;
        return true;
    }

    private void Take(int length, int consumed)
    {
        _lineStart = _start;
        _lineLength = length > 0 && _buffer[_start + length - 1] == '\r' ? length - 1 : length;
        _start += consumed;
        LineNumber++;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Array.Copy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        int read;
        try
        {
            read = _reader.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (InvalidDataException e)
        {
            throw new VcfFormatException(LineNumber + 1, $"the compressed data is damaged: {e.Message}");
        }
        if (read == 0) _endOfFile = true;
        _end += read;
    }

    public void Dispose() => _reader.Dispose();
}

/// <summary>A read-only stream that gives back the bytes already taken to look at the magic number, then the rest.</summary>
internal sealed class PrefixedStream(byte[] prefix, Stream inner, bool leaveOpen) : Stream
{
    private int _prefixUsed;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_prefixUsed < prefix.Length && buffer.Length > 0)
        {
            var n = Math.Min(buffer.Length, prefix.Length - _prefixUsed);
            prefix.AsSpan(_prefixUsed, n).CopyTo(buffer);
            _prefixUsed += n;
            return n;
        }
        return inner.Read(buffer);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !leaveOpen) inner.Dispose();
        base.Dispose(disposing);
    }
}

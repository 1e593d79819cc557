using System.Globalization;

namespace VariantMiner.Infrastructure.Variants.Vcf;

/// <summary>
/// The header of a VCF file: its version, sample names in column order, the INFO and FORMAT definitions and the
/// contigs. Records are read against it (which INFO values split per ALT allele, which FORMAT values are numbers),
/// and the importer names samples and contigs from it.
/// </summary>
public sealed class VcfHeader
{
    /// <summary>The versions this reader reads; 4.0 and 4.4+ differ in ways it does not handle (GT prefix phasing, new Number codes).</summary>
    public static readonly IReadOnlyList<string> SupportedVersions = ["VCFv4.1", "VCFv4.2", "VCFv4.3"];

    private readonly Dictionary<string, VcfFieldDefinition> _info;
    private readonly Dictionary<string, VcfFieldDefinition> _format;

    internal VcfHeader(string fileFormat, IReadOnlyList<string> sampleNames, bool hasFormatColumn,
        Dictionary<string, VcfFieldDefinition> info, Dictionary<string, VcfFieldDefinition> format,
        IReadOnlyList<VcfContig> contigs, IReadOnlyList<KeyValuePair<string, string>> metaLines)
    {
        FileFormat = fileFormat;
        SampleNames = sampleNames;
        HasFormatColumn = hasFormatColumn;
        _info = info;
        _format = format;
        Contigs = contigs;
        MetaLines = metaLines;
        InfoBySpan = info.GetAlternateLookup<ReadOnlySpan<char>>();
        FormatBySpan = format.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The version from the first line, e.g. "VCFv4.2".</summary>
    public string FileFormat { get; }

    /// <summary>The sample columns' names, in the order of the columns (and of <see cref="VcfVariant.Samples"/>).</summary>
    public IReadOnlyList<string> SampleNames { get; }

    /// <summary>Whether the #CHROM line has a FORMAT column (it may have one with no samples after it).</summary>
    public bool HasFormatColumn { get; }

    /// <summary>The ##INFO definitions by ID (the first one wins when an ID is defined twice).</summary>
    public IReadOnlyDictionary<string, VcfFieldDefinition> Info => _info;

    /// <summary>The ##FORMAT definitions by ID (the first one wins when an ID is defined twice).</summary>
    public IReadOnlyDictionary<string, VcfFieldDefinition> Format => _format;

    /// <summary>The ##contig lines in file order.</summary>
    public IReadOnlyList<VcfContig> Contigs { get; }

    /// <summary>Every ## line after ##fileformat as key and raw value (e.g. "reference", "file:///ref.fa"), in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> MetaLines { get; }

    internal Dictionary<string, VcfFieldDefinition>.AlternateLookup<ReadOnlySpan<char>> InfoBySpan { get; }

    internal Dictionary<string, VcfFieldDefinition>.AlternateLookup<ReadOnlySpan<char>> FormatBySpan { get; }

    /// <summary>Reads the header lines up to and including #CHROM; the reader is left on the first record line.</summary>
    internal static VcfHeader Read(VcfLineReader lines)
    {
        if (!lines.TryReadLine(out var first))
            throw new VcfFormatException(1, "the file is empty: a VCF file starts with a ##fileformat=VCFv4.x line");
        if (!first.StartsWith("##fileformat=", StringComparison.Ordinal))
            throw new VcfFormatException(1, $"a VCF file starts with a ##fileformat=VCFv4.x line, found '{Shorten(first)}'");
        var fileFormat = first["##fileformat=".Length..].Trim().ToString();
        if (!SupportedVersions.Contains(fileFormat))
            throw new VcfFormatException(1, $"unsupported VCF version '{Shorten(fileFormat)}' (this reader reads {string.Join(", ", SupportedVersions)})");

        var info = new Dictionary<string, VcfFieldDefinition>(StringComparer.Ordinal);
        var format = new Dictionary<string, VcfFieldDefinition>(StringComparer.Ordinal);
        var contigs = new List<VcfContig>();
        var meta = new List<KeyValuePair<string, string>>();
        while (lines.TryReadLine(out var line))
        {
            if (line.StartsWith("##", StringComparison.Ordinal))
            {
                ReadMetaLine(line, lines.LineNumber, info, format, contigs, meta);
                continue;
            }
            if (line.StartsWith("#CHROM", StringComparison.Ordinal))
            {
                var (samples, hasFormat) = ReadColumnLine(line, lines.LineNumber);
                return new VcfHeader(fileFormat, samples, hasFormat, info, format, contigs, meta);
            }
            if (line.IsWhiteSpace()) continue;
            throw new VcfFormatException(lines.LineNumber, line[0] == '#'
                ? $"expected a ## meta line or the #CHROM header line, found '{Shorten(line)}'"
                : "missing #CHROM header line: a record came before it");
        }
        throw new VcfFormatException(lines.LineNumber, "missing #CHROM header line: the file ended before it");
    }

    private static readonly string[] FixedColumns = ["#CHROM", "POS", "ID", "REF", "ALT", "QUAL", "FILTER", "INFO"];

    private static (IReadOnlyList<string> Samples, bool HasFormat) ReadColumnLine(ReadOnlySpan<char> line, long lineNumber)
    {
        var columns = line.TrimEnd().ToString().Split('\t');
        for (var i = 0; i < FixedColumns.Length; i++)
        {
            if (i >= columns.Length || columns[i] != FixedColumns[i])
                throw new VcfFormatException(lineNumber,
                    $"the header line must start with the columns {string.Join(" ", FixedColumns)} separated by tabs; column {i + 1} is '{(i < columns.Length ? Shorten(columns[i]) : "")}'");
        }
        if (columns.Length == FixedColumns.Length) return ([], false);
        if (columns[8] != "FORMAT")
            throw new VcfFormatException(lineNumber, $"column 9 of the header line must be FORMAT, found '{Shorten(columns[8])}'");
        var samples = columns[9..];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < samples.Length; i++)
        {
            if (samples[i].Length == 0)
                throw new VcfFormatException(lineNumber, $"sample column {i + 1} of the header line has no name");
            if (!seen.Add(samples[i]))
                throw new VcfFormatException(lineNumber, $"sample name '{Shorten(samples[i])}' appears twice in the header line");
        }
        return (samples, true);
    }

    private static void ReadMetaLine(ReadOnlySpan<char> line, long lineNumber, Dictionary<string, VcfFieldDefinition> info,
        Dictionary<string, VcfFieldDefinition> format, List<VcfContig> contigs, List<KeyValuePair<string, string>> meta)
    {
        var body = line[2..].TrimEnd();
        var equals = body.IndexOf('=');
        if (equals <= 0)
        {
            meta.Add(new(body.ToString(), ""));
            return;
        }
        var key = body[..equals].ToString();
        var value = body[(equals + 1)..];
        meta.Add(new(key, value.ToString()));
        if (key is not ("INFO" or "FORMAT" or "contig")) return;

        var fields = ReadStructured(value, key, lineNumber);
        if (!fields.TryGetValue("ID", out var id) || id.Length == 0)
            throw new VcfFormatException(lineNumber, $"##{key} line has no ID");
        if (key == "contig")
        {
            long? length = fields.TryGetValue("length", out var text)
                && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
            contigs.Add(new VcfContig(id, length));
            return;
        }
        var definition = new VcfFieldDefinition(id, fields.GetValueOrDefault("Number", "."),
            fields.GetValueOrDefault("Type", "String"), fields.GetValueOrDefault("Description", ""));
        (key == "INFO" ? info : format).TryAdd(id, definition);
    }

    /// <summary>Reads &lt;Key=Value,Key="Quoted, \"escaped\"",...&gt;, tolerating blanks around keys and values.</summary>
    private static Dictionary<string, string> ReadStructured(ReadOnlySpan<char> value, string key, long lineNumber)
    {
        if (value.Length < 2 || value[0] != '<' || value[^1] != '>')
            throw new VcfFormatException(lineNumber, $"##{key} line must be of the form ##{key}=<ID=...>, found '{Shorten(value)}'");
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = value[1..^1];
        var position = 0;
        while (position < text.Length)
        {
            var equals = text[position..].IndexOf('=');
            var comma = text[position..].IndexOf(',');
            if (equals < 0 || (comma >= 0 && comma < equals))
            {
                // A bare word without a value: skip it.
                if (comma < 0) break;
                position += comma + 1;
                continue;
            }
            var name = text.Slice(position, equals).Trim().ToString();
            position += equals + 1;
            while (position < text.Length && text[position] == ' ') position++;
            string fieldValue;
            if (position < text.Length && text[position] == '"')
            {
                var builder = new System.Text.StringBuilder();
                position++;
                while (position < text.Length && text[position] != '"')
                {
                    if (text[position] == '\\' && position + 1 < text.Length) position++;
                    builder.Append(text[position++]);
                }
                if (position >= text.Length)
                    throw new VcfFormatException(lineNumber, $"##{key} line has an unterminated quoted value for {name}");
                position++;
                fieldValue = builder.ToString();
                var next = text[position..].IndexOf(',');
                position = next < 0 ? text.Length : position + next + 1;
            }
            else
            {
                var end = position;
                var depth = 0;
                while (end < text.Length && (text[end] != ',' || depth > 0))
                {
                    if (text[end] == '[') depth++;
                    else if (text[end] == ']' && depth > 0) depth--;
                    end++;
                }
                fieldValue = text[position..end].Trim().ToString();
                position = end + 1;
            }
            fields.TryAdd(name, fieldValue);
        }
        return fields;
    }

    internal static string Shorten(ReadOnlySpan<char> text) => text.Length <= 60 ? text.ToString() : string.Concat(text[..57], "...");
}

/// <summary>What a ##INFO or ##FORMAT line declares. Number decides how a value splits per ALT allele.</summary>
public sealed record VcfFieldDefinition(string Id, string Number, string Type, string Description)
{
    /// <summary>What Number means: a fixed count, one per ALT (A), one per allele (R), one per genotype (G) or unknown (".").</summary>
    public VcfNumberKind NumberKind { get; } = Number switch
    {
        "A" => VcfNumberKind.PerAltAllele,
        "R" => VcfNumberKind.PerAllele,
        "G" => VcfNumberKind.PerGenotype,
        _ when int.TryParse(Number, NumberStyles.None, CultureInfo.InvariantCulture, out _) => VcfNumberKind.Fixed,
        _ => VcfNumberKind.Unknown,
    };

    /// <summary>The count for a fixed Number (0 for a Flag), else null.</summary>
    public int? FixedCount { get; } =
        int.TryParse(Number, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;

    /// <summary>Whether Type is Integer (a FORMAT number of another type may be written as a decimal).</summary>
    public bool IsInteger => Type == "Integer";
}

/// <summary>The Number of a ##INFO or ##FORMAT definition.</summary>
public enum VcfNumberKind
{
    Fixed,
    PerAltAllele,
    PerAllele,
    PerGenotype,
    Unknown,
}

/// <summary>A ##contig line: its ID and length when given.</summary>
public sealed record VcfContig(string Id, long? Length);

/// <summary>A VCF file that cannot be read: the message starts with the 1-based line number ("line 1234: ...").</summary>
public sealed class VcfFormatException(long lineNumber, string detail) : FormatException($"line {lineNumber}: {detail}")
{
    /// <summary>The 1-based line of the file (of its decompressed text for .vcf.gz) where the problem is.</summary>
    public long LineNumber { get; } = lineNumber;

    /// <summary>The message without the line number.</summary>
    public string Detail { get; } = detail;
}

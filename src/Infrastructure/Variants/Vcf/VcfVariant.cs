using System.Collections;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace VariantMiner.Infrastructure.Variants.Vcf;

/// <summary>
/// One row of a VCF record split per ALT allele (a record with three ALT alleles gives three rows), with the sample
/// values of that allele. A sealed class rather than a struct: a row is about 100 bytes and goes through
/// IEnumerator.Current, LINQ and batches, where a struct would be copied each time; one short-lived gen-0 object per
/// row costs less. The per-sample values, which there are (rows × samples) of, are small structs stored inline in
/// one array per row.
/// </summary>
public sealed class VcfVariant
{
    public VcfVariant(string chrom, long pos, string id, string @ref, string alt, int altIndex, int altCount, double? qual,
        string filter, VcfInfo info, ImmutableArray<VcfSampleCall> samples, long lineNumber)
    {
        Chrom = chrom;
        Pos = pos;
        Id = id;
        Ref = @ref;
        Alt = alt;
        AltIndex = altIndex;
        AltCount = altCount;
        Qual = qual;
        Filter = filter;
        Info = info;
        Samples = samples;
        LineNumber = lineNumber;
    }

    public string Chrom { get; }

    /// <summary>1-based position.</summary>
    public long Pos { get; }

    /// <summary>The ID column as written ("." when none).</summary>
    public string Id { get; }

    public string Ref { get; }

    /// <summary>This row's ALT allele as written (symbolic ones such as &lt;DEL&gt; and * too), or "." for a record without ALT.</summary>
    public string Alt { get; }

    /// <summary>The number of this ALT allele in the original record (1 for the first), 0 for a record without ALT.</summary>
    public int AltIndex { get; }

    /// <summary>How many ALT alleles the original record had (0 for ".").</summary>
    public int AltCount { get; }

    /// <summary>QUAL, null for ".".</summary>
    public double? Qual { get; }

    /// <summary>The FILTER column as written: "PASS", "." or e.g. "q10;s50".</summary>
    public string Filter { get; }

    /// <summary>The INFO values of this row (Number=A/R/G values reduced to this allele), parsed when asked for.</summary>
    public VcfInfo Info { get; }

    /// <summary>One entry per sample, in the order of <see cref="VcfHeader.SampleNames"/>.</summary>
    public ImmutableArray<VcfSampleCall> Samples { get; }

    /// <summary>The 1-based line of the record in the (decompressed) file.</summary>
    public long LineNumber { get; }

    public override string ToString() => $"{Chrom}:{Pos} {Ref}>{Alt}";
}

/// <summary>
/// The values of one sample for one row: GT re-coded for the row's allele, GQ, DP and AD of the reference and the
/// row's allele. Other FORMAT fields are not kept (so no Number=G values such as PL or GL need splitting). Stored as
/// plain ints with a sentinel for missing, so an entry is 40 bytes; the properties give nulls.
/// </summary>
public readonly struct VcfSampleCall : IEquatable<VcfSampleCall>
{
    internal const int Missing = int.MinValue;

    private readonly int _gq, _dp, _adRef, _adAlt;

    internal VcfSampleCall(VcfGenotype gt, int gq, int dp, int adRef, int adAlt)
    {
        GT = gt;
        _gq = gq;
        _dp = dp;
        _adRef = adRef;
        _adAlt = adAlt;
    }

    public VcfSampleCall(VcfGenotype gt, int? gq, int? dp, int? adRef, int? adAlt)
        : this(gt, gq ?? Missing, dp ?? Missing, adRef ?? Missing, adAlt ?? Missing)
    {
    }

    /// <summary>The genotype; renders as bcftools query prints %GT (an absent GT renders ".").</summary>
    public VcfGenotype GT { get; }

    public int? GQ => _gq == Missing ? null : _gq;

    public int? DP => _dp == Missing ? null : _dp;

    /// <summary>AD of the reference allele and of this row's ALT allele.</summary>
    public (int? Ref, int? Alt) AD => (_adRef == Missing ? null : _adRef, _adAlt == Missing ? null : _adAlt);

    public bool Equals(VcfSampleCall other) =>
        GT.Equals(other.GT) && _gq == other._gq && _dp == other._dp && _adRef == other._adRef && _adAlt == other._adAlt;

    public override bool Equals([NotNullWhen(true)] object? obj) => obj is VcfSampleCall other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(GT, _gq, _dp, _adRef, _adAlt);

    public static bool operator ==(VcfSampleCall left, VcfSampleCall right) => left.Equals(right);

    public static bool operator !=(VcfSampleCall left, VcfSampleCall right) => !left.Equals(right);

    public override string ToString() => $"GT={GT} GQ={GQ?.ToString(CultureInfo.InvariantCulture) ?? "."} DP={DP?.ToString(CultureInfo.InvariantCulture) ?? "."} AD={AD.Ref?.ToString(CultureInfo.InvariantCulture) ?? "."},{AD.Alt?.ToString(CultureInfo.InvariantCulture) ?? "."}";
}

/// <summary>
/// A genotype as allele indexes (or missing) with the separator before each one, any ploidy. Compact: the first two
/// alleles are inline, more spill to an array. Each allele is one int: (index + 1) &lt;&lt; 1, plus 1 when the
/// separator before it is '|' (index + 1 is 0 for '.'). The default value is "no GT" and renders ".".
/// </summary>
public readonly struct VcfGenotype : IEquatable<VcfGenotype>
{
    private const int MaxAllele = (1 << 29) - 1;

    private readonly int _first, _second;
    private readonly int[]? _more;

    private VcfGenotype(int ploidy, int first, int second, int[]? more)
    {
        Ploidy = ploidy;
        _first = first;
        _second = second;
        _more = more;
    }

    /// <summary>How many alleles (0 when the sample has no GT).</summary>
    public int Ploidy { get; }

    /// <summary>The allele index at a position, or -1 for a missing allele ('.').</summary>
    public int Allele(int position) => (Code(position) >> 1) - 1;

    /// <summary>Whether the separator before the allele at position (1 or more) is '|'.</summary>
    public bool IsPhased(int position) => position > 0 && (Code(position) & 1) == 1;

    /// <summary>Whether every allele is missing (or there is no GT at all).</summary>
    public bool IsMissing
    {
        get
        {
            for (var i = 0; i < Ploidy; i++)
                if (Code(i) >> 1 != 0) return false;
            return true;
        }
    }

    private int Code(int position)
    {
        if ((uint)position >= (uint)Ploidy) throw new ArgumentOutOfRangeException(nameof(position));
        return position switch { 0 => _first, 1 => _second, _ => _more![position - 2] };
    }

    /// <summary>Reads a GT value such as "0/1", "1|0", "./.", "1" or "."; false when it is not one.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out VcfGenotype genotype)
    {
        genotype = default;
        // Fast path: the usual one or two single-digit (or '.') alleles.
        if (text.Length == 3 && (text[1] == '/' || text[1] == '|') && OneCharCode(text[0]) is var a and >= 0 && OneCharCode(text[2]) is var b and >= 0)
        {
            genotype = new VcfGenotype(2, a, b | (text[1] == '|' ? 1 : 0), null);
            return true;
        }
        if (text.Length == 1 && OneCharCode(text[0]) is var c and >= 0)
        {
            genotype = new VcfGenotype(1, c, 0, null);
            return true;
        }
        if (text.IsEmpty) return false;

        int ploidy = 0, first = 0, second = 0;
        List<int>? more = null;
        var position = 0;
        var phased = false;
        while (true)
        {
            var end = position;
            while (end < text.Length && text[end] != '/' && text[end] != '|') end++;
            var token = text[position..end];
            int code;
            if (token is ".") code = 0;
            else if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var allele) && allele <= MaxAllele) code = (allele + 1) << 1;
            else return false;
            if (phased) code |= 1;
            switch (ploidy)
            {
                case 0: first = code; break;
                case 1: second = code; break;
                default: (more ??= []).Add(code); break;
            }
            ploidy++;
            if (end == text.Length) break;
            phased = text[end] == '|';
            position = end + 1;
        }
        genotype = new VcfGenotype(ploidy, first, second, more?.ToArray());
        return true;
    }

    /// <summary>Reads a GT value; throws FormatException when it is not one.</summary>
    public static VcfGenotype Parse(string text) =>
        TryParse(text, out var genotype) ? genotype : throw new FormatException($"'{text}' is not a genotype");

    private static int OneCharCode(char c) => c == '.' ? 0 : c is >= '0' and <= '9' ? (c - '0' + 1) << 1 : -1;

    /// <summary>
    /// This genotype on the row of ALT allele altIndex of a record split per allele, as bcftools norm -m- does: that
    /// allele becomes 1, every other allele (reference or another ALT) 0, missing alleles and separators stay.
    /// </summary>
    public VcfGenotype ForAltAllele(int altIndex)
    {
        if (Ploidy == 0) return this;
        var first = Recode(_first, altIndex);
        var second = Ploidy > 1 ? Recode(_second, altIndex) : 0;
        int[]? more = null;
        if (_more is not null)
        {
            more = new int[_more.Length];
            for (var i = 0; i < more.Length; i++) more[i] = Recode(_more[i], altIndex);
        }
        return new VcfGenotype(Ploidy, first, second, more);
    }

    private static int Recode(int code, int altIndex)
    {
        var index = code >> 1;
        if (index == 0) return code;
        return ((index - 1 == altIndex ? 2 : 1) << 1) | (code & 1);
    }

    private static readonly string[] Common = BuildCommon();

    /// <summary>The strings of all haploid and diploid genotypes of '.', 0 and 1, so the usual ones allocate nothing.</summary>
    private static string[] BuildCommon()
    {
        var strings = new string[3 + 3 * 3 * 2];
        string[] alleles = [".", "0", "1"];
        for (var a = 0; a < 3; a++)
        {
            strings[a] = alleles[a];
            for (var b = 0; b < 3; b++)
            {
                strings[3 + (a * 3 + b) * 2] = alleles[a] + "/" + alleles[b];
                strings[3 + (a * 3 + b) * 2 + 1] = alleles[a] + "|" + alleles[b];
            }
        }
        return strings;
    }

    /// <summary>As bcftools query prints %GT: alleles ('.' when missing) joined by their separators; "." without GT.</summary>
    public override string ToString()
    {
        if (Ploidy == 0) return ".";
        var a = _first >> 1;
        if (Ploidy == 1 && a <= 2) return Common[a];
        var b = _second >> 1;
        if (Ploidy == 2 && a <= 2 && b <= 2) return Common[3 + (a * 3 + b) * 2 + (_second & 1)];
        Span<char> buffer = stackalloc char[64];
        if (TryFormat(buffer, out var written)) return buffer[..written].ToString();
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < Ploidy; i++)
        {
            if (i > 0) builder.Append(IsPhased(i) ? '|' : '/');
            if (Allele(i) < 0) builder.Append('.');
            else builder.Append(Allele(i).ToString(CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    /// <summary>Writes <see cref="ToString"/> into destination without allocating; false when it does not fit.</summary>
    public bool TryFormat(Span<char> destination, out int written)
    {
        written = 0;
        if (Ploidy == 0)
        {
            if (destination.IsEmpty) return false;
            destination[written++] = '.';
            return true;
        }
        for (var i = 0; i < Ploidy; i++)
        {
            if (i > 0)
            {
                if (written >= destination.Length) return false;
                destination[written++] = IsPhased(i) ? '|' : '/';
            }
            var allele = Allele(i);
            if (allele < 0)
            {
                if (written >= destination.Length) return false;
                destination[written++] = '.';
            }
            else
            {
                if (!allele.TryFormat(destination[written..], out var digits, default, CultureInfo.InvariantCulture)) return false;
                written += digits;
            }
        }
        return true;
    }

    public bool Equals(VcfGenotype other)
    {
        if (Ploidy != other.Ploidy || _first != other._first || _second != other._second) return false;
        return _more is null ? other._more is null : other._more is not null && _more.AsSpan().SequenceEqual(other._more);
    }

    public override bool Equals([NotNullWhen(true)] object? obj) => obj is VcfGenotype other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Ploidy, _first, _second);

    public static bool operator ==(VcfGenotype left, VcfGenotype right) => left.Equals(right);

    public static bool operator !=(VcfGenotype left, VcfGenotype right) => !left.Equals(right);
}

/// <summary>
/// The INFO column of a row, read only when asked for (most imports never look at most keys): key → value, a Flag
/// maps to "". On a row split from a multi-allelic record, Number=A values keep this allele's value, Number=R the
/// reference's and this allele's, Number=G the genotypes of this allele alone (diploid, or haploid when the count
/// says so); a value with too few items gives "." for the missing ones. Other values are kept as written.
/// </summary>
public readonly struct VcfInfo : IReadOnlyDictionary<string, string>
{
    private readonly string? _raw;
    private readonly VcfHeader? _header;
    private readonly int _altIndex, _altCount;

    internal VcfInfo(string? raw, VcfHeader header, int altIndex, int altCount)
    {
        _raw = raw;
        _header = header;
        _altIndex = altIndex;
        _altCount = altCount;
    }

    /// <summary>The record's INFO column as written, before any splitting ("." when empty).</summary>
    public string Raw => _raw ?? ".";

    public int Count
    {
        get
        {
            var count = 0;
            foreach (var _ in Entries()) count++;
            return count;
        }
    }

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"INFO has no {key}");

    public IEnumerable<string> Keys
    {
        get
        {
            foreach (var (key, _) in Entries()) yield return key;
        }
    }

    public IEnumerable<string> Values
    {
        get
        {
            foreach (var pair in this) yield return pair.Value;
        }
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        foreach (var (entryKey, entryValue) in Entries())
        {
            if (entryKey != key) continue;
            value = Reduce(key, entryValue);
            return true;
        }
        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        foreach (var (key, value) in Entries()) yield return new(key, Reduce(key, value));
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private IEnumerable<(string Key, string? Value)> Entries()
    {
        if (string.IsNullOrEmpty(_raw) || _raw == ".") yield break;
        foreach (var entry in _raw.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=');
            yield return equals < 0 ? (entry, null) : (entry[..equals], entry[(equals + 1)..]);
        }
    }

    private string Reduce(string key, string? value)
    {
        if (value is null) return "";
        if (_altCount < 2 || _header is null || !_header.Info.TryGetValue(key, out var definition)) return value;
        var items = value.Split(',');
        string Item(int index) => index < items.Length ? items[index] : ".";
        switch (definition.NumberKind)
        {
            case VcfNumberKind.PerAltAllele:
                return Item(_altIndex - 1);
            case VcfNumberKind.PerAllele:
                return Item(0) + "," + Item(_altIndex);
            case VcfNumberKind.PerGenotype:
                var alleles = _altCount + 1;
                if (items.Length == alleles) return Item(0) + "," + Item(_altIndex);
                // Diploid genotype j/k (j <= k) is at k(k+1)/2 + j: keep 0/0, 0/i and i/i.
                return Item(0) + "," + Item(_altIndex * (_altIndex + 1) / 2) + "," + Item(_altIndex * (_altIndex + 1) / 2 + _altIndex);
            default:
                return value;
        }
    }

    public override string ToString() => Raw;
}

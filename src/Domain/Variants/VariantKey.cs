using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Variants;

/// <summary>
/// What the organization's knowledge is keyed on: genome build, chromosome, position, REF and ALT, written
/// <c>build:chrom:pos:ref:alt</c>. Read from both ends (a build has no ':'; positions and alleles never do), so a
/// chromosome name with ':' (HLA contigs) still parses.
/// </summary>
public sealed record VariantKey(string Build, string Chrom, long Position, string Ref, string Alt)
{
    public const int MaxLength = 1000;

    public override string ToString() => $"{Build}:{Chrom}:{Position}:{Ref}:{Alt}";

    public static VariantKey Parse(string? text)
    {
        if (text is null || text.Length > MaxLength) throw Bad(text);
        var first = text.IndexOf(':');
        var last = text.LastIndexOf(':');
        if (first <= 0 || last == first) throw Bad(text);
        var alt = text[(last + 1)..];
        var rest = text[..last];
        var refStart = rest.LastIndexOf(':');
        if (refStart <= first) throw Bad(text);
        var reference = rest[(refStart + 1)..];
        rest = rest[..refStart];
        var posStart = rest.LastIndexOf(':');
        if (posStart <= first || !long.TryParse(rest[(posStart + 1)..], out var position) || position < 1) throw Bad(text);
        var chrom = rest[(first + 1)..posStart];
        if (chrom.Length == 0 || reference.Length == 0 || alt.Length == 0) throw Bad(text);
        return new VariantKey(text[..first], chrom, position, reference, alt);
    }

    private static DomainException Bad(string? text) =>
        new($"\"{(text is { Length: > 60 } ? text[..60] + "…" : text)}\" is not a variant key; write build:chrom:pos:ref:alt, e.g. GRCh38:chr7:117559590:A:G.");
}

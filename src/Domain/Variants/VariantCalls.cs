namespace VariantMiner.Domain.Variants;

/// <summary>The zygosity of a split call's GT (alleles 0 = REF, anything else = this ALT; "." missing).</summary>
public static class VariantCalls
{
    public static Zygosity ZygosityOf(ReadOnlySpan<char> gt)
    {
        int alleles = 0, alt = 0, reference = 0, missing = 0;
        foreach (var range in gt.SplitAny('/', '|'))
        {
            var allele = gt[range];
            alleles++;
            if (allele is ".") missing++;
            else if (allele is "0") reference++;
            else alt++;
        }
        if (alleles == 0 || missing == alleles) return Zygosity.Missing;
        if (alleles == 1) return alt == 1 ? Zygosity.Hemizygous : Zygosity.HomRef;
        if (alt > 0) return reference > 0 || missing > 0 ? Zygosity.Het : Zygosity.HomAlt;
        return missing > 0 ? Zygosity.Missing : Zygosity.HomRef;
    }
}

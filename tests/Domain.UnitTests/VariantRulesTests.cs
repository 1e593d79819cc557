using VariantMiner.Domain.Common;
using VariantMiner.Domain.Variants;

namespace VariantMiner.Domain.UnitTests;

public class VariantRulesTests
{
    [TestCase("GRCh38:chr7:117559590:A:G", "GRCh38", "chr7", 117559590, "A", "G")]
    [TestCase("GRCh38:HLA-A*01:01:01:01:120:AC:A", "GRCh38", "HLA-A*01:01:01:01", 120, "AC", "A")]
    [TestCase("ce-htslib:CHROMOSOME_I:5:T:<DEL>", "ce-htslib", "CHROMOSOME_I", 5, "T", "<DEL>")]
    public void A_key_reads_from_both_ends(string text, string build, string chrom, long position, string reference, string alt)
    {
        var key = VariantKey.Parse(text);
        Assert.That(key, Is.EqualTo(new VariantKey(build, chrom, position, reference, alt)));
        Assert.That(key.ToString(), Is.EqualTo(text));
    }

    [TestCase("chr1-12345-A-G")]
    [TestCase("GRCh38:chr1:0:A:G")]
    [TestCase("GRCh38:chr1:x:A:G")]
    [TestCase("GRCh38::5:A:G")]
    [TestCase("GRCh38:chr1:5::G")]
    [TestCase(":chr1:5:A:G")]
    public void A_malformed_key_is_refused_with_the_expected_form(string text) =>
        Assert.That(Assert.Throws<DomainException>(() => VariantKey.Parse(text))!.Message, Does.Contain("build:chrom:pos:ref:alt"));

    [TestCase("0/1", Zygosity.Het)]
    [TestCase("1|0", Zygosity.Het)]
    [TestCase("1/1", Zygosity.HomAlt)]
    [TestCase("0/0", Zygosity.HomRef)]
    [TestCase("./.", Zygosity.Missing)]
    [TestCase(".", Zygosity.Missing)]
    [TestCase("1", Zygosity.Hemizygous)]
    [TestCase("0", Zygosity.HomRef)]
    [TestCase("./1", Zygosity.Het)]
    [TestCase("./0", Zygosity.Missing)]
    [TestCase("1/1/0", Zygosity.Het)]
    public void Zygosity_follows_the_alleles(string gt, Zygosity expected) => Assert.That(VariantCalls.ZygosityOf(gt), Is.EqualTo(expected));

    [Test]
    public void Priority_puts_damaging_pathogenic_rare_first()
    {
        var frameshiftLikelyPathogenicRare = VariantPriority.Score("frameshift", "Likely_pathogenic", 0.003);
        var missensePathogenicAbsent = VariantPriority.Score("missense", "Pathogenic", null);
        var synonymousCommon = VariantPriority.Score("synonymous", null, 0.25);
        var intronBenignCommon = VariantPriority.Score("intron", "Benign", 0.4);
        Assert.That(frameshiftLikelyPathogenicRare, Is.EqualTo(2 * 4 + 4 + 0.5));
        Assert.That(missensePathogenicAbsent, Is.EqualTo(2 * 3 + 5 + 1));
        Assert.That(new[] { frameshiftLikelyPathogenicRare, missensePathogenicAbsent, synonymousCommon, intronBenignCommon }, Is.Ordered.Descending);
        Assert.That(VariantPriority.SeverityOf("*missense&inframe_altering"), Is.EqualTo(3), "the most severe part of a combined consequence");
        Assert.That(VariantPriority.Score(null, "Conflicting_interpretations_of_pathogenicity", 0.02), Is.EqualTo(1), "conflicting is not pathogenic");
    }
}

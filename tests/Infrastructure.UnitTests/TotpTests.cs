using System.Text;
using VariantMiner.Infrastructure.Identity;

namespace VariantMiner.Infrastructure.UnitTests;

/// <summary>The one-time passwords against the RFC's own test vectors, and base32 against RFC 4648's.</summary>
public class TotpTests
{
    private static readonly byte[] RfcKey = Encoding.ASCII.GetBytes("12345678901234567890");

    // RFC 6238, appendix B (SHA-1 column, 8 digits).
    [TestCase(59L, "94287082")]
    [TestCase(1111111109L, "07081804")]
    [TestCase(1111111111L, "14050471")]
    [TestCase(1234567890L, "89005924")]
    [TestCase(2000000000L, "69279037")]
    [TestCase(20000000000L, "65353130")]
    public void Codes_are_those_of_RFC_6238(long unixSeconds, string expected) =>
        Assert.That(Totp.Code(RfcKey, Totp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)), digits: 8), Is.EqualTo(expected));

    [Test]
    public void A_code_matches_its_own_step_and_one_either_side_only()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var step = Totp.StepAt(now);
        Assert.That(Totp.Match(RfcKey, Totp.Code(RfcKey, step), now), Is.EqualTo(step));
        Assert.That(Totp.Match(RfcKey, Totp.Code(RfcKey, step - 1), now), Is.EqualTo(step - 1), "the phone's clock a little behind");
        Assert.That(Totp.Match(RfcKey, Totp.Code(RfcKey, step + 1), now), Is.EqualTo(step + 1), "a little ahead");
        Assert.That(Totp.Match(RfcKey, Totp.Code(RfcKey, step - 2), now), Is.Null, "a minute old");
        Assert.That(Totp.Match(RfcKey, Totp.Code(RfcKey, step + 2), now), Is.Null);
        Assert.That(Totp.Match(RfcKey, " " + Totp.Code(RfcKey, step)[..3] + " " + Totp.Code(RfcKey, step)[3..], now), Is.EqualTo(step), "spaces typed in");
        Assert.That(Totp.Match(RfcKey, "12345", now), Is.Null);
        Assert.That(Totp.Match(RfcKey, "abcdef", now), Is.Null);
    }

    // RFC 4648, section 10.
    [TestCase("", "")]
    [TestCase("f", "MY")]
    [TestCase("fo", "MZXQ")]
    [TestCase("foo", "MZXW6")]
    [TestCase("foob", "MZXW6YQ")]
    [TestCase("fooba", "MZXW6YTB")]
    [TestCase("foobar", "MZXW6YTBOI")]
    public void Base32_is_RFC_4648_without_padding(string text, string expected)
    {
        Assert.That(Totp.ToBase32(Encoding.ASCII.GetBytes(text)), Is.EqualTo(expected));
        Assert.That(Encoding.ASCII.GetString(Totp.FromBase32(expected.ToLowerInvariant() + "=")), Is.EqualTo(text));
    }
}

using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using VariantMiner.WebApi.Hosting;

namespace VariantMiner.WebApi.Tests.Hosting;

/// <summary>The session cookie's decryption is remembered; nothing else about the cookie is trusted more.</summary>
public class CachingDataProtectorTests
{
    private CountingProtector _inner = null!;

    [SetUp]
    public void CreateProtector() => _inner = new CountingProtector(new EphemeralDataProtectionProvider().CreateProtector("test"));

    [Test]
    public void The_same_cookie_is_decrypted_once_and_every_caller_gets_its_own_copy()
    {
        var protector = new CachingDataProtector(_inner);
        var cookie = protector.Protect([1, 2, 3]);

        var first = protector.Unprotect(cookie);
        first[0] = 99; // a caller scribbling on its array must not change what the next caller gets
        var second = protector.Unprotect(cookie);

        Assert.That(second, Is.EqualTo(new byte[] { 1, 2, 3 }));
        Assert.That(_inner.Unprotects, Is.EqualTo(1));
    }

    [Test]
    public void A_tampered_cookie_fails_every_time_and_is_never_remembered()
    {
        var protector = new CachingDataProtector(_inner);
        var cookie = protector.Protect([1, 2, 3]);
        cookie[^1] ^= 0xFF;

        Assert.Throws<CryptographicException>(() => protector.Unprotect(cookie));
        Assert.Throws<CryptographicException>(() => protector.Unprotect(cookie));
        Assert.That(_inner.Unprotects, Is.EqualTo(2));
    }

    [Test]
    public void Different_cookies_are_decrypted_separately()
    {
        var protector = new CachingDataProtector(_inner);

        Assert.That(protector.Unprotect(protector.Protect([1])), Is.EqualTo(new byte[] { 1 }));
        Assert.That(protector.Unprotect(protector.Protect([2])), Is.EqualTo(new byte[] { 2 }));
        Assert.That(_inner.Unprotects, Is.EqualTo(2));
    }

    private sealed class CountingProtector(IDataProtector inner) : IDataProtector
    {
        public int Unprotects { get; private set; }
        public IDataProtector CreateProtector(string purpose) => new CountingProtector(inner.CreateProtector(purpose));
        public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

        public byte[] Unprotect(byte[] protectedData)
        {
            Unprotects++;
            return inner.Unprotect(protectedData);
        }
    }
}

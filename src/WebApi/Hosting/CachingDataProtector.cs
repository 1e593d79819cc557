using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Caching.Memory;

namespace VariantMiner.WebApi.Hosting;

/// <summary>
/// Remembers what a session cookie decrypts to, so the same cookie is not decrypted again (key derivation, AES and
/// HMAC: the largest single cost of authenticating a request, measured in bench/) on every request. Only decryption
/// is cached — a tampered or unknown cookie still goes to the real protector and fails there; the ticket is still
/// deserialized fresh per request, its expiry checked, and the session validated against the database every time
/// (SessionValidator). Entries live at most five minutes, so a revoked data-protection key stops working soon after.
/// </summary>
internal sealed class CachingDataProtector(IDataProtector inner) : IDataProtector
{
    private readonly Lazy<MemoryCache> _plaintexts = new(() => new MemoryCache(new MemoryCacheOptions { SizeLimit = 20_000 }));

    public IDataProtector CreateProtector(string purpose) => new CachingDataProtector(inner.CreateProtector(purpose));

    public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

    public byte[] Unprotect(byte[] protectedData)
    {
        var key = Convert.ToBase64String(protectedData);
        if (_plaintexts.Value.TryGetValue(key, out byte[]? cached)) return (byte[])cached!.Clone();
        var plaintext = inner.Unprotect(protectedData); // throws for anything not protected by our keys: nothing cached
        _plaintexts.Value.Set(key, (byte[])plaintext.Clone(),
            new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) });
        return plaintext;
    }
}

/// <summary>Hands the cookie handler a <see cref="CachingDataProtector"/> (it creates its protector once, at start-up).</summary>
internal sealed class CachingDataProtectionProvider(IDataProtectionProvider inner) : IDataProtectionProvider
{
    public IDataProtector CreateProtector(string purpose) => new CachingDataProtector(inner.CreateProtector(purpose));
}

namespace VariantMiner.Infrastructure.Identity.OAuth;

/// <summary>
/// A key of the authorization server (signing its tokens, encrypting what only it reads), kept in the database so every
/// replica signs and checks with the same one; the key itself is protected by the installation's Data Protection keys.
/// </summary>
public sealed class ServerKey
{
    public const string Signing = "signing";
    public const string Encryption = "encryption";

    /// <summary><see cref="Signing"/> or <see cref="Encryption"/>: one key each.</summary>
    public string Purpose { get; set; } = "";
    /// <summary>The RSA private key (PKCS#8), protected.</summary>
    public string ProtectedKey { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

using Microsoft.AspNetCore.Identity;

namespace VariantMiner.Infrastructure.Identity;

/// <summary>A global account (ASP.NET Core Identity). Organization standing lives in memberships, not here.</summary>
public sealed class ApplicationUser : IdentityUser<Guid>
{
    public const int DisplayNameMaxLength = 200;

    public ApplicationUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString();
    }

    public string DisplayName { get; set; } = "";
    /// <summary>The first account of an empty installation; creates organizations.</summary>
    public bool IsPlatformAdmin { get; set; }
    public Guid? LastOrganizationId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    // Two-factor (TOTP): the keys are base32 text protected by ASP.NET Core Data Protection; recovery codes are kept
    // only as SHA-256 hashes (';'-separated). TwoFactorEnabled (IdentityUser) says whether sign-in asks for a code.
    public string? TotpKey { get; set; }
    /// <summary>A key being set up: it replaces <see cref="TotpKey"/> once a code of it is proven.</summary>
    public string? PendingTotpKey { get; set; }
    /// <summary>The time step of the last code accepted: a code is accepted once (no replay within its window).</summary>
    public long? TotpLastStep { get; set; }
    public string? RecoveryCodeHashes { get; set; }
}

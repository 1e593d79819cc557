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
}

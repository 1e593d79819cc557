using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace VariantMiner.Infrastructure.Identity;

public static class VariantMinerClaims
{
    public const string PlatformAdmin = "vm:platform_admin";
}

/// <summary>Adds the platform-administrator flag; organization roles are never put in the cookie (read per request).</summary>
internal sealed class ClaimsFactory(UserManager<ApplicationUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.IsPlatformAdmin) identity.AddClaim(new Claim(VariantMinerClaims.PlatformAdmin, "true"));
        return identity;
    }
}

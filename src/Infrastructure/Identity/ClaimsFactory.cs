using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace VariantMiner.Infrastructure.Identity;

public static class VariantMinerClaims
{
    public const string PlatformAdmin = "vm:platform_admin";
    /// <summary>How the session was opened: "pwd", then "otp" (app code) or "kba" (recovery code). RFC 8176's values.</summary>
    public const string AuthenticationMethod = "amr";
    /// <summary>When the password was entered (Unix seconds): an organization may limit how old a session is.</summary>
    public const string SignedInAt = "vm:auth_time";
    /// <summary>The length of the password entered: an organization may ask for longer ones (the session is encrypted).</summary>
    public const string PasswordLength = "vm:pwd_len";
    /// <summary>The organization through whose institution sign-in the session was opened.</summary>
    public const string SingleSignOnOrganization = "vm:sso_org";
    /// <summary>The <see cref="AuthenticationMethod"/> of a session opened by an institution's provider (federated; not one of RFC 8176's).</summary>
    public const string FederatedMethod = "fed";

    /// <summary>The claims that describe how a session was opened (kept when a principal is rebuilt).</summary>
    public static readonly string[] Session = [AuthenticationMethod, SignedInAt, PasswordLength, SingleSignOnOrganization];
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

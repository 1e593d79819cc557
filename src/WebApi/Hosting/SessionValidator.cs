using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using VariantMiner.Application.Common.Security;
using VariantMiner.Infrastructure.Identity;

namespace VariantMiner.WebApi.Hosting;

/// <summary>
/// Re-validates the session cookie on every request, as SecurityStampValidator with a zero interval does (logout and
/// password changes take effect at once), but with one narrow read of the stamp and the platform-admin flag instead of
/// loading the user, rebuilding the principal and re-issuing the cookie on every request (measured in bench/: that
/// alone cost more than half the throughput of a simple GET). When the admin flag changed, the full validator rebuilds
/// the principal as before. When the route names an organization, the same read also fetches that organization's
/// authorization version for the membership lookup (one round trip instead of two; see AuthorizationVersionRead).
/// It also keeps, in the cookie, when the session last acted in each organization it is a member of (renewed at most
/// once a minute), for organizations that sign out idle sessions. A session already idle too long there is not renewed,
/// so it stays refused until it signs in again.
/// </summary>
internal static class SessionValidator
{
    /// <summary>HttpContext item: the session's last request to the routed organization before this one (<see cref="Application.Common.Security.SessionFacts.LastActiveHere"/>).</summary>
    public const string LastActiveHereItem = "vm:last-active-here";
    private static readonly TimeSpan ActivityResolution = TimeSpan.FromMinutes(1);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var principal = context.Principal;
        var stamp = principal?.FindFirstValue(claims.SecurityStampClaimType);
        if (!Guid.TryParse(principal?.FindFirstValue(claims.UserIdClaimType), out var userId) || stamp is null)
        {
            await RejectAsync(context);
            return;
        }
        Guid.TryParse(context.HttpContext.GetRouteValue("orgId") as string, out var organizationId); // Guid.Empty: none
        var session = await services.GetRequiredService<SessionStore>().ReadAsync(userId, organizationId, context.HttpContext.RequestAborted);
        if (session is null || session.SecurityStamp != stamp)
        {
            await RejectAsync(context);
            return;
        }
        if (session.IsPlatformAdmin != principal!.HasClaim(VariantMinerClaims.PlatformAdmin, "true"))
        {
            await SecurityStampValidator.ValidatePrincipalAsync(context); // rebuilds the principal with the new flag
            return;
        }
        if (organizationId != Guid.Empty) await RecordActivityAsync(context, userId, organizationId);
    }

    private static async Task RecordActivityAsync(CookieValidatePrincipalContext context, Guid userId, Guid organizationId)
    {
        var services = context.HttpContext.RequestServices;
        if (await services.GetRequiredService<IMembershipLookup>().FindAsync(userId, organizationId, context.HttpContext.RequestAborted) is not { } access) return;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var key = "vm:seen:" + organizationId.ToString("N");
        DateTimeOffset? seen = context.Properties.Items.TryGetValue(key, out var value) && long.TryParse(value, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
        context.HttpContext.Items[LastActiveHereItem] = seen;
        var since = seen ?? (long.TryParse(context.Principal!.FindFirstValue(VariantMinerClaims.SignedInAt), out var signedIn) ? DateTimeOffset.FromUnixTimeSeconds(signedIn) : null);
        if (access.Policy.MaxIdleMinutes is { } idle && (since is null || now - since > TimeSpan.FromMinutes(idle))) return; // refused by the policy: not renewed
        if (seen is not null && now - seen < ActivityResolution) return;
        context.Properties.Items[key] = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }
}

using System.Security.Claims;
using VariantMiner.Infrastructure.Identity;

namespace VariantMiner.WebApi.Hosting;

/// <summary>The signed-in user of the current HTTP request (the cookie's principal, re-validated every request).</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    // An OAuth access token's subject (a person, or an organization client's service account) is its name identifier too.
    public Guid? UserId =>
        Principal?.Identity?.IsAuthenticated == true
        && Guid.TryParse(Principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? id
            : null;

    public bool IsPlatformAdmin => UserId is not null && Principal!.HasClaim(VariantMinerClaims.PlatformAdmin, "true");

    public SessionFacts Session
    {
        get
        {
            if (UserId is null) return SessionFacts.Unknown;
            var methods = Principal!.FindAll(VariantMinerClaims.AuthenticationMethod).Select(c => c.Value).ToHashSet();
            DateTimeOffset? signedInAt = long.TryParse(Principal.FindFirstValue(VariantMinerClaims.SignedInAt), out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;
            int? passwordLength = int.TryParse(Principal.FindFirstValue(VariantMinerClaims.PasswordLength), out var length) ? length : null;
            if (Guid.TryParse(Principal.FindFirstValue(VariantMiner.Infrastructure.Identity.OAuth.OAuthServer.ClientClaim), out var clientId))
                return new SessionFacts(false, null, null, clientId,
                    Guid.Parse(Principal.FindFirstValue(VariantMiner.Infrastructure.Identity.OAuth.OAuthServer.OrganizationClaim)!), OrganizationClient: true);
            if (Guid.TryParse(Principal.FindFirstValue(VariantMiner.Infrastructure.Identity.OAuth.OAuthServer.DeviceSessionClaim), out var deviceSession))
                return new SessionFacts(false, null, null, deviceSession,
                    Guid.Parse(Principal.FindFirstValue(VariantMiner.Infrastructure.Identity.OAuth.OAuthServer.OrganizationClaim)!));
            if (Guid.TryParse(Principal.FindFirstValue(PersonalAccessTokenHandler.TokenIdClaim), out var tokenId))
                return new SessionFacts(false, null, null, tokenId, Guid.Parse(Principal.FindFirstValue(PersonalAccessTokenHandler.TokenOrganizationClaim)!));
            Guid? institution = Guid.TryParse(Principal.FindFirstValue(VariantMinerClaims.SingleSignOnOrganization), out var organization) ? organization : null;
            return new SessionFacts(methods.Contains("otp") || methods.Contains("kba"), signedInAt, passwordLength, SingleSignOnOrganizationId: institution,
                LastActiveHere: accessor.HttpContext!.Items[SessionValidator.LastActiveHereItem] as DateTimeOffset?);
        }
    }
}

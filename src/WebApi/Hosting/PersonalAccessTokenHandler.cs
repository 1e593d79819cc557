using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using VariantMiner.Application.ApiAccess;

namespace VariantMiner.WebApi.Hosting;

/// <summary>
/// <c>Authorization: Bearer vm_pat_…</c>: a personal access token, for its own organization's API only (any other
/// path — another organization, the account's own routes — is refused, so a leaked token cannot change a password or
/// two-factor). Tokens are never read from a query string. The request then acts as the token's owner with their
/// current role, checked like any request (the membership, the organization's policy on tokens).
/// </summary>
internal sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IPersonalAccessTokens tokens, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PersonalAccessToken";
    public const string TokenIdClaim = "vm:token";
    public const string TokenOrganizationClaim = "vm:token_org";

    /// <summary>
    /// The scheme a request is authenticated by: a personal access token, or an OAuth access token (an organization
    /// client's, checked by the authorization server's validation; only on the organizations' API), else the session cookie.
    /// </summary>
    public static string Select(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme;
        var isPersonal = header["Bearer ".Length..].TrimStart().StartsWith(TokenFormat.Prefix, StringComparison.Ordinal);
        var organizationRoute = context.Request.Path.StartsWithSegments("/api/organizations", StringComparison.OrdinalIgnoreCase, out var rest)
            && rest.Value?.Length > 1;
        return !isPersonal && organizationRoute ? OpenIddict.Validation.AspNetCore.OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme : SchemeName;
    }

    /// <summary>Whether the request was authenticated by a bearer token (a personal one, an organization client's, the command line's), not the cookie.</summary>
    public static bool IsBearer(ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type is TokenIdClaim or VariantMiner.Infrastructure.Identity.OAuth.OAuthServer.ClientClaim
            or VariantMiner.Infrastructure.Identity.OAuth.OAuthServer.DeviceSessionClaim);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        if (!TokenFormat.TryHash(token, out var hash)) return AuthenticateResult.Fail("Not a VariantMiner personal access token.");
        if (await tokens.AuthenticateAsync(hash, clock.GetUtcNow(), Context.RequestAborted) is not { } found)
            return AuthenticateResult.Fail("The token is unknown, revoked or expired, or its owner is locked out.");
        if (!Request.Path.StartsWithSegments($"/api/organizations/{found.OrganizationId}", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.Fail("A personal access token works only for its organization's API.");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, found.UserId.ToString()),
            new Claim(TokenIdClaim, found.TokenId.ToString()),
            new Claim(TokenOrganizationClaim, found.OrganizationId.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // The body is left to the status-code pages, which write a problem document (as for the cookie).
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

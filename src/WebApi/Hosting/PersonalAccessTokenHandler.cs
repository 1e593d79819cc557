using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using VariantMiner.Application.ApiAccess;

namespace VariantMiner.WebApi.Hosting;

/// <summary>
/// <c>Authorization: Bearer …</c>: a personal access token (<c>vm_pat_…</c>) or an OAuth access token of the authorization
/// server, each for its own organization's API only (any other path — another organization, the account's own routes —
/// is refused, so a leaked token cannot change a password or two-factor), and the list of organizations, which then
/// names that one. Tokens are never read from a query string.
/// The request then acts as whom the token speaks for, with their current role, checked like any request (the
/// membership, the organization's policy on tokens).
/// </summary>
internal sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IPersonalAccessTokens tokens, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PersonalAccessToken";
    public const string TokenIdClaim = "vm:token";
    public const string TokenOrganizationClaim = "vm:token_org";

    /// <summary>The scheme a request is authenticated by: a bearer token when it carries one, else the session cookie.</summary>
    public static string Select(HttpContext context) =>
        context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? SchemeName
            : Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme;

    /// <summary>Whether the request was authenticated by a bearer token (a personal one, an organization client's, the command line's), not the cookie.</summary>
    public static bool IsBearer(ClaimsPrincipal user) =>
        user.HasClaim(c => c.Type is TokenIdClaim or VariantMiner.Infrastructure.Identity.OAuth.OAuthServer.ClientClaim
            or VariantMiner.Infrastructure.Identity.OAuth.OAuthServer.DeviceSessionClaim);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = Request.Headers.Authorization.ToString()["Bearer ".Length..].Trim();
        if (!token.StartsWith(TokenFormat.Prefix, StringComparison.Ordinal)) return await AccessTokenAsync(token);
        if (!TokenFormat.TryHash(token, out var hash)) return AuthenticateResult.Fail("Not a VariantMiner personal access token.");
        if (await tokens.AuthenticateAsync(hash, clock.GetUtcNow(), Context.RequestAborted) is not { } found)
            return AuthenticateResult.Fail("The token is unknown, revoked or expired, or its owner is locked out.");
        if (!Request.Path.StartsWithSegments($"/api/organizations/{found.OrganizationId}", StringComparison.OrdinalIgnoreCase) && !IsOrganizationList())
            return AuthenticateResult.Fail("A personal access token works only for its organization's API.");
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, found.UserId.ToString()),
            new Claim(TokenIdClaim, found.TokenId.ToString()),
            new Claim(TokenOrganizationClaim, found.OrganizationId.ToString()),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>
    /// An OAuth access token of the authorization server (an organization client's, the command line's), for the
    /// organizations' API only. Checked by the server's validation once, then remembered until it expires: who it speaks
    /// for is still checked on every request (membership, role), so a revoked client or a person who left stops at once.
    /// </summary>
    private async Task<AuthenticateResult> AccessTokenAsync(string token)
    {
        if (!(Request.Path.StartsWithSegments("/api/organizations", StringComparison.OrdinalIgnoreCase, out var rest) && rest.Value is { Length: > 1 }) && !IsOrganizationList())
            return AuthenticateResult.Fail("An access token works only for its organization's API.");
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
        if (!ValidatedAccessTokens.TryGetValue(key, out Claim[]? claims) || claims is null)
        {
            var result = await Context.AuthenticateAsync(OpenIddict.Validation.AspNetCore.OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
            if (!result.Succeeded || result.Principal is null) return AuthenticateResult.Fail(result.Failure ?? new InvalidOperationException("The access token is not valid."));
            claims = Lean(result.Principal);
            var expires = OpenIddict.Abstractions.OpenIddictExtensions.GetExpirationDate(result.Principal) ?? clock.GetUtcNow().AddMinutes(1);
            ValidatedAccessTokens.Set(key, claims, new MemoryCacheEntryOptions { AbsoluteExpiration = expires, Size = 1 });
        }
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    /// <summary>
    /// Only what the request needs of a validated access token — who (as the name identifier, like a session's), the
    /// organization, the client or device sign-in — so each request builds a small principal instead of copying
    /// OpenIddict's (measured in bench/: the copy cost several percent of a simple GET).
    /// </summary>
    private static Claim[] Lean(ClaimsPrincipal validated) =>
    [
        new(ClaimTypes.NameIdentifier, validated.FindFirstValue(OpenIddict.Abstractions.OpenIddictConstants.Claims.Subject) ?? ""),
        .. validated.Claims
            .Where(c => c.Type is VariantMiner.Infrastructure.Identity.OAuth.OAuthServer.OrganizationClaim
                or VariantMiner.Infrastructure.Identity.OAuth.OAuthServer.ClientClaim
                or VariantMiner.Infrastructure.Identity.OAuth.OAuthServer.DeviceSessionClaim)
            .Select(c => new Claim(c.Type, c.Value)),
    ];

    private bool IsOrganizationList() =>
        HttpMethods.IsGet(Request.Method) && Request.Path.Value?.TrimEnd('/').Equals("/api/organizations", StringComparison.OrdinalIgnoreCase) == true;

    private static readonly MemoryCache ValidatedAccessTokens = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        // The body is left to the status-code pages, which write a problem document (as for the cookie).
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

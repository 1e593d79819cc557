using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using VariantMiner.Application.SingleSignOn;
using VariantMiner.Domain.Authorization;

namespace VariantMiner.Infrastructure.Identity.SingleSignOn;

/// <summary>
/// One OpenID Connect handler per organization with institution sign-in, registered when its round trip is first used
/// (start or callback) and rebuilt when its settings changed — so every replica serves every organization and a changed
/// secret applies at once. The handler does the protocol: authorization code with PKCE S256, state and nonce, the ID
/// token's signature (keys from the provider's JWKS), issuer (the configured one, not whatever the discovery document
/// says), audience (the client id), expiry; unsigned and <c>alg: none</c> tokens are refused.
/// </summary>
public sealed partial class SingleSignOnSchemes(
    IAuthenticationSchemeProvider schemes, IOptionsMonitorCache<OpenIdConnectOptions> cache, IEnumerable<IPostConfigureOptions<OpenIdConnectOptions>> postConfigures,
    IOptions<SingleSignOnOptions> settings, IOptions<VariantMiner.Application.Invitations.InvitationOptions> site, ILogger<SingleSignOnSchemes> logger)
{
    /// <summary>Claims the handler adds to the provider's answer: the organization whose sign-in it is and the token's issuer.</summary>
    public const string OrganizationClaim = "vm:sso_org";
    public const string IssuerClaim = "vm:sso_iss";
    /// <summary>Where a failed round trip lands: the sign-in page, which explains it.</summary>
    public const string FailurePath = "/login?ssoError=failed";
    public const string LoginHintItem = "login_hint";

    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _built = new();
    private readonly SemaphoreSlim _gate = new(1, 1);

    public static string SchemeOf(Guid organizationId) => "sso-" + organizationId.ToString("N");

    /// <summary>Before authentication runs: a request on an organization's sign-in path gets that organization's handler.</summary>
    public async Task PrepareAsync(HttpContext context)
    {
        if (RoundTripPath().Match(context.Request.Path.Value ?? "") is not { Success: true } match || !Guid.TryParse(match.Groups[1].Value, out var organizationId)) return;
        var directory = context.RequestServices.GetRequiredService<ISingleSignOnDirectory>();
        var secrets = context.RequestServices.GetRequiredService<ISecrets>();
        var addresses = context.RequestServices.GetRequiredService<IIdentityProviderAddresses>();
        await EnsureAsync(organizationId, await directory.FindAsync(organizationId, context.RequestAborted), secrets, (IdentityProviderAddresses)addresses);
    }

    /// <returns>The scheme to challenge, or null when the organization has no enabled sign-in.</returns>
    public string? SchemeFor(Guid organizationId) => _built.ContainsKey(organizationId) ? SchemeOf(organizationId) : null;

    private async Task EnsureAsync(Guid organizationId, SingleSignOnConnection? connection, ISecrets secrets, IdentityProviderAddresses addresses)
    {
        var name = SchemeOf(organizationId);
        var wanted = connection is { Enabled: true } ? connection.UpdatedAt : (DateTimeOffset?)null;
        if (_built.TryGetValue(organizationId, out var built) ? built == wanted : wanted is null) return;
        await _gate.WaitAsync();
        try
        {
            cache.TryRemove(name);
            schemes.RemoveScheme(name);
            _built.TryRemove(organizationId, out _);
            if (connection is not { Enabled: true }) return;
            var options = Options(connection, secrets.Unprotect(connection.ProtectedClientSecret), addresses);
            foreach (var postConfigure in postConfigures) postConfigure.PostConfigure(name, options);
            cache.TryAdd(name, options);
            schemes.TryAddScheme(new AuthenticationScheme(name, "Institution sign-in", typeof(OpenIdConnectHandler)));
            _built[organizationId] = connection.UpdatedAt;
        }
        finally
        {
            _gate.Release();
        }
    }

    private OpenIdConnectOptions Options(SingleSignOnConnection connection, string clientSecret, IdentityProviderAddresses addresses)
    {
        var organizationId = connection.OrganizationId;
        var options = new OpenIdConnectOptions
        {
            Authority = connection.Issuer,
            ClientId = connection.ClientId,
            ClientSecret = clientSecret,
            CallbackPath = SingleSignOnPaths.Callback(organizationId),
            SignInScheme = IdentityConstants.ExternalScheme,
            ResponseType = OpenIdConnectResponseType.Code,
            ResponseMode = OpenIdConnectResponseMode.Query,
            UsePkce = true,
            MapInboundClaims = false,
            GetClaimsFromUserInfoEndpoint = true,
            SaveTokens = false,
            DisableTelemetry = true,
            RequireHttpsMetadata = !settings.Value.AllowPrivateNetworkProviders,
            Backchannel = addresses.Client(),
            RemoteAuthenticationTimeout = TimeSpan.FromMinutes(10),
        };
        options.Scope.Add("email");
        options.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
        options.TokenValidationParameters.ValidIssuer = connection.Issuer;
        options.TokenValidationParameters.ValidAudience = connection.ClientId;
        options.TokenValidationParameters.RequireSignedTokens = true;
        options.TokenValidationParameters.RequireExpirationTime = true;
        options.TokenValidationParameters.ValidateLifetime = true;
        options.TokenValidationParameters.ClockSkew = TimeSpan.FromMinutes(1);
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.Events = new OpenIdConnectEvents
        {
            OnRedirectToIdentityProvider = context =>
            {
                // The site's public address, not the request's: the one shown on the settings page and registered at the provider.
                context.ProtocolMessage.RedirectUri = site.Value.Url(SingleSignOnPaths.Callback(organizationId));
                if (context.Properties.Items.TryGetValue(LoginHintItem, out var hint) && !string.IsNullOrEmpty(hint)) context.ProtocolMessage.LoginHint = hint;
                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                // The handler also accepts the issuer its discovery document names; only the configured one may sign people in.
                var issuer = context.Principal?.FindFirst("iss")?.Value ?? context.Principal?.FindFirst("sub")?.Issuer;
                if (issuer != connection.Issuer || context.Principal?.Identity is not ClaimsIdentity identity)
                {
                    context.Fail($"The ID token's issuer {issuer} is not the configured {connection.Issuer}.");
                    return Task.CompletedTask;
                }
                identity.AddClaims([new Claim(OrganizationClaim, organizationId.ToString()), new Claim(IssuerClaim, issuer)]);
                return Task.CompletedTask;
            },
            OnRemoteFailure = context =>
            {
                LogFailure(logger, organizationId, context.Failure?.Message ?? "unknown");
                context.Response.Redirect(FailurePath);
                context.HandleResponse();
                return Task.CompletedTask;
            },
        };
        return options;
    }

    /// <summary>
    /// Sends the browser to the organization's provider; when that cannot begin (the provider is unreachable, refuses the
    /// pushed request), back to the sign-in page with the failure, as a failed answer does.
    /// </summary>
    public async Task ChallengeAsync(HttpContext context, Guid organizationId, AuthenticationProperties properties)
    {
        try
        {
            await context.ChallengeAsync(SchemeOf(organizationId), properties);
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or OpenIdConnectProtocolException or IOException)
        {
            LogFailure(logger, organizationId, e.Message);
            context.Response.Clear();
            context.Response.Redirect(FailurePath);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Institution sign-in for organization {OrganizationId} failed: {Reason}")]
    private static partial void LogFailure(ILogger logger, Guid organizationId, string reason);

    [GeneratedRegex(@"^/api/auth/sso/([0-9a-fA-F-]{36})/(start|callback)$")]
    private static partial Regex RoundTripPath();
}

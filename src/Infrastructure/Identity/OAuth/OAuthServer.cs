using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace VariantMiner.Infrastructure.Identity.OAuth;

/// <summary>
/// The OAuth 2.0 authorization server inside the product (OpenIddict): organization clients get short-lived access
/// tokens with client credentials at <see cref="TokenPath"/>; the discovery document is served. The keys live in the
/// database (<see cref="ServerKey"/>), so every replica issues and checks the same tokens.
/// </summary>
public static class OAuthServer
{
    public const string TokenPath = VariantMiner.Application.ApiAccess.OAuthPaths.Token;
    /// <summary>The device authorization grant (RFC 8628) for the command-line client: it asks here for a code …</summary>
    public const string DevicePath = "/connect/device";
    /// <summary>… which the person enters on the SPA's page here (the verification URI), signed in — institution sign-in included — and posts back here.</summary>
    public const string VerifyPath = "/device";
    /// <summary>Token revocation (RFC 7009): the command line's sign-out ends its refresh token here.</summary>
    public const string RevokePath = "/connect/revoke";
    /// <summary>The command-line client (public: no secret), registered at start-up.</summary>
    public const string CliClientId = "vm-cli";
    /// <summary>Claim of a person's token from the device grant: the approval it came from (one per device sign-in).</summary>
    public const string DeviceSessionClaim = "vm:device";
    /// <summary>Claim of the same token: when the person approved it (unix seconds), which the organization's longest token lifetime bounds.</summary>
    public const string DeviceApprovedAtClaim = "vm:device_at";
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(15);
    /// <summary>Claims of an organization client's access token: the organization and the client.</summary>
    public const string OrganizationClaim = "vm:org";
    public const string ClientClaim = "vm:client";

    public static IServiceCollection AddOAuthServer(this IServiceCollection services)
    {
        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<AppDbContext>().ReplaceDefaultEntities<Guid>())
            .AddServer(o =>
            {
                o.SetTokenEndpointUris(TokenPath.TrimStart('/'))
                    .SetDeviceAuthorizationEndpointUris(DevicePath.TrimStart('/'))
                    .SetEndUserVerificationEndpointUris(VerifyPath.TrimStart('/'))
                    .SetRevocationEndpointUris(RevokePath.TrimStart('/'));
                // Refresh tokens only for the device grant (the command line): the client credentials grant has no person to ask again.
                o.AllowClientCredentialsFlow().AllowDeviceAuthorizationFlow().AllowRefreshTokenFlow();
                o.SetAccessTokenLifetime(AccessTokenLifetime);
                o.DisableAccessTokenEncryption();
                o.UseAspNetCore().EnableTokenEndpointPassthrough().EnableEndUserVerificationEndpointPassthrough();
                o.AddEventHandler(PublicVerificationAddress.Descriptor);
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
            });
        services.AddOptions<OpenIddictServerOptions>().Configure<IServiceScopeFactory>(UseStoredKeys);

        return services;
    }

    /// <summary>The server's signing and encryption keys from the database, made (once, by whichever replica is first) when missing.</summary>
    private static void UseStoredKeys(OpenIddictServerOptions options, IServiceScopeFactory scopes)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var protector = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("VariantMiner.OAuth.ServerKeys.v1");
        options.SigningCredentials.Add(new SigningCredentials(Key(db, protector, ServerKey.Signing), SecurityAlgorithms.RsaSha256));
        options.EncryptionCredentials.Add(new EncryptingCredentials(Key(db, protector, ServerKey.Encryption), SecurityAlgorithms.RsaOAEP,
            SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    private static RsaSecurityKey Key(AppDbContext db, IDataProtector protector, string purpose)
    {
        var stored = db.Set<ServerKey>().AsNoTracking().SingleOrDefault(k => k.Purpose == purpose);
        if (stored is null)
        {
            using var rsa = RSA.Create(2048);
            db.Set<ServerKey>().Add(new ServerKey { Purpose = purpose, ProtectedKey = protector.Protect(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())), CreatedAt = DateTimeOffset.UtcNow });
            try
            {
                db.SaveChanges();
            }
            catch (DbUpdateException)
            {
                // Another replica made it first: use theirs.
                db.ChangeTracker.Clear();
            }
            stored = db.Set<ServerKey>().AsNoTracking().Single(k => k.Purpose == purpose);
        }
        var key = RSA.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(protector.Unprotect(stored.ProtectedKey)), out _);
        return new RsaSecurityKey(key) { KeyId = purpose + "-" + stored.CreatedAt.ToUnixTimeSeconds() };
    }

    /// <summary>Registers the command-line client when it is missing (start-up; tests after emptying the database).</summary>
    public static async Task EnsureCliClientAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = CliClientId,
            ClientType = ClientTypes.Public,
            DisplayName = "VariantMiner command line",
            Permissions =
            {
                OpenIddictConstants.Permissions.Endpoints.DeviceAuthorization,
                OpenIddictConstants.Permissions.Endpoints.Token,
                OpenIddictConstants.Permissions.GrantTypes.DeviceCode,
                OpenIddictConstants.Permissions.GrantTypes.RefreshToken,
                OpenIddictConstants.Permissions.Endpoints.Revocation,
            },
        };
        if (await applications.FindByClientIdAsync(CliClientId, cancellationToken) is not { } existing)
            await applications.CreateAsync(descriptor, cancellationToken);
        else if (!(await applications.GetPermissionsAsync(existing, cancellationToken)).ToHashSet().SetEquals(descriptor.Permissions))
            await applications.UpdateAsync(existing, descriptor, cancellationToken); // registered by an earlier version
    }

    /// <summary>
    /// A person's token from the device grant: for the one organization they chose when approving it; with a refresh
    /// token when the command line asked for <c>offline_access</c>.
    /// </summary>
    public static ClaimsPrincipal DevicePrincipal(Guid userId, string name, Guid organizationId, DateTimeOffset approvedAt, IEnumerable<string> requestedScopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, userId.ToString())
            .SetClaim(Claims.Name, name)
            .SetClaim(OrganizationClaim, organizationId.ToString())
            .SetClaim(DeviceSessionClaim, Guid.CreateVersion7().ToString())
            .SetClaim(DeviceApprovedAtClaim, approvedAt.ToUnixTimeSeconds());
        identity.SetScopes(requestedScopes.Where(s => s == Scopes.OfflineAccess));
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The access token's identity for an organization client: its service account, organization and client.</summary>
    public static ClaimsPrincipal ClientPrincipal(Domain.Authorization.OrganizationClient client)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, client.ServiceUserId.ToString())
            .SetClaim(Claims.Name, client.Name)
            .SetClaim(OrganizationClaim, client.OrganizationId.ToString())
            .SetClaim(ClientClaim, client.Id.ToString());
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }
}

/// <summary>
/// The device page the command line names is at the site's public address (Invitations:PublicBaseUrl), not the
/// request's: behind a proxy, or on http://localhost (which the server treats as https), people must open that one.
/// </summary>
internal sealed class PublicVerificationAddress(IOptions<Application.Invitations.InvitationOptions> site)
    : IOpenIddictServerHandler<OpenIddictServerEvents.ApplyDeviceAuthorizationResponseContext>
{
    public static readonly OpenIddictServerHandlerDescriptor Descriptor =
        OpenIddictServerHandlerDescriptor.CreateBuilder<OpenIddictServerEvents.ApplyDeviceAuthorizationResponseContext>()
            .UseScopedHandler<PublicVerificationAddress>()
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(OpenIddictServerEvents.ApplyDeviceAuthorizationResponseContext context)
    {
        var root = new Uri(site.Value.PublicBaseUrl.TrimEnd('/') + "/");
        context.Response.VerificationUri = Rebase(context.Response.VerificationUri);
        context.Response.VerificationUriComplete = Rebase(context.Response.VerificationUriComplete);
        return ValueTask.CompletedTask;

        string? Rebase(string? address) => Uri.TryCreate(address, UriKind.Absolute, out var uri) ? new Uri(root, uri.PathAndQuery.TrimStart('/')).ToString() : address;
    }
}

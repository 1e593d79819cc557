using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using VariantMiner.Application.ApiAccess;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace VariantMiner.Infrastructure.Identity.OAuth;

/// <summary>
/// Organization clients in the authorization server: registration (an OpenIddict confidential application allowed only
/// the client-credentials grant at the token endpoint, and a service account without password), and the token request,
/// which finds the client by its id before any organization scope exists (on the allow-list).
/// </summary>
public sealed class OAuthClients(IOpenIddictApplicationManager applications, UserManager<ApplicationUser> users, AppDbContext db, TimeProvider clock)
    : IOAuthClients
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    public async Task<(string ClientId, string Secret, Guid ServiceUserId)> RegisterAsync(string name, CancellationToken cancellationToken)
    {
        var clientId = VariantMiner.Domain.Authorization.OrganizationClient.ClientIdPrefix + new string(RandomNumberGenerator.GetItems<char>(Alphabet, 20));
        var secret = new string(RandomNumberGenerator.GetItems<char>(Alphabet, 43));
        var serviceUser = new ApplicationUser
        {
            // A reserved domain (RFC 2606): the account receives no mail and has no password, so it cannot sign in.
            UserName = clientId,
            Email = $"{clientId.ToLowerInvariant()}@clients.invalid",
            DisplayName = name,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(serviceUser);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        await applications.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = name,
            Permissions = { OpenIddictConstants.Permissions.Endpoints.Token, OpenIddictConstants.Permissions.GrantTypes.ClientCredentials },
        }, cancellationToken);
        return (clientId, secret, serviceUser.Id);
    }

    public async Task UnregisterAsync(string clientId, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application)
            await applications.DeleteAsync(application, cancellationToken);
    }

    /// <summary>
    /// The access token's identity for a client the server has already authenticated (its secret checked): null when the
    /// client was revoked. Records when it last got a token.
    /// </summary>
    public async Task<ClaimsPrincipal?> IssueAsync(string clientId, CancellationToken cancellationToken)
    {
        var client = await db.OrganizationClients.IgnoreQueryFilters().SingleOrDefaultAsync(c => c.ClientId == clientId && c.RevokedAt == null, cancellationToken);
        if (client is null) return null;
        client.TokenIssued(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return OAuthServer.ClientPrincipal(client);
    }
}

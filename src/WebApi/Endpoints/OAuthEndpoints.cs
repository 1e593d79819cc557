using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using VariantMiner.Application.ApiAccess;
using VariantMiner.Infrastructure.Identity.OAuth;
using VariantMiner.WebApi.Hosting;

namespace VariantMiner.WebApi.Endpoints;

/// <summary>
/// The authorization server's token endpoint (client credentials of an organization client; the device code and the
/// refresh token of the command line; the protocol checks —
/// client authentication, grant allowed — are OpenIddict's before this runs) and the organization's clients.
/// </summary>
internal sealed class OAuthEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(OAuthPaths.Token, async Task<IResult> (HttpContext http, OAuthClients clients, DeviceApprovals devices, CancellationToken ct) =>
            {
                var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
                var principal = request.IsClientCredentialsGrantType() ? await clients.IssueAsync(request.ClientId!, ct)
                    : request.IsDeviceCodeGrantType() || request.IsRefreshTokenGrantType() ? await devices.RedeemAsync(http, ct)
                    : null;
                return principal is not null
                    ? Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
                    : Refuse(OpenIddictConstants.Errors.InvalidGrant, "The client was revoked, or the person may no longer act in the organization they approved.");
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

        // The device grant's verification URI is the SPA's page (the server sees the code first, then the page is served).
        app.MapGet(OAuthServer.VerifyPath, (IWebHostEnvironment environment) =>
                environment.WebRootFileProvider.GetFileInfo("index.html") is { Exists: true } page
                    ? Results.File(page.CreateReadStream(), "text/html; charset=utf-8")
                    : Results.NotFound())
            .AllowAnonymous()
            .ExcludeFromDescription();

        // Its approval: the signed-in person names the code and the organization (form post with the antiforgery header).
        app.MapPost(OAuthServer.VerifyPath, async Task<IResult> (HttpContext http, DeviceApprovals devices, CancellationToken ct) =>
                await devices.ApproveAsync(http, ct) is { } principal
                    ? Results.SignIn(principal, new AuthenticationProperties { RedirectUri = "/" }, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)
                    : TypedResults.Problem("This code is not valid, or it has expired. Start again from the command line.", statusCode: StatusCodes.Status400BadRequest))
            .RequireAuthorization()
            .ExcludeFromDescription();

        var clients = app.MapGroup("/api/organizations/{orgId:guid}/clients")
            .RequireAuthorization()
            .WithTags("OAuth clients")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        clients.MapGet("", async Task<Ok<IReadOnlyList<OrganizationClientDto>>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListOrganizationClients(orgId), ct)))
            .WithName("Clients_List")
            .WithSummary("The organization's OAuth clients (organization.settings.manage): systems such as a LIMS, each acting with a role of its own.");

        clients.MapPost("", async Task<Created<CreatedOrganizationClientDto>> (Guid orgId, CreateOrganizationClient body, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(body with { OrganizationId = orgId }, ct);
                return TypedResults.Created($"/api/organizations/{orgId}/clients", created);
            })
            .WithName("Clients_Create")
            .WithSummary("Creates an OAuth client with a role (organization.settings.manage; one the caller may give, not Supervisor). The secret is in the answer this once; the client gets 15-minute access tokens at POST /connect/token (grant_type=client_credentials).")
            .ProducesValidationProblem();

        clients.MapPost("/{clientId:guid}/revoke", async Task<Ok<OrganizationClientDto>> (Guid orgId, Guid clientId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RevokeOrganizationClient(orgId, clientId), ct)))
            .WithName("Clients_Revoke")
            .WithSummary("Revokes a client at once (organization.settings.manage): no new tokens, and its issued tokens stop on their next request.");
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}

/// <param name="ClientName">What asks for access with the code.</param>
public sealed record DeviceCodeDto(string ClientName);

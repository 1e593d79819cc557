using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using VariantMiner.Application.ApiAccess;
using VariantMiner.Infrastructure.Identity.OAuth;

namespace VariantMiner.WebApi.Endpoints;

/// <summary>
/// The authorization server's token endpoint (client credentials of an organization client; the protocol checks —
/// client authentication, grant allowed — are OpenIddict's before this runs) and the organization's clients.
/// </summary>
internal sealed class OAuthEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(OAuthPaths.Token, async Task<IResult> (HttpContext http, OAuthClients clients, CancellationToken ct) =>
            {
                var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
                if (request.IsClientCredentialsGrantType() && await clients.IssueAsync(request.ClientId!, ct) is { } principal)
                    return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
                return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = OpenIddictConstants.Errors.InvalidClient,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The client was revoked.",
                }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            })
            .AllowAnonymous()
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
}

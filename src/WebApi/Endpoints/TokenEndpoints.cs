using VariantMiner.Application.ApiAccess;

namespace VariantMiner.WebApi.Endpoints;

/// <summary>
/// My personal access tokens for one organization: list, create (the token is in the answer this once), revoke. A
/// token is sent as <c>Authorization: Bearer vm_pat_…</c> to that organization's routes only.
/// </summary>
internal sealed class TokenEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/api/organizations/{orgId:guid}/tokens")
            .RequireAuthorization()
            .WithTags("Personal access tokens")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        tokens.MapGet("", async Task<Ok<IReadOnlyList<TokenDto>>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListMyTokens(orgId), ct)))
            .WithName("Tokens_List")
            .WithSummary("My personal access tokens for this organization (name, last four characters, expiry, last use, status), newest first.");

        tokens.MapPost("", async Task<Created<CreatedTokenDto>> (Guid orgId, CreateToken body, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(body with { OrganizationId = orgId }, ct);
                return TypedResults.Created($"/api/organizations/{orgId}/tokens", created);
            })
            .WithName("Tokens_Create")
            .WithSummary("Creates a token for my access to this organization (expiresInDays up to the organization's longest); the token is shown in this answer only. 403 reason organization-disallows-tokens when the organization allows none.")
            .ProducesValidationProblem();

        tokens.MapPost("/{tokenId:guid}/revoke", async Task<Ok<TokenDto>> (Guid orgId, Guid tokenId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RevokeToken(orgId, tokenId), ct)))
            .WithName("Tokens_Revoke")
            .WithSummary("Revokes one of my tokens; it stops working at once.");
    }
}

using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VariantMiner.Application.Organizations.Queries.GetMyAccess;

namespace VariantMiner.WebApi.Endpoints;

internal static class OrganizationEndpoints
{
    public static void MapOrganizationEndpoints(this IEndpointRouteBuilder app)
    {
        var organization = app.MapGroup("/api/organizations/{orgId:guid}")
            .RequireAuthorization()
            .WithTags("Organizations")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound);

        organization.MapGet("/me", async Task<Ok<MyAccessDto>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMyAccess(orgId), ct)))
            .WithName("Organizations_GetMyAccess")
            .WithSummary("My role and effective permissions, overall and per workspace.");
    }
}

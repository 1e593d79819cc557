using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using VariantMiner.Application.Roles.Queries.ListPermissions;

namespace VariantMiner.WebApi.Endpoints;

internal static class PermissionEndpoints
{
    public static void MapPermissionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/permissions", async Task<Ok<IReadOnlyList<PermissionDto>>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListPermissions(), ct)))
            .RequireAuthorization()
            .WithTags("Permissions")
            .WithName("Permissions_List")
            .WithSummary("The permission catalogue.");
    }
}

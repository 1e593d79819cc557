using VariantMiner.Application.Roles.Queries.ListPermissions;

namespace VariantMiner.WebApi.Endpoints;

internal sealed class PermissionEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/permissions", async Task<Ok<IReadOnlyList<PermissionDto>>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListPermissions(), ct)))
            .RequireAuthorization()
            .WithTags("Permissions")
            .WithName("Permissions_List")
            .WithSummary("The permission catalogue.");
    }
}

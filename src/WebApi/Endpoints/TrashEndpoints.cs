using VariantMiner.Application.Trash.Commands;
using VariantMiner.Application.Trash.Queries;

namespace VariantMiner.WebApi.Endpoints;

internal sealed class TrashEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var trash = app.MapGroup("/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/trash")
            .RequireAuthorization()
            .WithTags("Trash")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        trash.MapGet("", async Task<Ok<IReadOnlyList<TrashItemDto>>> (Guid orgId, Guid workspaceId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListTrash(orgId, workspaceId), ct)))
            .WithName("Trash_List")
            .WithSummary("The workspace's trash (samples.delete): deleted samples I may see and subjects, newest first, with who deleted them and when they are purged.");

        trash.MapPost("/samples/{sampleId:guid}/restore", async Task<NoContent> (Guid orgId, Guid workspaceId, Guid sampleId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RestoreSample(orgId, workspaceId, sampleId), ct);
                return TypedResults.NoContent();
            })
            .WithName("Trash_RestoreSample")
            .WithSummary("Restores a sample with its assignments, and its subject if that is in the trash (samples.delete); 409 when its name was taken meanwhile.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        trash.MapPost("/subjects/{subjectId:guid}/restore", async Task<NoContent> (Guid orgId, Guid workspaceId, Guid subjectId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RestoreSubject(orgId, workspaceId, subjectId), ct);
                return TypedResults.NoContent();
            })
            .WithName("Trash_RestoreSubject")
            .WithSummary("Restores a subject (samples.delete); 409 when its external id was taken meanwhile.")
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}

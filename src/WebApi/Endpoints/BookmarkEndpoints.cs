using VariantMiner.Application.Bookmarks;

namespace VariantMiner.WebApi.Endpoints;

/// <summary>My bookmarks in an organization (samples, analyses, variants, reports).</summary>
internal sealed class BookmarkEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var bookmarks = app.MapGroup("/api/organizations/{orgId:guid}/bookmarks")
            .RequireAuthorization()
            .WithTags("Bookmarks")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        bookmarks.MapGet("", async Task<Ok<IReadOnlyList<BookmarkDto>>> (Guid orgId, string? kind, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListBookmarks(orgId, kind), ct)))
            .WithName("Bookmarks_List")
            .WithSummary("My bookmarks here, newest first (kind=sample|analysis|variant|report): only those of what I may see now.")
            .ProducesValidationProblem();

        bookmarks.MapPost("", async Task<Ok<BookmarkDto>> (Guid orgId, AddBookmark body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId }, ct)))
            .WithName("Bookmarks_Add")
            .WithSummary("Bookmarks {kind, workspaceId, targetId, variantId (a variant's number; targetId is then its analysis)} that I may see (404 otherwise); again answers the same bookmark.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        bookmarks.MapDelete("/{bookmarkId:guid}", async Task<NoContent> (Guid orgId, Guid bookmarkId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RemoveBookmark(orgId, bookmarkId), ct);
                return TypedResults.NoContent();
            })
            .WithName("Bookmarks_Remove")
            .WithSummary("Removes one of my bookmarks.");
    }
}

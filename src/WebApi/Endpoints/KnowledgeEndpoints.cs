using VariantMiner.Application.Variants;

namespace VariantMiner.WebApi.Endpoints;

/// <summary>
/// The organization's knowledge of variants, keyed by build:chrom:pos:ref:alt — classifications with history, notes,
/// tags — and its shared filters: gene lists, filter sets, and each person's saved searches.
/// </summary>
internal sealed class KnowledgeEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var organization = app.MapGroup("/api/organizations/{orgId:guid}")
            .RequireAuthorization()
            .WithTags("Variant knowledge")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        organization.MapGet("/classifications/{variantKey}", async Task<Ok<ClassificationDto>> (Guid orgId, string variantKey, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetClassification(orgId, variantKey), ct)))
            .WithName("Classifications_Get")
            .WithSummary("The organization's classification of a variant key and every earlier one (newest first); null when never classified.")
            .ProducesValidationProblem();

        organization.MapPut("/classifications/{variantKey}", async Task<Ok<ClassificationDto>> (Guid orgId, string variantKey, ClassifyVariant body, ISender sender,
                CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId, VariantKey = variantKey }, ct)))
            .WithName("Classifications_Set")
            .WithSummary("Classifies a variant (variants.classify): pathogenic | likely-pathogenic | uncertain | likely-benign | benign, with evidence; the history keeps every earlier one.")
            .ProducesValidationProblem();

        organization.MapGet("/variants/{variantKey}/notes", async Task<Ok<IReadOnlyList<VariantNoteDto>>> (Guid orgId, string variantKey, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListVariantNotes(orgId, variantKey), ct)))
            .WithName("VariantNotes_List")
            .WithSummary("Notes on a variant key, oldest first, each with its author and every text it had.")
            .ProducesValidationProblem();

        organization.MapPost("/variants/{variantKey}/notes", async Task<Created<VariantNoteDto>> (Guid orgId, string variantKey, AddVariantNote body, ISender sender,
                CancellationToken ct) =>
            {
                var note = await sender.Send(body with { OrganizationId = orgId, VariantKey = variantKey }, ct);
                return TypedResults.Created($"/api/organizations/{orgId}/notes/{note.Id}", note);
            })
            .WithName("VariantNotes_Add")
            .WithSummary("Adds a note to a variant key (any member).")
            .ProducesValidationProblem();

        organization.MapPatch("/notes/{noteId:guid}", async Task<Ok<VariantNoteDto>> (Guid orgId, Guid noteId, EditVariantNote body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId, NoteId = noteId }, ct)))
            .WithName("VariantNotes_Edit")
            .WithSummary("Edits my note (the earlier text is kept); another member's → 403.")
            .ProducesValidationProblem();

        organization.MapDelete("/notes/{noteId:guid}", async Task<NoContent> (Guid orgId, Guid noteId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteVariantNote(orgId, noteId), ct);
                return TypedResults.NoContent();
            })
            .WithName("VariantNotes_Delete")
            .WithSummary("Deletes my note from the list (its texts stay on record); another member's → 403.");

        organization.MapGet("/variants/{variantKey}/tags", async Task<Ok<IReadOnlyList<VariantTagDto>>> (Guid orgId, string variantKey, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListVariantTags(orgId, variantKey), ct)))
            .WithName("VariantTags_List")
            .WithSummary("The organization's tags on a variant key, with who added each and when.")
            .ProducesValidationProblem();

        organization.MapPut("/variants/{variantKey}/tags", async Task<Ok<IReadOnlyList<VariantTagDto>>> (Guid orgId, string variantKey, SetVariantTags body, ISender sender,
                CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId, VariantKey = variantKey }, ct)))
            .WithName("VariantTags_Set")
            .WithSummary("Sets the tags of a variant key (variants.classify).")
            .ProducesValidationProblem();

        organization.MapGet("/gene-lists", async Task<Ok<IReadOnlyList<GeneListDto>>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListGeneLists(orgId), ct)))
            .WithName("GeneLists_List")
            .WithSummary("The organization's gene lists.");

        organization.MapPost("/gene-lists", async Task<Created<GeneListDto>> (Guid orgId, SaveGeneList body, ISender sender, CancellationToken ct) =>
            {
                var list = await sender.Send(body with { OrganizationId = orgId }, ct);
                return TypedResults.Created($"/api/organizations/{orgId}/gene-lists/{list.Id}", list);
            })
            .WithName("GeneLists_Create")
            .WithSummary("Creates a gene list (variants.classify).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        organization.MapPut("/gene-lists/{geneListId:guid}", async Task<Ok<GeneListDto>> (Guid orgId, Guid geneListId, SaveGeneList body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId, GeneListId = geneListId }, ct)))
            .WithName("GeneLists_Update")
            .WithSummary("Renames a gene list or replaces its genes (variants.classify).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        organization.MapDelete("/gene-lists/{geneListId:guid}", async Task<NoContent> (Guid orgId, Guid geneListId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteGeneList(orgId, geneListId), ct);
                return TypedResults.NoContent();
            })
            .WithName("GeneLists_Delete")
            .WithSummary("Deletes a gene list (variants.classify).");

        organization.MapGet("/filter-sets", async Task<Ok<IReadOnlyList<FilterSetDto>>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListFilterSets(orgId), ct)))
            .WithName("FilterSets_List")
            .WithSummary("The organization's shared variant filter sets.");

        organization.MapPost("/filter-sets", async Task<Created<FilterSetDto>> (Guid orgId, SaveFilterSet body, ISender sender, CancellationToken ct) =>
            {
                var set = await sender.Send(body with { OrganizationId = orgId }, ct);
                return TypedResults.Created($"/api/organizations/{orgId}/filter-sets/{set.Id}", set);
            })
            .WithName("FilterSets_Create")
            .WithSummary("Creates a shared filter set (variants.classify); the filters are checked as the variant table checks them.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        organization.MapPut("/filter-sets/{filterSetId:guid}", async Task<Ok<FilterSetDto>> (Guid orgId, Guid filterSetId, SaveFilterSet body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId, FilterSetId = filterSetId }, ct)))
            .WithName("FilterSets_Update")
            .WithSummary("Renames a filter set or replaces its filters (variants.classify).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        organization.MapDelete("/filter-sets/{filterSetId:guid}", async Task<NoContent> (Guid orgId, Guid filterSetId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteFilterSet(orgId, filterSetId), ct);
                return TypedResults.NoContent();
            })
            .WithName("FilterSets_Delete")
            .WithSummary("Deletes a filter set (variants.classify).");

        organization.MapGet("/saved-searches", async Task<Ok<IReadOnlyList<SavedSearchDto>>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListSavedSearches(orgId), ct)))
            .WithName("SavedSearches_List")
            .WithSummary("My saved variant searches in this organization.");

        organization.MapPost("/saved-searches", async Task<Created<SavedSearchDto>> (Guid orgId, SaveSearch body, ISender sender, CancellationToken ct) =>
            {
                var search = await sender.Send(body with { OrganizationId = orgId }, ct);
                return TypedResults.Created($"/api/organizations/{orgId}/saved-searches/{search.Id}", search);
            })
            .WithName("SavedSearches_Create")
            .WithSummary("Saves a search of mine; given the analysis (and its workspace) it was made on, pinned to that analysis's annotation.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        organization.MapDelete("/saved-searches/{savedSearchId:guid}", async Task<NoContent> (Guid orgId, Guid savedSearchId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteSavedSearch(orgId, savedSearchId), ct);
                return TypedResults.NoContent();
            })
            .WithName("SavedSearches_Delete")
            .WithSummary("Deletes one of my saved searches.");
    }
}

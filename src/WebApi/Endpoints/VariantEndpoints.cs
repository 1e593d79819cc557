using VariantMiner.Application.Variants;

namespace VariantMiner.WebApi.Endpoints;

/// <summary>Variant data of an analysis: the filtered table and one variant's detail (reads of patient data, audited).</summary>
internal sealed class VariantEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var variants = app.MapGroup("/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/analyses/{analysisId:guid}/variants")
            .RequireAuthorization()
            .WithTags("Variants")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        variants.MapGet("", async Task<Ok<VariantPage>> (Guid orgId, Guid workspaceId, Guid analysisId, string? gene, Guid? geneListId, string? consequence,
                double? maxPopulationAf, string? clinicalSignificance, string? classification, string? zygosity, double? minQuality, int? minGq, int? minDp,
                string? region, string? sort, Guid? filterSetId, Guid? savedSearchId, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListVariants(orgId, workspaceId, analysisId)
                {
                    Gene = gene,
                    GeneListId = geneListId,
                    Consequence = consequence,
                    MaxPopulationAf = maxPopulationAf,
                    ClinicalSignificance = clinicalSignificance,
                    Classification = classification,
                    Zygosity = zygosity,
                    MinQuality = minQuality,
                    MinGq = minGq,
                    MinDp = minDp,
                    Region = region,
                    Sort = sort,
                    FilterSetId = filterSetId,
                    SavedSearchId = savedSearchId,
                    Limit = limit,
                    Cursor = cursor,
                }, ct)))
            .WithName("Variants_List")
            .WithSummary("Variants of a COMPLETE analysis I may read: filters (gene, geneListId, consequence, maxPopulationAf, clinicalSignificance, " +
                "classification, zygosity, minQuality, minGq, minDp, region) over a filterSetId's or savedSearchId's, sort position|priority, keyset paging, " +
                "total counted up to 1,000. Audited with the filters in effect.")
            .ProducesValidationProblem();

        variants.MapGet("/{variantId:int}", async Task<Ok<VariantDetailDto>> (Guid orgId, Guid workspaceId, Guid analysisId, int variantId, ISender sender,
                CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetVariant(orgId, workspaceId, analysisId, variantId), ct)))
            .WithName("Variants_Get")
            .WithSummary("One variant with every consequence, its calls and the annotation it was imported with. Audited.");
    }
}

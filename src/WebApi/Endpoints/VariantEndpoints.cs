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

        variants.MapGet("", async Task<Ok<VariantPage>> (Guid orgId, Guid workspaceId, Guid analysisId, [AsParameters] VariantFilterQuery filter,
                ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListVariants(orgId, workspaceId, analysisId)
                {
                    Gene = filter.Gene,
                    GeneListId = filter.GeneListId,
                    Classification = filter.Classification,
                    FilterSetId = filter.FilterSetId,
                    SavedSearchId = filter.SavedSearchId,
                    Consequence = filter.Consequence,
                    MaxPopulationAf = filter.MaxPopulationAf,
                    ClinicalSignificance = filter.ClinicalSignificance,
                    Zygosity = filter.Zygosity,
                    MinQuality = filter.MinQuality,
                    MinGq = filter.MinGq,
                    MinDp = filter.MinDp,
                    Region = filter.Region,
                    Sort = filter.Sort,
                    Limit = filter.Limit,
                    Cursor = filter.Cursor,
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

    internal sealed record VariantFilterQuery(string? Gene, Guid? GeneListId, string? Consequence, double? MaxPopulationAf, string? ClinicalSignificance,
        string? Classification, string? Zygosity, double? MinQuality, int? MinGq, int? MinDp, string? Region, string? Sort, Guid? FilterSetId,
        Guid? SavedSearchId, int? Limit, string? Cursor);
}

using VariantMiner.Application.Platform;

namespace VariantMiner.WebApi.Endpoints;

/// <summary>Installation-wide administration (platform administrators only): not scoped to an organization.</summary>
internal sealed class PlatformEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin")
            .RequireAuthorization()
            .WithTags("Platform administration")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        admin.MapGet("/organizations", async Task<Ok<IReadOnlyList<PlatformOrganizationDto>>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListPlatformOrganizations(), ct)))
            .WithName("Platform_ListOrganizations")
            .WithSummary("Every organization with its members, storage used and quota (platform administrators). Organizations are created with POST /api/organizations and an ownerEmail.");

        admin.MapPut("/organizations/{organizationId:guid}/storage-quota",
                async Task<NoContent> (Guid organizationId, SetStorageQuota body, ISender sender, CancellationToken ct) =>
                {
                    await sender.Send(body with { OrganizationId = organizationId }, ct);
                    return TypedResults.NoContent();
                })
            .WithName("Platform_SetStorageQuota")
            .WithSummary("Sets an organization's storage quota in bytes (platform administrators).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapPut("/organizations/{organizationId:guid}/billing",
                async Task<Ok<Application.Usage.BillingArrangementDto>> (Guid organizationId, Application.Usage.SetBillingArrangement body, ISender sender, CancellationToken ct) =>
                    TypedResults.Ok(await sender.Send(body with { OrganizationId = organizationId }, ct)))
            .WithName("Platform_SetBillingArrangement")
            .WithSummary("Sets an organization's billing arrangement: {planName, currency, pricePerGbMonth, pricePerCpuHour, pricePerSample, monthlyFee} " +
                "(platform administrators).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

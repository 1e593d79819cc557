using System.Text;
using VariantMiner.Application.Usage;

namespace VariantMiner.WebApi.Endpoints;

/// <summary>Usage (the organization's and one's own), billing settings and monthly statements.</summary>
internal sealed class UsageEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/organizations/{orgId:guid}")
            .RequireAuthorization()
            .WithTags("Usage and billing")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/usage", async Task<Ok<UsageDto>> (Guid orgId, string? from, string? to, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetUsage(orgId) { From = from, To = to }, ct)))
            .WithName("Usage_Get")
            .WithSummary("Storage over time against the quota, processing hours (CPU) and counts per month and workspace, top users; months yyyy-MM, " +
                "by default the last twelve (organization.analytics.view).")
            .ProducesValidationProblem();

        group.MapGet("/usage/me", async Task<Ok<MyUsageDto>> (Guid orgId, string? from, string? to, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMyUsage(orgId) { From = from, To = to }, ct)))
            .WithName("Usage_GetMine")
            .WithSummary("My own usage here per month: processing hours of the runs I launched, analyses, samples, uploaded bytes.")
            .ProducesValidationProblem();

        group.MapGet("/settings/billing", async Task<Ok<BillingDto>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetBillingSettings(orgId), ct)))
            .WithName("Billing_GetSettings")
            .WithSummary("The billing arrangement (plan, prices), the processing quota and this month's use (organization.billing.manage).");

        group.MapPut("/settings/billing", async Task<Ok<BillingDto>> (Guid orgId, SetBillingSettings body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId }, ct)))
            .WithName("Billing_SetSettings")
            .WithSummary("Sets the monthly processing quota in CPU hours, or none: {processingHoursQuota} (organization.billing.manage).")
            .ProducesValidationProblem();

        group.MapGet("/billing/statements", async Task<Ok<IReadOnlyList<StatementSummaryDto>>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListStatements(orgId), ct)))
            .WithName("Billing_ListStatements")
            .WithSummary("Monthly statements, newest first: closed months as stored, this month as it stands (organization.billing.manage).");

        group.MapGet("/billing/statements/{month}", async Task<IResult> (Guid orgId, string month, string? format, ISender sender, CancellationToken ct) =>
            {
                if (format is not (null or "json" or "csv"))
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: "format is json or csv.");
                var statement = await sender.Send(new GetStatement(orgId, month), ct);
                return format == "csv"
                    ? Results.File(new UTF8Encoding(false).GetBytes(Billing.Csv(statement)), "text/csv; charset=utf-8", $"statement-{statement.Month}.csv")
                    : TypedResults.Ok(statement);
            })
            .WithName("Billing_GetStatement")
            .WithSummary("One month's statement (yyyy-MM), line by line; format=csv for a spreadsheet (organization.billing.manage).")
            .Produces<StatementDto>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();
    }
}

using System.Text;
using VariantMiner.Application.Audit;

namespace VariantMiner.WebApi.Endpoints;

internal sealed class AuditEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/organizations/{orgId:guid}/audit")
            .RequireAuthorization()
            .WithTags("Audit")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        audit.MapGet("", async Task<Ok<Page<AuditRecordDto>>> (Guid orgId, DateTimeOffset? from, DateTimeOffset? to, Guid? actorUserId,
                    string? entityType, string? action, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListAudit(orgId, new AuditFilter(from, to, actorUserId, entityType, action), limit, cursor), ct)))
            .WithName("Audit_List")
            .WithSummary("The organization's audit trail, newest first (organization.audit.view): filters, limit ≤ 200, cursor paging.")
            .ProducesValidationProblem();

        audit.MapGet("/export", async (Guid orgId, DateTimeOffset? from, DateTimeOffset? to, Guid? actorUserId, string? entityType, string? action,
                string? format, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                if (format is not (null or "csv"))
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: "The only export format is csv.");
                var lines = await sender.Send(new ExportAudit(orgId, new AuditFilter(from, to, actorUserId, entityType, action)), ct);
                return Results.Stream(async body =>
                {
                    await using var writer = new StreamWriter(body, new UTF8Encoding(false), bufferSize: 64 * 1024);
                    await foreach (var line in lines.WithCancellation(ct)) await writer.WriteAsync(line + "\r\n");
                }, "text/csv; charset=utf-8", $"audit-{orgId:N}-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv");
            })
            .WithName("Audit_Export")
            .WithSummary("The filtered audit trail as CSV, oldest first, streamed (organization.audit.view).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        audit.MapGet("/verify", async Task<Ok<AuditVerificationDto>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new VerifyAudit(orgId), ct)))
            .WithName("Audit_Verify")
            .WithSummary("Recomputes the audit chain and names the first row that does not fit (organization.audit.view).");
    }
}

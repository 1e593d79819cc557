using VariantMiner.Application.Access;

namespace VariantMiner.WebApi.Endpoints;

/// <summary>Why a member can (or cannot) see something, for those who manage people.</summary>
internal sealed class AccessEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/organizations/{orgId:guid}/access/explain", async Task<Ok<AccessExplanationDto>> (Guid orgId, Guid? userId, Guid? workspaceId,
                Guid? sampleId, Guid? analysisId, Guid? reportId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ExplainAccess(orgId, userId ?? Guid.Empty)
                {
                    WorkspaceId = workspaceId,
                    SampleId = sampleId,
                    AnalysisId = analysisId,
                    ReportId = reportId,
                }, ct)))
            .RequireAuthorization()
            .WithTags("Access")
            .WithName("Access_Explain")
            .WithSummary("Whether a member sees a workspace, sample, analysis or report (exactly one), and why: the chain of membership, role, " +
                "workspace grant, permission or the role-based-access switch, assignment; when not, the smallest changes that would let them (users.manage).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}

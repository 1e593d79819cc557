using VariantMiner.Application.Analyses;
using VariantMiner.Application.Samples;

namespace VariantMiner.WebApi.Endpoints;

/// <summary>Pipelines, workflows (presets), reference bundles, and the runs of a workspace: launch, follow, cancel, retry, assign.</summary>
internal sealed class AnalysisEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var organization = app.MapGroup("/api/organizations/{orgId:guid}")
            .RequireAuthorization()
            .WithTags("Analyses")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        organization.MapGet("/pipelines", async Task<Ok<IReadOnlyList<PipelineDto>>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListPipelines(orgId), ct)))
            .WithName("Pipelines_List")
            .WithSummary("The installed pipelines with their declared parameters, and whether this server can run them (missing tools named).");

        organization.MapGet("/workflows", async Task<Ok<IReadOnlyList<WorkflowDto>>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListWorkflows(orgId), ct)))
            .WithName("Workflows_List")
            .WithSummary("The organization's workflows: presets of a pipeline with every parameter fixed.");

        organization.MapPost("/workflows", async Task<Created<WorkflowDto>> (Guid orgId, CreateWorkflow body, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(body with { OrganizationId = orgId }, ct);
                return TypedResults.Created($"/api/organizations/{orgId}/workflows/{created.Id}", created);
            })
            .WithName("Workflows_Create")
            .WithSummary("Creates a workflow (workflows.manage); parameters are checked against the pipeline, defaults filled in.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        organization.MapGet("/workflows/{workflowId:guid}", async Task<Ok<WorkflowDto>> (Guid orgId, Guid workflowId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetWorkflow(orgId, workflowId), ct)))
            .WithName("Workflows_Get")
            .WithSummary("One workflow.");

        organization.MapPut("/workflows/{workflowId:guid}", async Task<Ok<WorkflowDto>> (Guid orgId, Guid workflowId, UpdateWorkflow body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId, WorkflowId = workflowId }, ct)))
            .WithName("Workflows_Update")
            .WithSummary("Renames a workflow or changes its parameters (workflows.manage); earlier runs keep what they used.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        organization.MapDelete("/workflows/{workflowId:guid}", async Task<NoContent> (Guid orgId, Guid workflowId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteWorkflow(orgId, workflowId), ct);
                return TypedResults.NoContent();
            })
            .WithName("Workflows_Delete")
            .WithSummary("Deletes a workflow (workflows.manage); runs launched with it keep their parameters.");

        organization.MapGet("/references", async Task<Ok<IReadOnlyList<ReferenceBundleDto>>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListReferenceBundles(orgId), ct)))
            .WithName("References_List")
            .WithSummary("The organization's reference bundles (genome, gene models, annotation sources), newest first.");

        organization.MapPost("/references", async Task<Accepted<ReferenceBundleDto>> (Guid orgId, CreateReferenceBundle body, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(body with { OrganizationId = orgId }, ct);
                return TypedResults.Accepted($"/api/organizations/{orgId}/references", created);
            })
            .WithName("References_Create")
            .WithSummary("Creates a reference bundle from uploaded files (references.manage); its genome is indexed in the background (Preparing → Ready).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        organization.MapPost("/references/{referenceId:guid}/retire", async Task<Ok<ReferenceBundleDto>> (Guid orgId, Guid referenceId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RetireReferenceBundle(orgId, referenceId), ct)))
            .WithName("References_Retire")
            .WithSummary("Retires a reference bundle (references.manage): no new run uses it; earlier runs keep it.");

        organization.MapGet("/references/{referenceId:guid}/genome", (Guid orgId, Guid referenceId, HttpContext http, ISender sender, CancellationToken ct) =>
                GenomeAsync(new OpenReferenceGenome(orgId, referenceId, Index: false), http, sender, ct))
            .WithName("References_Genome")
            .WithSummary("A Ready bundle's genome FASTA, with HTTP Range (206) for the genome browser; 409 while it is being prepared.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .Produces(StatusCodes.Status206PartialContent, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status409Conflict);

        organization.MapGet("/references/{referenceId:guid}/genome-index", (Guid orgId, Guid referenceId, HttpContext http, ISender sender, CancellationToken ct) =>
                GenomeAsync(new OpenReferenceGenome(orgId, referenceId, Index: true), http, sender, ct))
            .WithName("References_GenomeIndex")
            .WithSummary("The samtools faidx index of a Ready bundle's genome (what a genome browser reads first).")
            .Produces(StatusCodes.Status200OK, contentType: "text/plain")
            .ProducesProblem(StatusCodes.Status409Conflict);

        var analyses = app.MapGroup("/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/analyses")
            .RequireAuthorization()
            .WithTags("Analyses")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        analyses.MapPost("", async Task<Accepted<LaunchedDto>> (Guid orgId, Guid workspaceId, LaunchAnalysis body, ISender sender, CancellationToken ct) =>
            {
                var launched = await sender.Send(body with { OrganizationId = orgId, WorkspaceId = workspaceId }, ct);
                return TypedResults.Accepted($"/api/organizations/{orgId}/workspaces/{workspaceId}/analyses/{launched.Id}", launched);
            })
            .WithName("Analyses_Launch")
            .WithSummary("Launches a run on a sample: {sampleIds, workflowId} (analyses.launch.workflow, no overrides) or {sampleIds, pipeline, parameters} (analyses.launch.direct). 503 when the server lacks a tool.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        analyses.MapGet("", async Task<Ok<IReadOnlyList<AnalysisDto>>> (Guid orgId, Guid workspaceId, Guid? sampleId, string? status, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListAnalyses(orgId, workspaceId) { SampleId = sampleId, Status = status }, ct)))
            .WithName("Analyses_List")
            .WithSummary("Runs I may see, newest first (at most 500); filters sampleId and status. Sub-analyses carry parentId.")
            .ProducesValidationProblem();

        analyses.MapGet("/{analysisId:guid}", async Task<Ok<AnalysisDto>> (Guid orgId, Guid workspaceId, Guid analysisId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetAnalysis(orgId, workspaceId, analysisId), ct)))
            .WithName("Analyses_Get")
            .WithSummary("One run: steps, processing time, the outputs I may see (audited as a read of patient data).");

        analyses.MapGet("/{analysisId:guid}/log", async Task<ContentHttpResult> (Guid orgId, Guid workspaceId, Guid analysisId, ISender sender, CancellationToken ct) =>
                TypedResults.Text(await sender.Send(new GetAnalysisLog(orgId, workspaceId, analysisId), ct), "text/plain; charset=utf-8"))
            .WithName("Analyses_Log")
            .WithSummary("The engine's full log of a run (plain text).")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");

        analyses.MapPost("/{analysisId:guid}/cancel", async Task<Ok<LaunchedDto>> (Guid orgId, Guid workspaceId, Guid analysisId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new CancelAnalysis(orgId, workspaceId, analysisId), ct)))
            .WithName("Analyses_Cancel")
            .WithSummary("Cancels a run (any launch permission): QUEUED → CANCELED at once; running → CANCELING until its worker has stopped the engine.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        analyses.MapPost("/{analysisId:guid}/retry", async Task<Accepted<LaunchedDto>> (Guid orgId, Guid workspaceId, Guid analysisId, ISender sender, CancellationToken ct) =>
            {
                var launched = await sender.Send(new RetryAnalysis(orgId, workspaceId, analysisId), ct);
                return TypedResults.Accepted($"/api/organizations/{orgId}/workspaces/{workspaceId}/analyses/{launched.Id}", launched);
            })
            .WithName("Analyses_Retry")
            .WithSummary("Runs a failed or cancelled run again as a new run, under the permission its launch needed.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        analyses.MapPost("/{analysisId:guid}/sub-analyses", async Task<Accepted<LaunchedDto>> (Guid orgId, Guid workspaceId, Guid analysisId, LaunchSubAnalysis body,
                    ISender sender, CancellationToken ct) =>
            {
                var launched = await sender.Send(body with { OrganizationId = orgId, WorkspaceId = workspaceId, AnalysisId = analysisId }, ct);
                return TypedResults.Accepted($"/api/organizations/{orgId}/workspaces/{workspaceId}/analyses/{launched.Id}", launched);
            })
            .WithName("Analyses_LaunchSub")
            .WithSummary("Launches a sub-analysis of a COMPLETE analysis (analyses.launch.sub): {kind: \"gene-list\", parameters: {genes}}; it reads the main analysis's outputs and reference bundle.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        analyses.MapGet("/{analysisId:guid}/assignees", async Task<Ok<IReadOnlyList<AssigneeDto>>> (Guid orgId, Guid workspaceId, Guid analysisId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetAnalysisAssignees(orgId, workspaceId, analysisId), ct)))
            .WithName("Analyses_GetAssignees")
            .WithSummary("Who is assigned a run.");

        analyses.MapPut("/{analysisId:guid}/assignees", async Task<Ok<IReadOnlyList<AssigneeDto>>> (Guid orgId, Guid workspaceId, Guid analysisId, SetAnalysisAssignees body,
                    ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId, WorkspaceId = workspaceId, AnalysisId = analysisId }, ct)))
            .WithName("Analyses_SetAssignees")
            .WithSummary("Sets exactly who is assigned a run (samples.assign); an assignee without the sample sees this run, its main analysis's row and this run's outputs.")
            .ProducesValidationProblem();
    }

    private static async Task<IResult> GenomeAsync(OpenReferenceGenome query, HttpContext http, ISender sender, CancellationToken ct)
    {
        var content = await sender.Send(query, ct);
        // The bundle's content never changes once Ready: a browser may keep it.
        http.Response.Headers.CacheControl = "private, max-age=86400";
        return TypedResults.Stream(content, query.Index ? "text/plain" : "application/octet-stream", enableRangeProcessing: true);
    }
}

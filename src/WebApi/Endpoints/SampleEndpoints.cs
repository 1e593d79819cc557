using VariantMiner.Application.Assays.Commands.AddAssay;
using VariantMiner.Application.Assays.Queries.ListAssays;
using VariantMiner.Application.Members;
using VariantMiner.Application.Samples;
using VariantMiner.Application.Samples.Commands.AssignSamples;
using VariantMiner.Application.Samples.Commands.CreateSample;
using VariantMiner.Application.Samples.Commands.DeleteSample;
using VariantMiner.Application.Samples.Commands.ImportSamples;
using VariantMiner.Application.Samples.Commands.SetSampleAssignees;
using VariantMiner.Application.Samples.Commands.UpdateSample;
using VariantMiner.Application.Samples.Queries.GetSample;
using VariantMiner.Application.Samples.Queries.GetSampleAssignees;
using VariantMiner.Application.Samples.Queries.ListAssignableMembers;
using VariantMiner.Application.Samples.Queries.ListSamples;

namespace VariantMiner.WebApi.Endpoints;

internal sealed class SampleEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var assays = app.MapGroup("/api/organizations/{orgId:guid}/assays")
            .RequireAuthorization()
            .WithTags("Samples")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        assays.MapGet("", async Task<Ok<IReadOnlyList<AssayDto>>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListAssays(orgId), ct)))
            .WithName("Assays_List")
            .WithSummary("The organization's assay list (WGS, WES, Gene panel, RNA-seq unless changed).");

        assays.MapPost("", async Task<Ok<IReadOnlyList<AssayDto>>> (Guid orgId, AddAssay body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId }, ct)))
            .WithName("Assays_Add")
            .WithSummary("Adds an assay to the list (organization.settings.manage); answers the whole list.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet("/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/assignable-members",
                async Task<Ok<IReadOnlyList<AssignableMemberDto>>> (Guid orgId, Guid workspaceId, ISender sender, CancellationToken ct) =>
                    TypedResults.Ok(await sender.Send(new ListAssignableMembers(orgId, workspaceId), ct)))
            .RequireAuthorization()
            .WithTags("Samples")
            .WithName("Samples_ListAssignableMembers")
            .WithSummary("People samples of this workspace can be assigned to (samples.assign): members who can enter it.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var samples = app.MapGroup("/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/samples")
            .RequireAuthorization()
            .WithTags("Samples")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        samples.MapGet("", async Task<Ok<SamplePage>> (Guid orgId, Guid workspaceId, string? assay, string? status, string? assignedTo,
                    string? search, string? sort, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListSamples(orgId, workspaceId)
                {
                    Assay = assay,
                    Status = status,
                    AssignedTo = assignedTo,
                    Search = search,
                    Sort = sort,
                    Limit = limit,
                    Cursor = cursor,
                }, ct)))
            .WithName("Samples_List")
            .WithSummary("The analyses table: samples I may see; filters assay, status, assignedTo (me or a user id), search; sort created|name; cursor paging (limit ≤ 200).")
            .ProducesValidationProblem();

        samples.MapPost("/import", async Task<Ok<ImportResultDto>> (Guid orgId, Guid workspaceId, ImportSamples body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId, WorkspaceId = workspaceId }, ct)))
            .WithName("Samples_Import")
            .WithSummary("Imports subjects and samples from CSV text (samples.define), all or nothing; errors are keyed rows[line].column. Columns: sample, assay, subject, sex, date_of_birth, phenotypes, notes.")
            .ProducesValidationProblem();

        samples.MapPost("", async Task<Created<SampleDto>> (Guid orgId, Guid workspaceId, CreateSample body, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(body with { OrganizationId = orgId, WorkspaceId = workspaceId }, ct);
                return TypedResults.Created($"/api/organizations/{orgId}/workspaces/{workspaceId}/samples/{created.Id}", created);
            })
            .WithName("Samples_Create")
            .WithSummary("Defines a sample (samples.define); the creator is assigned; other assignees need samples.assign.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        samples.MapPost("/assignments", async Task<Ok<AssignmentResultDto>> (Guid orgId, Guid workspaceId, AssignSamples body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId, WorkspaceId = workspaceId }, ct)))
            .WithName("Samples_Assign")
            .WithSummary("Adds, removes or replaces people on up to 1,000 samples at once (samples.assign); all or nothing.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        var sample = samples.MapGroup("/{sampleId:guid}");

        sample.MapGet("", async Task<Ok<SampleDto>> (Guid orgId, Guid workspaceId, Guid sampleId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetSample(orgId, workspaceId, sampleId), ct)))
            .WithName("Samples_Get")
            .WithSummary("One sample (404 when I may not see it).");

        sample.MapPatch("", async Task<Ok<SampleDto>> (Guid orgId, Guid workspaceId, Guid sampleId, UpdateSample body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId, WorkspaceId = workspaceId, SampleId = sampleId }, ct)))
            .WithName("Samples_Update")
            .WithSummary("Edits name, assay or subject (samples.define).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        sample.MapDelete("", async Task<NoContent> (Guid orgId, Guid workspaceId, Guid sampleId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteSample(orgId, workspaceId, sampleId), ct);
                return TypedResults.NoContent();
            })
            .WithName("Samples_Delete")
            .WithSummary("Moves a sample to the workspace's trash (samples.delete): restorable until the retention period ends, then purged with its assignments.");

        sample.MapGet("/assignees", async Task<Ok<IReadOnlyList<AssigneeDto>>> (Guid orgId, Guid workspaceId, Guid sampleId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetSampleAssignees(orgId, workspaceId, sampleId), ct)))
            .WithName("Samples_GetAssignees")
            .WithSummary("Who is assigned to the sample, by whom and since when.");

        sample.MapPut("/assignees", async Task<Ok<IReadOnlyList<AssigneeDto>>> (Guid orgId, Guid workspaceId, Guid sampleId, SetSampleAssignees body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId, WorkspaceId = workspaceId, SampleId = sampleId }, ct)))
            .WithName("Samples_SetAssignees")
            .WithSummary("Sets exactly who is assigned (samples.assign); an empty list unassigns everyone.")
            .ProducesValidationProblem();
    }
}

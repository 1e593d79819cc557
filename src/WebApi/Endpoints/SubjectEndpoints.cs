using VariantMiner.Application.Subjects;
using VariantMiner.Application.Subjects.Commands.CreateSubject;
using VariantMiner.Application.Subjects.Commands.DeleteSubject;
using VariantMiner.Application.Subjects.Commands.UpdateSubject;
using VariantMiner.Application.Subjects.Queries.FindSubject;
using VariantMiner.Application.Subjects.Queries.GetSubject;
using VariantMiner.Application.Subjects.Queries.ListSubjects;

namespace VariantMiner.WebApi.Endpoints;

internal sealed class SubjectEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var subjects = app.MapGroup("/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/subjects")
            .RequireAuthorization()
            .WithTags("Subjects")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        subjects.MapGet("", async Task<Ok<Page<SubjectDto>>> (Guid orgId, Guid workspaceId, string? search, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListSubjects(orgId, workspaceId) { Search = search, Limit = limit, Cursor = cursor }, ct)))
            .WithName("Subjects_List")
            .WithSummary("Subjects of the workspace by external id (search, cursor paging).")
            .ProducesValidationProblem();

        subjects.MapGet("/lookup", async Task<Ok<SubjectReferenceDto>> (Guid orgId, Guid workspaceId, string? externalId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new FindSubject(orgId, workspaceId, externalId ?? ""), ct)))
            .WithName("Subjects_Find")
            .WithSummary("The subject with this exact external id (any case), for linking a new sample (samples.define): id and external id only.")
            .ProducesValidationProblem();

        subjects.MapPost("", async Task<Created<SubjectDto>> (Guid orgId, Guid workspaceId, CreateSubject body, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(body with { OrganizationId = orgId, WorkspaceId = workspaceId }, ct);
                return TypedResults.Created($"/api/organizations/{orgId}/workspaces/{workspaceId}/subjects/{created.Id}", created);
            })
            .WithName("Subjects_Create")
            .WithSummary("Creates a subject (samples.define); external id unique in the workspace, phenotype terms as HPO ids.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        var subject = subjects.MapGroup("/{subjectId:guid}");

        subject.MapGet("", async Task<Ok<SubjectDetailDto>> (Guid orgId, Guid workspaceId, Guid subjectId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetSubject(orgId, workspaceId, subjectId), ct)))
            .WithName("Subjects_Get")
            .WithSummary("The subject page: the subject and only the samples I may see.");

        subject.MapPatch("", async Task<Ok<SubjectDto>> (Guid orgId, Guid workspaceId, Guid subjectId, UpdateSubject body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId, WorkspaceId = workspaceId, SubjectId = subjectId }, ct)))
            .WithName("Subjects_Update")
            .WithSummary("Edits a subject (samples.define).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        subject.MapDelete("", async Task<NoContent> (Guid orgId, Guid workspaceId, Guid subjectId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteSubject(orgId, workspaceId, subjectId), ct);
                return TypedResults.NoContent();
            })
            .WithName("Subjects_Delete")
            .WithSummary("Moves a subject no live sample refers to into the workspace's trash (samples.delete); 409 otherwise.")
            .ProducesProblem(StatusCodes.Status409Conflict);
    }
}

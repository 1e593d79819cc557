using VariantMiner.Application.Workspaces;
using VariantMiner.Application.Workspaces.Commands.CreateWorkspace;
using VariantMiner.Application.Workspaces.Commands.DeleteWorkspace;
using VariantMiner.Application.Workspaces.Commands.SetWorkspaceAccess;
using VariantMiner.Application.Workspaces.Commands.UpdateWorkspace;
using VariantMiner.Application.Workspaces.Queries.GetWorkspace;
using VariantMiner.Application.Workspaces.Queries.ListWorkspaces;

namespace VariantMiner.WebApi.Endpoints;

internal sealed class WorkspaceEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var workspaces = app.MapGroup("/api/organizations/{orgId:guid}/workspaces")
            .RequireAuthorization()
            .WithTags("Workspaces")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        workspaces.MapGet("", async Task<Ok<IReadOnlyList<WorkspaceDto>>> (Guid orgId, bool? all, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListWorkspaces(orgId, all ?? false), ct)))
            .WithName("Workspaces_List")
            .WithSummary("Workspaces I can enter (all=true: every workspace, for holders of workspaces.access.manage).");

        workspaces.MapPost("", async Task<Created<WorkspaceDto>> (Guid orgId, CreateWorkspace body, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(body with { OrganizationId = orgId }, ct);
                return TypedResults.Created($"/api/organizations/{orgId}/workspaces/{created.Id}", created);
            })
            .WithName("Workspaces_Create")
            .WithSummary("Creates a workspace (workspaces.create); the creator is granted access.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        var workspace = workspaces.MapGroup("/{workspaceId:guid}");

        workspace.MapGet("", async Task<Ok<WorkspaceDto>> (Guid orgId, Guid workspaceId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetWorkspace(orgId, workspaceId), ct)))
            .WithName("Workspaces_Get");

        workspace.MapPatch("", async Task<NoContent> (Guid orgId, Guid workspaceId, UpdateWorkspace body, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(body with { OrganizationId = orgId, WorkspaceId = workspaceId }, ct);
                return TypedResults.NoContent();
            })
            .WithName("Workspaces_Update")
            .WithSummary("Renames or describes a workspace (workspaces.create).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        workspace.MapDelete("", async Task<NoContent> (Guid orgId, Guid workspaceId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteWorkspace(orgId, workspaceId), ct);
                return TypedResults.NoContent();
            })
            .WithName("Workspaces_Delete")
            .WithSummary("Deletes a workspace and all its data (workspaces.delete).");

        workspace.MapPut("/access/{userId:guid}", async Task<NoContent> (Guid orgId, Guid workspaceId, Guid userId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new SetWorkspaceAccess(orgId, workspaceId, userId, Granted: true), ct);
                return TypedResults.NoContent();
            })
            .WithName("Workspaces_GrantAccess")
            .WithSummary("Grants a member access to the workspace (workspaces.access.manage).");

        workspace.MapDelete("/access/{userId:guid}", async Task<NoContent> (Guid orgId, Guid workspaceId, Guid userId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new SetWorkspaceAccess(orgId, workspaceId, userId, Granted: false), ct);
                return TypedResults.NoContent();
            })
            .WithName("Workspaces_RevokeAccess")
            .WithSummary("Revokes a member's access to the workspace (workspaces.access.manage).");
    }
}

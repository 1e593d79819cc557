using Microsoft.AspNetCore.Mvc;
using VariantMiner.Application.Files;
using VariantMiner.Application.Organizations;
using VariantMiner.Application.Organizations.Commands.CreateOrganization;
using VariantMiner.Application.Organizations.Commands.DeleteOrganization;
using VariantMiner.Application.Organizations.Commands.SetAccessControl;
using VariantMiner.Application.Organizations.Commands.SetInvitationPreferences;
using VariantMiner.Application.Organizations.Commands.UpdateOrganization;
using VariantMiner.Application.Organizations.Queries.GetAccessControl;
using VariantMiner.Application.Organizations.Queries.GetInvitationPreferences;
using VariantMiner.Application.Organizations.Queries.GetMyAccess;
using VariantMiner.Application.Organizations.Queries.GetOrganization;
using VariantMiner.Application.Organizations.Queries.GetWorkOverview;
using VariantMiner.Application.Organizations.Queries.ListActivity;
using VariantMiner.Application.Organizations.Queries.ListMyOrganizations;
using VariantMiner.Application.Organizations.SecurityPolicy;

namespace VariantMiner.WebApi.Endpoints;

internal sealed class OrganizationEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var organizations = app.MapGroup("/api/organizations")
            .RequireAuthorization()
            .WithTags("Organizations")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        organizations.MapGet("", async Task<Ok<IReadOnlyList<OrganizationSummaryDto>>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListMyOrganizations(), ct)))
            .WithName("Organizations_ListMine")
            .WithSummary("My organizations, with my role in each.");

        organizations.MapPost("", async Task<Created<CreatedOrganizationDto>> (CreateOrganization body, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(body, ct);
                return TypedResults.Created($"/api/organizations/{created.Id}", created);
            })
            .WithName("Organizations_Create")
            .WithSummary("Creates an organization (platform administrators; anyone when self-service creation is enabled).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var organization = organizations.MapGroup("/{orgId:guid}")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        organization.MapGet("", async Task<Ok<OrganizationDashboardDto>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetOrganization(orgId), ct)))
            .WithName("Organizations_Get")
            .WithSummary("The organization dashboard.");

        organization.MapPatch("", async Task<NoContent> (Guid orgId, UpdateOrganization body, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(body with { OrganizationId = orgId }, ct);
                return TypedResults.NoContent();
            })
            .WithName("Organizations_Update")
            .WithSummary("Updates general settings (organization.settings.manage).")
            .ProducesValidationProblem();

        organization.MapDelete("", async Task<NoContent> (Guid orgId, [FromBody] DeleteOrganization body, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(body with { OrganizationId = orgId }, ct);
                return TypedResults.NoContent();
            })
            .WithName("Organizations_Delete")
            .WithSummary("Deletes the organization and all its data (Group Supervisor; the name typed as confirmation).")
            .ProducesValidationProblem();

        organization.MapGet("/dashboard", async Task<Ok<WorkOverviewDto>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetWorkOverview(orgId), ct)))
            .WithName("Organizations_GetWorkOverview")
            .WithSummary("What needs attention, of what I may see: runs in progress, runs failed in the last 14 days, open orders due within 7 days " +
                "or overdue, reports awaiting my signature (each a count and the first ten); storage and this month's processing against the quotas.");

        organization.MapGet("/me", async Task<Ok<MyAccessDto>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMyAccess(orgId), ct)))
            .WithName("Organizations_GetMyAccess")
            .WithSummary("My role and effective permissions, overall and per workspace.");

        organization.MapGet("/settings/access-control", async Task<Ok<AccessControlDto>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetAccessControl(orgId), ct)))
            .WithName("Organizations_GetAccessControl")
            .WithSummary("Whether role-based access is on.");

        organization.MapPut("/settings/access-control", async Task<Ok<AccessControlDto>> (Guid orgId, SetAccessControl body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId }, ct)))
            .WithName("Organizations_SetAccessControl")
            .WithSummary("Turns role-based access on or off (organization.settings.manage). Stored roles and assignments are unchanged.");

        organization.MapGet("/settings/storage", async Task<Ok<StoragePreferencesDto>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetStoragePreferences(orgId), ct)))
            .WithName("Organizations_GetStoragePreferences")
            .WithSummary("Storage preferences: FASTQ / BAM files are deleted this many days after their analysis completed (null: kept).");

        organization.MapPut("/settings/storage", async Task<Ok<StoragePreferencesDto>> (Guid orgId, SetStoragePreferences body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId }, ct)))
            .WithName("Organizations_SetStoragePreferences")
            .WithSummary("Sets the storage preferences (organization.settings.manage); an hourly sweep applies them, audited.")
            .ProducesValidationProblem();

        organization.MapGet("/settings/invitations", async Task<Ok<InvitationPreferencesDto>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetInvitationPreferences(orgId), ct)))
            .WithName("Organizations_GetInvitationPreferences")
            .WithSummary("Invitation preferences: allowed e-mail domains and the default role.");

        organization.MapPut("/settings/invitations", async Task<Ok<InvitationPreferencesDto>> (Guid orgId, SetInvitationPreferences body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId }, ct)))
            .WithName("Organizations_SetInvitationPreferences")
            .WithSummary("Sets invitation preferences (organization.settings.manage).")
            .ProducesValidationProblem();

        organization.MapGet("/settings/security", async Task<Ok<SecurityPolicyDto>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetSecurityPolicy(orgId), ct)))
            .WithName("Organizations_GetSecurityPolicy")
            .WithSummary("The security policy: minimum password length, two-factor required, longest session. A member whose session does not meet it gets 403 with a reason (organization-requires-two-factor, organization-requires-fresh-sign-in, organization-requires-longer-password) on every route of the organization.");

        organization.MapPut("/settings/security", async Task<Ok<SecurityPolicyDto>> (Guid orgId, SetSecurityPolicy body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId }, ct)))
            .WithName("Organizations_SetSecurityPolicy")
            .WithSummary("Sets the security policy (organization.settings.manage); it applies on every member's next request.")
            .ProducesValidationProblem();

        organization.MapGet("/activity", async Task<Ok<Page<ActivityDto>>> (Guid orgId, int? limit, string? cursor, Guid? actorUserId, string? kind,
                DateOnly? from, DateOnly? to, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListActivity(orgId, limit, cursor) { ActorUserId = actorUserId, Kind = kind, From = from, To = to }, ct)))
            .WithName("Organizations_ListActivity")
            .WithSummary("Recent activity I may see, newest first (limit ≤ 200, cursor paging); filters: actorUserId, kind (organization, workspace, member, role, invitation, sample, subject, assay), from/to (UTC days, inclusive).")
            .ProducesValidationProblem();
    }
}

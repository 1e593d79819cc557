using VariantMiner.Application.Invitations;
using VariantMiner.Application.Invitations.Commands.AcceptInvitation;
using VariantMiner.Application.Invitations.Commands.CreateInvitation;
using VariantMiner.Application.Invitations.Commands.ResendInvitation;
using VariantMiner.Application.Invitations.Commands.RevokeInvitation;
using VariantMiner.Application.Invitations.Queries.ListInvitations;
using VariantMiner.Application.Invitations.Queries.PreviewInvitation;
using VariantMiner.Application.Members;
using VariantMiner.Application.Members.Commands.RemoveMember;
using VariantMiner.Application.Members.Commands.UpdateMember;
using VariantMiner.Application.Members.Queries.ListMembers;
using VariantMiner.Application.Roles;
using VariantMiner.Application.Roles.Commands.CreateRole;
using VariantMiner.Application.Roles.Commands.DeleteRole;
using VariantMiner.Application.Roles.Commands.UpdateRole;
using VariantMiner.Application.Roles.Queries.ListRoles;

namespace VariantMiner.WebApi.Endpoints;

/// <summary>
/// Members, roles and invitations of an organization (/api/organizations/{orgId}/members, /roles, /invitations), and
/// accepting an invitation (/api/invitations/accept).
/// </summary>
internal sealed class PeopleEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var organization = app.MapGroup("/api/organizations/{orgId:guid}")
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        var members = organization.MapGroup("/members").WithTags("Members");
        members.MapGet("", async Task<Ok<MemberPage>> (Guid orgId, string? search, Guid? roleId, string? sort, int? limit, string? cursor,
                ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListMembers(orgId, search, roleId, sort, limit, cursor), ct)))
            .WithName("Members_List")
            .WithSummary("The User Management table (users.manage): search by name or e-mail, filter by role, sort by name or lastLogin.");
        members.MapPatch("/{userId:guid}", async Task<NoContent> (Guid orgId, Guid userId, UpdateMember body, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(body with { OrganizationId = orgId, UserId = userId }, ct);
                return TypedResults.NoContent();
            })
            .WithName("Members_Update")
            .WithSummary("Changes a member's role (effective on their next request) and/or position (users.manage).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        members.MapDelete("/{userId:guid}", async Task<NoContent> (Guid orgId, Guid userId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RemoveMember(orgId, userId), ct);
                return TypedResults.NoContent();
            })
            .WithName("Members_Remove")
            .WithSummary("Removes a member (users.manage), or leaves the organization when it is oneself.");

        var roles = organization.MapGroup("/roles").WithTags("Roles");
        roles.MapGet("", async Task<Ok<IReadOnlyList<RoleDto>>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListRoles(orgId), ct)))
            .WithName("Roles_List")
            .WithSummary("Roles with their permissions and member counts.");
        roles.MapPost("", async Task<Created<RoleDto>> (Guid orgId, CreateRole body, ISender sender, CancellationToken ct) =>
            {
                var role = await sender.Send(body with { OrganizationId = orgId }, ct);
                return TypedResults.Created($"/api/organizations/{orgId}/roles/{role.Id}", role);
            })
            .WithName("Roles_Create")
            .WithSummary("Creates a custom role (roles.manage) with permissions the creator holds.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        roles.MapGet("/{roleId:guid}", async Task<Ok<RoleDto>> (Guid orgId, Guid roleId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetRole(orgId, roleId), ct)))
            .WithName("Roles_Get");
        roles.MapPut("/{roleId:guid}", async Task<Ok<RoleDto>> (Guid orgId, Guid roleId, UpdateRole body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId, RoleId = roleId }, ct)))
            .WithName("Roles_Update")
            .WithSummary("Renames a custom role and/or replaces a role's permissions (roles.manage; not the Supervisor role).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        roles.MapDelete("/{roleId:guid}", async Task<NoContent> (Guid orgId, Guid roleId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteRole(orgId, roleId), ct);
                return TypedResults.NoContent();
            })
            .WithName("Roles_Delete")
            .WithSummary("Deletes a custom role nobody holds (roles.manage); 409 says how many members still hold it.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        var invitations = organization.MapGroup("/invitations").WithTags("Invitations");
        invitations.MapGet("", async Task<Ok<IReadOnlyList<InvitationDto>>> (Guid orgId, bool? includeClosed, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListInvitations(orgId, includeClosed ?? false), ct)))
            .WithName("Invitations_List")
            .WithSummary("Pending invitations (users.invite); includeClosed=true adds accepted and revoked ones.");
        invitations.MapPost("", async Task<Created<IssuedInvitationDto>> (Guid orgId, CreateInvitation body, ISender sender, CancellationToken ct) =>
            {
                var issued = await sender.Send(body with { OrganizationId = orgId }, ct);
                return TypedResults.Created($"/api/organizations/{orgId}/invitations/{issued.Id}", issued);
            })
            .WithName("Invitations_Create")
            .WithSummary("Invites someone by e-mail with a role and workspaces (users.invite). The token and link are returned once.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);
        invitations.MapPost("/{invitationId:guid}/resend", async Task<Ok<IssuedInvitationDto>> (Guid orgId, Guid invitationId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ResendInvitation(orgId, invitationId), ct)))
            .WithName("Invitations_Resend")
            .WithSummary("Sends a pending invitation again with a new token and expiry (users.invite).");
        invitations.MapDelete("/{invitationId:guid}", async Task<NoContent> (Guid orgId, Guid invitationId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RevokeInvitation(orgId, invitationId), ct);
                return TypedResults.NoContent();
            })
            .WithName("Invitations_Revoke")
            .WithSummary("Revokes a pending invitation (users.invite).");

        app.MapPost("/api/invitations/preview", async Task<Ok<InvitationPreviewDto>> (PreviewInvitation body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body, ct)))
            .AllowAnonymous()
            .WithTags("Invitations")
            .WithName("Invitations_Preview")
            .WithSummary("For the link's holder, before signing in: organization, inviter, role, invited address and status (pending, accepted, revoked, expired).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost("/api/invitations/accept", async Task<Ok<AcceptedInvitationDto>> (AcceptInvitation body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body, ct)))
            .RequireAuthorization()
            .WithTags("Invitations")
            .WithName("Invitations_Accept")
            .WithSummary("The signed-in user named by the invitation joins the organization.")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone);
    }
}

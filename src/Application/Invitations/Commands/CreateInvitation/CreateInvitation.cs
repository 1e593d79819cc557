using System.ComponentModel.DataAnnotations;
using FluentValidation.Results;
using Microsoft.Extensions.Options;
using VariantMiner.Application.Roles;
using VariantMiner.Domain.Invitations;

namespace VariantMiner.Application.Invitations.Commands.CreateInvitation;

/// <param name="RoleId">Defaults to the organization's default invitation role, else Analyst.</param>
[RequiresPermission(Permissions.UsersInvite)]
public sealed record CreateInvitation(
    [property: Required, StringLength(Invitation.EmailMaxLength), EmailAddress] string Email,
    Guid? RoleId,
    IReadOnlyList<Guid>? WorkspaceIds) : ICommand<IssuedInvitationDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class CreateInvitationValidator : AbstractValidator<CreateInvitation>
{
    public CreateInvitationValidator()
    {
        RuleFor(c => c.Email).NotEmpty().WithMessage("Enter the e-mail address to invite.")
            .MaximumLength(Invitation.EmailMaxLength).EmailAddress().WithMessage("Enter a valid e-mail address.");
        RuleFor(c => c.WorkspaceIds).Must(ids => ids is null || ids.Count <= 500).WithMessage("At most 500 workspaces per invitation.");
    }
}

/// <summary>Without workspaces.access.manage one may only offer the workspaces one can enter oneself.</summary>
public sealed class OfferWorkspacesPolicy(IOrganizationContext scope) : IRequestPolicy<CreateInvitation>
{
    public void Authorize(CreateInvitation message)
    {
        var access = scope.Access;
        if (!access.Has(Permissions.WorkspacesAccessManage) && (message.WorkspaceIds ?? []).Any(id => !access.CanEnter(id)))
            throw new ForbiddenException("You may only offer workspaces you can enter yourself (or hold workspaces.access.manage).");
    }
}

public sealed class CreateInvitationHandler(
    IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts,
    IOptions<InvitationOptions> options, TimeProvider clock) : ICommandHandler<CreateInvitation, IssuedInvitationDto>
{
    public async ValueTask<IssuedInvitationDto> Handle(CreateInvitation command, CancellationToken cancellationToken)
    {
        var email = Invitation.NormalizeEmail(command.Email);
        var organization = await db.Organizations.SingleAsync(o => o.Id == command.OrganizationId, cancellationToken);
        if (!organization.AllowsInvitee(email))
            throw Invalid(nameof(command.Email),
                $"This organization only invites addresses at {string.Join(", ", organization.InvitationDomains)}; {Invitation.DomainOf(email)} is not one of them.");

        var role = await ResolveRoleAsync(command.RoleId, organization, cancellationToken);
        RoleAssignment.EnsureCanAssign(scope.Access, role);
        var workspaceIds = (command.WorkspaceIds ?? []).Distinct().ToList();
        await EnsureWorkspacesAsync(workspaceIds, cancellationToken);

        if (await accounts.FindByEmailAsync(email, cancellationToken) is { } existing
            && await db.Memberships.AnyAsync(m => m.UserId == existing.Id, cancellationToken))
            throw new ConflictException($"{email} is already a member of this organization.");
        if (await db.Invitations.AnyAsync(i => i.Email == email && i.Status == InvitationStatus.Pending, cancellationToken))
            throw new ConflictException($"{email} already has a pending invitation. Re-send or revoke it instead.");

        var settings = options.Value;
        var now = clock.GetUtcNow();
        var (invitation, token) = Invitation.Create(organization.Id, email, role.Id, workspaceIds, currentUser.UserId!.Value, now, settings.Lifetime);
        db.Invitations.Add(invitation);
        var inviter = (await accounts.DisplayNamesAsync([currentUser.UserId!.Value], cancellationToken)).GetValueOrDefault(currentUser.UserId!.Value, "A colleague");
        db.Outbox.Add(InvitationMail.Compose(organization.Id, organization.Name, inviter, email, role.Name, settings.AcceptUrl(token), invitation.ExpiresAt, now));
        await db.SaveChangesAsync(cancellationToken);

        return new IssuedInvitationDto(invitation.Id, email, token, settings.AcceptUrl(token), invitation.ExpiresAt);
    }

    private async Task<Role> ResolveRoleAsync(Guid? roleId, Organization organization, CancellationToken cancellationToken)
    {
        if (roleId is { } id)
            return await db.Roles.SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
                ?? throw Invalid("RoleId", "There is no such role in this organization.");
        if (organization.DefaultInvitationRoleId is { } defaultId && await db.Roles.SingleOrDefaultAsync(r => r.Id == defaultId, cancellationToken) is { } preferred)
            return preferred;
        return await db.Roles.SingleAsync(r => r.BuiltIn == BuiltInRole.Analyst, cancellationToken);
    }

    /// <summary>Workspaces must belong to this organization.</summary>
    private async Task EnsureWorkspacesAsync(IReadOnlyList<Guid> workspaceIds, CancellationToken cancellationToken)
    {
        if (workspaceIds.Count == 0) return;
        var known = await db.Workspaces.Where(w => workspaceIds.Contains(w.Id)).Select(w => w.Id).ToListAsync(cancellationToken);
        var unknown = workspaceIds.Except(known).ToList();
        if (unknown.Count > 0) throw Invalid("WorkspaceIds", $"No such workspace in this organization: {string.Join(", ", unknown)}.");
    }

    private static FluentValidation.ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}

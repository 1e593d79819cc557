using FluentValidation.Results;
using VariantMiner.Application.Organizations.Queries.GetInvitationPreferences;
using VariantMiner.Application.Roles;

namespace VariantMiner.Application.Organizations.Commands.SetInvitationPreferences;

/// <summary>Invitation preferences: allowed e-mail domains for invitees (empty = any) and the default role offered.</summary>
[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record SetInvitationPreferences(IReadOnlyList<string>? AllowedEmailDomains, Guid? DefaultRoleId)
    : ICommand<InvitationPreferencesDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class SetInvitationPreferencesValidator : AbstractValidator<SetInvitationPreferences>
{
    public SetInvitationPreferencesValidator() =>
        RuleFor(c => c.AllowedEmailDomains).Must(d => d is null || d.Count <= 50).WithMessage("At most 50 domains.");
}

public sealed class SetInvitationPreferencesHandler(
    IApplicationDbContext db, IOrganizationContext scope)
    : ICommandHandler<SetInvitationPreferences, InvitationPreferencesDto>
{
    public async ValueTask<InvitationPreferencesDto> Handle(SetInvitationPreferences command, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(e => e.Id == command.OrganizationId, cancellationToken) ?? throw new NotFoundException("The organization");
        if (command.DefaultRoleId is { } roleId)
        {
            var role = await db.Roles.SingleOrDefaultAsync(r => r.Id == roleId, cancellationToken)
                ?? throw new ValidationException([new ValidationFailure(nameof(command.DefaultRoleId), "There is no such role in this organization.")]);
            if (role.IsSupervisor)
                throw new ValidationException([new ValidationFailure(nameof(command.DefaultRoleId), "The Group Supervisor role cannot be the default for invitations.")]);
            // Whoever invites without choosing a role gives this one; setting it is giving it.
            RoleAssignment.EnsureCanAssign(scope.Access, role);
        }
        organization.SetInvitationPreferences(command.AllowedEmailDomains ?? [], command.DefaultRoleId);
        await db.SaveChangesAsync(cancellationToken);
        return new InvitationPreferencesDto(organization.InvitationDomains, organization.DefaultInvitationRoleId);
    }
}

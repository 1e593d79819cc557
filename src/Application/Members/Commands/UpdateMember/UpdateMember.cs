using System.ComponentModel.DataAnnotations;
using FluentValidation.Results;
using VariantMiner.Application.Roles;

namespace VariantMiner.Application.Members.Commands.UpdateMember;

/// <summary>Changes a member's role (effective on their very next request) and/or position. Null = unchanged.</summary>
[RequiresPermission(Permissions.UsersManage)]
public sealed record UpdateMember(Guid? RoleId, [property: StringLength(Membership.PositionMaxLength)] string? Position)
    : ICommand, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid UserId { get; init; }
}

public sealed class UpdateMemberValidator : AbstractValidator<UpdateMember>
{
    public UpdateMemberValidator() => RuleFor(c => c.Position).MaximumLength(Membership.PositionMaxLength);
}

public sealed class UpdateMemberHandler(IApplicationDbContext db, IOrganizationContext scope)
    : ICommandHandler<UpdateMember>
{
    public async ValueTask<Unit> Handle(UpdateMember command, CancellationToken cancellationToken)
    {
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == command.UserId, cancellationToken)
            ?? throw new NotFoundException("The member");

        var currentRole = await db.Roles.SingleAsync(r => r.Id == membership.RoleId, cancellationToken);
        // The position first: it is judged by the role the member holds now.
        if (command.Position is { } position) membership.SetPosition(position, currentRole, scope.Access.IsSupervisor);
        if (command.RoleId is { } roleId && roleId != membership.RoleId)
        {
            var newRole = await db.Roles.SingleOrDefaultAsync(r => r.Id == roleId, cancellationToken)
                ?? throw new FluentValidation.ValidationException([new ValidationFailure(nameof(command.RoleId), "There is no such role in this organization.")]);
            RoleAssignment.EnsureCanAssign(scope.Access, newRole);
            membership.ChangeRole(currentRole, newRole, scope.Access.IsSupervisor, await SupervisorCountAsync(db, cancellationToken));
        }
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    internal static Task<int> SupervisorCountAsync(IApplicationDbContext db, CancellationToken cancellationToken) =>
        db.Memberships.CountAsync(m => db.Roles.Any(r => r.Id == m.RoleId && r.BuiltIn == BuiltInRole.Supervisor), cancellationToken);
}

using System.ComponentModel.DataAnnotations;
using PermissionKeys = VariantMiner.Domain.Authorization.Permissions;

namespace VariantMiner.Application.Roles.Commands.CreateRole;

/// <summary>A custom role with any combination of permissions the creator holds.</summary>
[RequiresPermission(PermissionKeys.RolesManage)]
public sealed record CreateRole(
    [property: Required, StringLength(Role.NameMaxLength, MinimumLength = 1)] string Name,
    IReadOnlyList<string>? Permissions) : ICommand<RoleDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class CreateRoleValidator : AbstractValidator<CreateRole>
{
    public CreateRoleValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter a name for the role.")
            .Must(n => n is null || n.Trim().Length > 0).WithMessage("Enter a name for the role.")
            .MaximumLength(Role.NameMaxLength);
        RuleForEach(c => c.Permissions).Must(Permissions.IsKnown).WithMessage((_, key) => $"Unknown permission '{key}'.");
    }
}

public sealed class CreateRoleHandler(IApplicationDbContext db, IOrganizationContext scope)
    : ICommandHandler<CreateRole, RoleDto>
{
    public async ValueTask<RoleDto> Handle(CreateRole command, CancellationToken cancellationToken)
    {
        await UniqueNames.EnsureFreeAsync(db.Roles, r => r.Name, command.Name, null, RoleNames.Taken(command.Name), cancellationToken);
        var role = Role.CreateCustom(command.OrganizationId, command.Name, command.Permissions ?? [], scope.Access.Permissions);
        db.Roles.Add(role);
        await db.SaveChangesAsync(cancellationToken);
        return RoleDto.From(role, 0);
    }
}

using System.ComponentModel.DataAnnotations;
using PermissionKeys = VariantMiner.Domain.Authorization.Permissions;

namespace VariantMiner.Application.Roles.Commands.UpdateRole;

/// <summary>
/// Renames a custom role and/or replaces a role's permissions (any role but the Supervisor). Null = unchanged.
/// Members holding the role are affected on their very next request. With <c>version</c> (from the role as read),
/// an edit made by someone else in between is refused with 409 instead of being overwritten.
/// </summary>
[RequiresPermission(PermissionKeys.RolesManage)]
public sealed record UpdateRole(
    [property: StringLength(Role.NameMaxLength, MinimumLength = 1)] string? Name,
    IReadOnlyList<string>? Permissions,
    Guid? Version = null) : ICommand<RoleDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid RoleId { get; init; }
}

public sealed class UpdateRoleValidator : AbstractValidator<UpdateRole>
{
    public UpdateRoleValidator()
    {
        RuleFor(c => c.Name).Must(n => n is null || n.Trim().Length > 0).WithMessage("The name cannot be empty.").MaximumLength(Role.NameMaxLength);
        RuleForEach(c => c.Permissions).Must(Permissions.IsKnown).WithMessage((_, key) => $"Unknown permission '{key}'.");
    }
}

public sealed class UpdateRoleHandler(IApplicationDbContext db, IOrganizationContext scope)
    : ICommandHandler<UpdateRole, RoleDto>
{
    public async ValueTask<RoleDto> Handle(UpdateRole command, CancellationToken cancellationToken)
    {
        var role = await db.Roles.SingleOrDefaultAsync(e => e.Id == command.RoleId, cancellationToken) ?? throw new NotFoundException("The role");
        if (command.Version is { } version && version != role.Version)
            throw new ConflictException($"Someone else changed the role \"{role.Name}\" since you opened it. Reload it and apply your change again.");
        if (command.Name is { } name && name.Trim() != role.Name)
        {
            role.Rename(name); // refuses built-in roles
            await UniqueNames.EnsureFreeAsync(db.Roles, r => r.Name, name, role.Id, RoleNames.Taken(name), cancellationToken);
        }
        if (command.Permissions is { } permissions) role.SetPermissions(permissions, scope.Access.Permissions);
        await db.SaveChangesAsync(cancellationToken);
        var members = await db.Memberships.CountAsync(m => m.RoleId == role.Id, cancellationToken);
        return RoleDto.From(role, members);
    }
}

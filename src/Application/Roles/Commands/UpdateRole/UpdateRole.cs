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

public sealed class UpdateRoleHandler(IApplicationDbContext db, IOrganizationContext scope, IActivityLog activity)
    : ICommandHandler<UpdateRole, RoleDto>
{
    public async ValueTask<RoleDto> Handle(UpdateRole command, CancellationToken cancellationToken)
    {
        var role = await db.Roles.SingleOrDefaultAsync(e => e.Id == command.RoleId, cancellationToken) ?? throw new NotFoundException("The role");
        if (command.Version is { } version && version != role.Version)
            throw new ConflictException($"Someone else changed the role \"{role.Name}\" since you opened it. Reload it and apply your change again.");
        var changes = new List<string>();
        if (command.Name is { } name && name.Trim() != role.Name)
        {
            if (!role.IsCustom) throw new Domain.Common.DomainException($"'{role.Name}' is a built-in role and keeps its name.");
            await UniqueNames.EnsureFreeAsync(db.Roles, r => r.Name, name, role.Id, RoleNames.Taken(name), cancellationToken);
            var before = role.Name;
            role.Rename(name);
            changes.Add($"renamed \"{before}\" to \"{role.Name}\"");
        }
        if (command.Permissions is { } permissions)
        {
            var before = role.PermissionKeys;
            role.SetPermissions(permissions, scope.Access.Permissions);
            var added = role.PermissionKeys.Except(before).Order().ToList();
            var removed = before.Except(role.PermissionKeys).Order().ToList();
            if (added.Count > 0) changes.Add("added " + string.Join(", ", added));
            if (removed.Count > 0) changes.Add("removed " + string.Join(", ", removed));
        }
        if (changes.Count > 0)
        {
            activity.Record("role.updated", "role", role.Id, $"Changed the role \"{role.Name}\": {string.Join("; ", changes)}");
            await db.SaveChangesAsync(cancellationToken);
        }
        var members = await db.Memberships.CountAsync(m => m.RoleId == role.Id, cancellationToken);
        return RoleDto.From(role, members);
    }
}

using System.ComponentModel.DataAnnotations;

namespace VariantMiner.Application.Workspaces.Commands.UpdateWorkspace;

/// <summary>Renames or describes a workspace (those who may create workspaces may also name them). Null = unchanged.</summary>
[RequiresPermission(Permissions.WorkspacesCreate)]
public sealed record UpdateWorkspace(
    [property: StringLength(Workspace.NameMaxLength, MinimumLength = 1)] string? Name,
    [property: StringLength(Workspace.DescriptionMaxLength)] string? Description) : ICommand, IWorkspaceRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkspaceId { get; init; }
}

public sealed class UpdateWorkspaceValidator : AbstractValidator<UpdateWorkspace>
{
    public UpdateWorkspaceValidator()
    {
        RuleFor(c => c.Name).Must(n => n is null || n.Trim().Length > 0).WithMessage("The name cannot be empty.")
            .MaximumLength(Workspace.NameMaxLength);
        RuleFor(c => c.Description).MaximumLength(Workspace.DescriptionMaxLength);
    }
}

public sealed class UpdateWorkspaceHandler(IApplicationDbContext db)
    : ICommandHandler<UpdateWorkspace>
{
    public async ValueTask<Unit> Handle(UpdateWorkspace command, CancellationToken cancellationToken)
    {
        var workspace = await db.Workspaces.SingleOrDefaultAsync(e => e.Id == command.WorkspaceId, cancellationToken) ?? throw new NotFoundException("The workspace");
        if (command.Name is { } name && name.Trim() != workspace.Name)
        {
            await UniqueNames.EnsureFreeAsync(db.Workspaces, w => w.Name, name, workspace.Id, WorkspaceNames.Taken(name), cancellationToken);
            workspace.Rename(name);
        }
        if (command.Description is { } description) workspace.Describe(description);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

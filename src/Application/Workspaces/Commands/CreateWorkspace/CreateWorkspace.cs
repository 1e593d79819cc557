using System.ComponentModel.DataAnnotations;

namespace VariantMiner.Application.Workspaces.Commands.CreateWorkspace;

[RequiresPermission(Permissions.WorkspacesCreate)]
public sealed record CreateWorkspace(
    [property: Required, StringLength(Workspace.NameMaxLength, MinimumLength = 1)] string Name,
    [property: StringLength(Workspace.DescriptionMaxLength)] string? Description) : ICommand<WorkspaceDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class CreateWorkspaceValidator : AbstractValidator<CreateWorkspace>
{
    public CreateWorkspaceValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter a name for the workspace.")
            .Must(n => n is null || n.Trim().Length > 0).WithMessage("Enter a name for the workspace.")
            .MaximumLength(Workspace.NameMaxLength);
        RuleFor(c => c.Description).MaximumLength(Workspace.DescriptionMaxLength);
    }
}

/// <summary>Creates a workspace; its creator is granted access to it.</summary>
public sealed class CreateWorkspaceHandler(
    IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<CreateWorkspace, WorkspaceDto>
{
    public async ValueTask<WorkspaceDto> Handle(CreateWorkspace command, CancellationToken cancellationToken)
    {
        await UniqueNames.EnsureFreeAsync(db.Workspaces, w => w.Name, command.Name, null, WorkspaceNames.Taken(command.Name), cancellationToken);
        var workspace = new Workspace(command.OrganizationId, command.Name, clock.GetUtcNow(), command.Description);
        db.Workspaces.Add(workspace);
        var creator = await db.Memberships.SingleAsync(m => m.Id == scope.Access.MembershipId, cancellationToken);
        creator.GrantWorkspace(workspace.Id);
        await db.SaveChangesAsync(cancellationToken);
        return new WorkspaceDto(workspace.Id, workspace.Name, workspace.Description, workspace.CreatedAt, [currentUser.UserId!.Value]);
    }
}

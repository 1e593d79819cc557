using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using VariantMiner.Application.Assays;

namespace VariantMiner.Application.Organizations.Commands.CreateOrganization;

/// <param name="OwnerEmail">Platform administrators name the owner; without it the caller is the owner.</param>
public sealed record CreateOrganization(
    [property: Required, StringLength(Organization.NameMaxLength, MinimumLength = 1)] string Name,
    [property: StringLength(Organization.DescriptionMaxLength)] string? Description,
    [property: StringLength(256), EmailAddress] string? OwnerEmail) : ICommand<CreatedOrganizationDto>;

public sealed record CreatedOrganizationDto(Guid Id, string Name, Guid InitialWorkspaceId, Guid? OwnerUserId, string? PendingOwnerEmail);

public sealed class CreateOrganizationValidator : AbstractValidator<CreateOrganization>
{
    public CreateOrganizationValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter a name for the organization.").MaximumLength(Organization.NameMaxLength)
            .Must(n => n is null || n.Trim().Length > 0).WithMessage("Enter a name for the organization.");
        RuleFor(c => c.Description).MaximumLength(Organization.DescriptionMaxLength);
        RuleFor(c => c.OwnerEmail).MaximumLength(256).EmailAddress().WithMessage("Enter a valid e-mail address for the owner.");
    }
}

/// <summary>Platform administrators create organizations (anyone, with self-service creation on); only they name another owner.</summary>
public sealed class CreateOrganizationPolicy(ICurrentUser currentUser, IOptions<OrganizationOptions> options) : IRequestPolicy<CreateOrganization>
{
    public void Authorize(CreateOrganization message)
    {
        if (!currentUser.IsPlatformAdmin && !options.Value.SelfServiceCreation)
            throw new ForbiddenException("Only a platform administrator may create organizations on this installation.");
        if (message.OwnerEmail is not null && !currentUser.IsPlatformAdmin)
            throw new ForbiddenException("Only a platform administrator may name another person as owner.");
    }
}

/// <summary>
/// One transaction: the organization, its five built-in roles, the owner's Supervisor membership (or a pending
/// owner), an initial workspace, the default assay list, the configured quota and default settings, and the activity
/// record.
/// </summary>
public sealed class CreateOrganizationHandler(
    IApplicationDbContext db, ICurrentUser currentUser, IUserAccounts accounts, IOptions<OrganizationOptions> options, TimeProvider clock) : ICommandHandler<CreateOrganization, CreatedOrganizationDto>
{
    public async ValueTask<CreatedOrganizationDto> Handle(CreateOrganization command, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var callerId = currentUser.UserId!.Value;

        await OrganizationNames.EnsureFreeAsync(db, command.Name, null, cancellationToken);
        var now = clock.GetUtcNow();
        var organization = new Organization(command.Name, command.Description, now, settings.DefaultStorageQuotaBytes);
        var roles = Enum.GetValues<BuiltInRole>().ToDictionary(r => r, r => Role.CreateBuiltIn(organization.Id, r));
        var workspace = Workspace.CreateInitial(organization.Id, settings.InitialWorkspaceName, now);

        Guid? ownerId = callerId;
        if (command.OwnerEmail is { } email)
        {
            // Only a verified address is matched; otherwise the owner claims the organization when they verify it.
            ownerId = await accounts.FindByEmailAsync(email, cancellationToken) is { EmailVerified: true } match ? match.Id : null;
            if (ownerId is null) organization.AwaitOwner(email);
        }

        db.Organizations.Add(organization);
        db.Roles.AddRange(roles.Values);
        db.Workspaces.Add(workspace);
        db.Assays.AddRange(AssayCatalog.CreateDefaults(organization.Id)); // the default assay list
        if (ownerId is { } owner)
        {
            var membership = new Membership(organization.Id, owner, roles[BuiltInRole.Supervisor].Id, now);
            membership.GrantWorkspace(workspace.Id);
            if (owner == callerId) membership.RecordLogin(now); // the creator is working in it right now
            db.Memberships.Add(membership);
        }
        await db.SaveChangesAsync(cancellationToken);

        return new CreatedOrganizationDto(organization.Id, organization.Name, workspace.Id, ownerId, organization.PendingOwnerEmail);
    }
}

/// <summary>
/// Organization names are unique in the installation regardless of case — the rule workspaces and roles follow in
/// their organization. Only people allowed to create organizations (platform administrators, everyone with
/// self-service creation) can learn that a name is taken, and nothing else about that organization.
/// </summary>
internal static class OrganizationNames
{
    public static Task EnsureFreeAsync(IApplicationDbContext db, string name, Guid? except, CancellationToken cancellationToken) =>
        UniqueNames.EnsureFreeAsync(db.Organizations, o => o.Name, name, except,
            $"The organization name \"{name.Trim()}\" is already in use on this installation. Choose another name.", cancellationToken);
}

using System.ComponentModel.DataAnnotations;
using VariantMiner.Application.Organizations.Commands.CreateOrganization;

namespace VariantMiner.Application.Organizations.Commands.UpdateOrganization;

/// <summary>General settings. A field left out (null) is unchanged; an empty string clears an optional field.</summary>
[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record UpdateOrganization(
    [property: StringLength(Organization.NameMaxLength, MinimumLength = 1)] string? Name,
    [property: StringLength(Organization.DescriptionMaxLength)] string? Description,
    [property: StringLength(Organization.ContactMaxLength)] string? ContactName,
    [property: StringLength(Organization.ContactMaxLength)] string? ContactEmail) : ICommand, IOrganizationRequest
{
    /// <summary>From the route; never from the body.</summary>
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class UpdateOrganizationValidator : AbstractValidator<UpdateOrganization>
{
    public UpdateOrganizationValidator()
    {
        RuleFor(c => c.Name).Must(n => n is null || n.Trim().Length > 0).WithMessage("The name cannot be empty.")
            .MaximumLength(Organization.NameMaxLength);
        RuleFor(c => c.Description).MaximumLength(Organization.DescriptionMaxLength);
        RuleFor(c => c.ContactName).MaximumLength(Organization.ContactMaxLength);
        RuleFor(c => c.ContactEmail).MaximumLength(Organization.ContactMaxLength)
            .EmailAddress().When(c => !string.IsNullOrEmpty(c.ContactEmail)).WithMessage("Enter a valid contact e-mail address.");
    }
}

public sealed class UpdateOrganizationHandler(IApplicationDbContext db)
    : ICommandHandler<UpdateOrganization>
{
    public async ValueTask<Unit> Handle(UpdateOrganization command, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(e => e.Id == command.OrganizationId, cancellationToken)
            ?? throw new NotFoundException("The organization");
        if (command.Name is { } name && name.Trim() != organization.Name)
        {
            await OrganizationNames.EnsureFreeAsync(db, name, organization.Id, cancellationToken);
            organization.Rename(name);
        }
        if (command.Description is { } description) organization.Describe(description);
        if (command.ContactName is not null || command.ContactEmail is not null)
            organization.SetContact(command.ContactName ?? organization.ContactName, command.ContactEmail ?? organization.ContactEmail);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

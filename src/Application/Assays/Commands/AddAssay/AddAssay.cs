using System.ComponentModel.DataAnnotations;
using VariantMiner.Application.Assays.Queries.ListAssays;

namespace VariantMiner.Application.Assays.Commands.AddAssay;

/// <summary>Adds an assay to the organization's list (organization.settings.manage). Names are unique regardless of case.</summary>
[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record AddAssay([property: Required, StringLength(Assay.NameMaxLength, MinimumLength = 1)] string Name)
    : ICommand<IReadOnlyList<AssayDto>>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class AddAssayValidator : AbstractValidator<AddAssay>
{
    public AddAssayValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter a name for the assay.")
            .Must(n => n is null || n.Trim().Length > 0).WithMessage("Enter a name for the assay.")
            .MaximumLength(Assay.NameMaxLength);
    }
}

public sealed class AddAssayHandler(IApplicationDbContext db) : ICommandHandler<AddAssay, IReadOnlyList<AssayDto>>
{
    public async ValueTask<IReadOnlyList<AssayDto>> Handle(AddAssay command, CancellationToken cancellationToken)
    {
        var assay = Assay.Add(command.OrganizationId, command.Name);
        if (await AssayCatalog.ResolveAsync(db, assay.Name, cancellationToken) is { } existing)
            throw new ConflictException($"The assay \"{existing}\" is already on the list.");
        // An organization still reading the defaults stores them now, so adding one keeps the others.
        if (!await db.Assays.AnyAsync(cancellationToken)) db.Assays.AddRange(AssayCatalog.CreateDefaults(command.OrganizationId));
        db.Assays.Add(assay);
        await db.SaveChangesAsync(cancellationToken);
        return (await AssayCatalog.NamesAsync(db, cancellationToken)).Select(n => new AssayDto(n)).ToList();
    }
}

using System.ComponentModel.DataAnnotations;
using VariantMiner.Application.Assays;
using VariantMiner.Application.Samples.Commands.CreateSample;

namespace VariantMiner.Application.Samples.Commands.UpdateSample;

/// <summary>Edits a sample one may see (samples.define). Null = unchanged; <c>removeSubject</c> unlinks the subject.</summary>
[RequiresPermission(Permissions.SamplesDefine)]
public sealed record UpdateSample(
    [property: StringLength(Sample.NameMaxLength, MinimumLength = 1)] string? Name = null,
    [property: StringLength(Assay.NameMaxLength, MinimumLength = 1)] string? Assay = null,
    Guid? SubjectId = null,
    bool? RemoveSubject = null) : ICommand<SampleDto>, IWorkspaceRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkspaceId { get; init; }
    [JsonIgnore] public Guid SampleId { get; init; }
}

public sealed class UpdateSampleValidator : AbstractValidator<UpdateSample>
{
    public UpdateSampleValidator()
    {
        RuleFor(c => c.Name).Must(n => n is null || n.Trim().Length > 0).WithMessage("The name cannot be empty.").MaximumLength(Sample.NameMaxLength);
        RuleFor(c => c.Assay).Must(n => n is null || n.Trim().Length > 0).WithMessage("The assay cannot be empty.").MaximumLength(Assay.NameMaxLength);
        RuleFor(c => c.RemoveSubject).Must((c, remove) => remove != true || c.SubjectId is null)
            .WithMessage("Give either subjectId or removeSubject, not both.");
    }
}

public sealed class UpdateSampleHandler(
    IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts)
    : ICommandHandler<UpdateSample, SampleDto>
{
    public async ValueTask<SampleDto> Handle(UpdateSample command, CancellationToken cancellationToken)
    {
        var sample = await SampleVisibility.VisibleSamples(db.Samples, scope.Access, currentUser.UserId!.Value, command.WorkspaceId)
            .SingleOrDefaultAsync(s => s.Id == command.SampleId, cancellationToken) ?? throw new NotFoundException("The sample");

        if (command.Name is { } name && name.Trim() != sample.Name)
        {
            await SampleNames.EnsureFreeAsync(db, scope.Access, currentUser.UserId!.Value, command.WorkspaceId, name, sample.Id, cancellationToken);
            sample.Rename(name);
        }
        if (command.Assay is not null)
        {
            var assay = await AssayCatalog.ResolveAsync(db, command.Assay, cancellationToken)
                ?? throw Invalid.Field("assay", $"\"{command.Assay}\" is not an assay of this organization.");
            if (assay != sample.Assay) sample.ChangeAssay(assay);
        }
        if (command.SubjectId is { } subjectId && subjectId != sample.SubjectId)
        {
            if (!await db.Subjects.AnyAsync(s => s.Id == subjectId && s.WorkspaceId == command.WorkspaceId, cancellationToken))
                throw Invalid.Field("subjectId", "The subject was not found in this workspace.");
            sample.LinkSubject(subjectId);
        }
        if (command.RemoveSubject == true && sample.SubjectId is not null) sample.LinkSubject(null);

        await db.SaveChangesAsync(cancellationToken);
        var core = new SampleCore(sample.Id, sample.Name, sample.Assay, sample.Status, sample.SubjectId, sample.CreatedAt, sample.CreatedBy);
        return (await SampleRows.LoadAsync(db, accounts, [core], cancellationToken))[0];
    }
}

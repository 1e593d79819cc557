using System.ComponentModel.DataAnnotations;
using VariantMiner.Application.Samples;
using VariantMiner.Application.Subjects.Commands.CreateSubject;

namespace VariantMiner.Application.Subjects.Commands.UpdateSubject;

/// <summary>Edits a subject (samples.define). Null fields stay unchanged; <c>clearDateOfBirth</c> removes the date.</summary>
[RequiresPermission(Permissions.SamplesDefine)]
public sealed record UpdateSubject(
    [property: StringLength(Subject.ExternalIdMaxLength, MinimumLength = 1)] string? ExternalId = null,
    string? Sex = null,
    DateOnly? DateOfBirth = null,
    bool? ClearDateOfBirth = null,
    IReadOnlyList<string>? PhenotypeTerms = null,
    [property: StringLength(Subject.NotesMaxLength)] string? Notes = null) : ICommand<SubjectDto>, IWorkspaceRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkspaceId { get; init; }
    [JsonIgnore] public Guid SubjectId { get; init; }
}

public sealed class UpdateSubjectValidator : AbstractValidator<UpdateSubject>
{
    public UpdateSubjectValidator(TimeProvider clock)
    {
        RuleFor(c => c.DateOfBirth).NotInFuture(clock);
        RuleFor(c => c.ExternalId).Must(n => n is null || n.Trim().Length > 0).WithMessage("The external id cannot be empty.")
            .MaximumLength(Subject.ExternalIdMaxLength);
        RuleFor(c => c.Sex).Must(SubjectInput.IsSex).WithMessage(SubjectInput.SexMessage);
        RuleFor(c => c.PhenotypeTerms).Must(t => t is null || t.Count <= Subject.MaxPhenotypeTerms)
            .WithMessage($"At most {Subject.MaxPhenotypeTerms} phenotype terms.");
        RuleForEach(c => c.PhenotypeTerms).Must(Subject.IsHpoTerm)
            .WithMessage((_, term) => $"\"{term}\" is not an HPO id; use the form HP:0001250.");
        RuleFor(c => c.Notes).MaximumLength(Subject.NotesMaxLength);
    }
}

public sealed class UpdateSubjectHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<UpdateSubject, SubjectDto>
{
    public async ValueTask<SubjectDto> Handle(UpdateSubject command, CancellationToken cancellationToken)
    {
        var subject = await SampleVisibility.VisibleSubjects(db.Subjects, db.Samples, scope.Access, currentUser.UserId!.Value, command.WorkspaceId)
            .SingleOrDefaultAsync(s => s.Id == command.SubjectId, cancellationToken) ?? throw new NotFoundException("The subject");
        if (command.ExternalId is { } externalId && externalId.Trim() != subject.ExternalId)
        {
            await UniqueNames.EnsureFreeAsync(db.Subjects.Where(s => s.WorkspaceId == command.WorkspaceId), s => s.ExternalId, externalId, subject.Id,
                SubjectNames.Taken(externalId), cancellationToken);
            subject.ChangeExternalId(externalId);
        }
        subject.Describe(
            command.Sex is null ? subject.Sex : SubjectInput.ParseSex(command.Sex),
            command.ClearDateOfBirth == true ? null : command.DateOfBirth ?? subject.DateOfBirth,
            command.PhenotypeTerms ?? subject.PhenotypeTerms,
            command.Notes ?? subject.Notes,
            clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return SubjectDto.From(subject);
    }
}

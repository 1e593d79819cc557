using System.ComponentModel.DataAnnotations;
using VariantMiner.Application.Samples;
using VariantMiner.Application.Subjects.Commands.CreateSubject;

namespace VariantMiner.Application.Subjects.Commands.UpdateSubject;

/// <summary>
/// Edits a subject (samples.define). Null fields stay unchanged; <c>clearDateOfBirth</c>, <c>clearFather</c> and
/// <c>clearMother</c> remove the date or the parent link.
/// </summary>
[RequiresPermission(Permissions.SamplesDefine)]
public sealed record UpdateSubject(
    [property: StringLength(Subject.ExternalIdMaxLength, MinimumLength = 1)] string? ExternalId = null,
    string? Sex = null,
    DateOnly? DateOfBirth = null,
    bool? ClearDateOfBirth = null,
    IReadOnlyList<string>? PhenotypeTerms = null,
    [property: StringLength(Subject.NotesMaxLength)] string? Notes = null,
    string? Affected = null,
    Guid? FatherId = null,
    bool? ClearFather = null,
    Guid? MotherId = null,
    bool? ClearMother = null) : ICommand<SubjectDto>, IWorkspaceRequest
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
        RuleFor(c => c.Affected).Must(SubjectFamily.IsAffection).WithMessage(SubjectFamily.AffectionMessage);
        RuleFor(c => c.FatherId).Null().When(c => c.ClearFather == true).WithMessage("Give a father or clear it, not both.");
        RuleFor(c => c.MotherId).Null().When(c => c.ClearMother == true).WithMessage("Give a mother or clear it, not both.");
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
        if (command.Affected is { } affected) subject.SetAffected(Enum.Parse<Affection>(affected, ignoreCase: true));
        if (command.FatherId is not null || command.MotherId is not null || command.ClearFather == true || command.ClearMother == true)
            await SubjectFamily.SetParentsAsync(db, scope.Access, currentUser.UserId!.Value, subject,
                command.ClearFather == true ? null : command.FatherId ?? subject.FatherId,
                command.ClearMother == true ? null : command.MotherId ?? subject.MotherId, cancellationToken);
        await SubjectFamily.EnsureSexFitsChildrenAsync(db, subject, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return SubjectDto.From(subject);
    }
}

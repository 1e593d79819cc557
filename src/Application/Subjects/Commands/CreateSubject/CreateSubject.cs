using System.ComponentModel.DataAnnotations;

namespace VariantMiner.Application.Subjects.Commands.CreateSubject;

/// <param name="Sex">Unknown (default), Female, Male or Other.</param>
/// <param name="PhenotypeTerms">HPO ids such as HP:0001250.</param>
/// <param name="Affected">Unknown (default), Affected or Unaffected.</param>
/// <param name="FatherId">The father among the workspace's subjects (optional), likewise <paramref name="MotherId"/>.</param>
[RequiresPermission(Permissions.SamplesDefine)]
public sealed record CreateSubject(
    [property: Required, StringLength(Subject.ExternalIdMaxLength, MinimumLength = 1)] string ExternalId,
    string? Sex = null,
    DateOnly? DateOfBirth = null,
    IReadOnlyList<string>? PhenotypeTerms = null,
    [property: StringLength(Subject.NotesMaxLength)] string? Notes = null,
    string? Affected = null,
    Guid? FatherId = null,
    Guid? MotherId = null) : ICommand<SubjectDto>, IWorkspaceRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkspaceId { get; init; }
}

public sealed class CreateSubjectValidator : AbstractValidator<CreateSubject>
{
    public CreateSubjectValidator(TimeProvider clock)
    {
        RuleFor(c => c.DateOfBirth).NotInFuture(clock);
        RuleFor(c => c.ExternalId).NotEmpty().WithMessage("Enter the subject's external id.")
            .Must(n => n is null || n.Trim().Length > 0).WithMessage("Enter the subject's external id.")
            .MaximumLength(Subject.ExternalIdMaxLength);
        RuleFor(c => c.Sex).Must(SubjectInput.IsSex).WithMessage(SubjectInput.SexMessage);
        RuleFor(c => c.PhenotypeTerms).Must(t => t is null || t.Count <= Subject.MaxPhenotypeTerms)
            .WithMessage($"At most {Subject.MaxPhenotypeTerms} phenotype terms.");
        RuleForEach(c => c.PhenotypeTerms).Must(Subject.IsHpoTerm)
            .WithMessage((_, term) => $"\"{term}\" is not an HPO id; use the form HP:0001250.");
        RuleFor(c => c.Notes).MaximumLength(Subject.NotesMaxLength);
        RuleFor(c => c.Affected).Must(SubjectFamily.IsAffection).WithMessage(SubjectFamily.AffectionMessage);
    }
}

public sealed class CreateSubjectHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<CreateSubject, SubjectDto>
{
    public async ValueTask<SubjectDto> Handle(CreateSubject command, CancellationToken cancellationToken)
    {
        var subject = await NewAsync(db, command, command.OrganizationId, command.WorkspaceId, currentUser.UserId!.Value, clock.GetUtcNow(), cancellationToken);
        if (command.FatherId is not null || command.MotherId is not null)
            await SubjectFamily.SetParentsAsync(db, scope.Access, currentUser.UserId!.Value, subject, command.FatherId, command.MotherId, cancellationToken);
        db.Subjects.Add(subject);
        await db.SaveChangesAsync(cancellationToken);
        return SubjectDto.From(subject);
    }

    /// <summary>A new subject of the workspace, its external id checked free; also used when a sample is defined with a new subject.</summary>
    internal static async Task<Subject> NewAsync(IApplicationDbContext db, CreateSubject input, Guid organizationId, Guid workspaceId, Guid createdBy,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var subject = new Subject(organizationId, workspaceId, input.ExternalId, SubjectInput.ParseSex(input.Sex),
            input.DateOfBirth, input.PhenotypeTerms, input.Notes, createdBy, now);
        if (input.Affected is { } affected) subject.SetAffected(Enum.Parse<Affection>(affected, ignoreCase: true));
        await UniqueNames.EnsureFreeAsync(db.Subjects.Where(s => s.WorkspaceId == workspaceId), s => s.ExternalId, subject.ExternalId, null,
            SubjectNames.Taken(subject.ExternalId), cancellationToken);
        return subject;
    }
}

/// <summary>External ids are unique in a workspace regardless of case (<see cref="UniqueNames"/>).</summary>
internal static class SubjectNames
{
    public static string Taken(string externalId) => $"A subject with the external id \"{externalId.Trim()}\" already exists in this workspace.";
}

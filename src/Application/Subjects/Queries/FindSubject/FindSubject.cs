namespace VariantMiner.Application.Subjects.Queries.FindSubject;

/// <summary>A subject named by its exact external id, for linking a new sample to it: its id and external id only.</summary>
public sealed record SubjectReferenceDto(Guid Id, string ExternalId);

/// <summary>
/// People who define samples find an existing subject by its exact external id (any case) — not by browsing, and
/// without its patient data: those stay behind <see cref="Samples.SampleVisibility.VisibleSubjects"/>.
/// </summary>
[RequiresPermission(Permissions.SamplesDefine)]
public sealed record FindSubject(Guid OrganizationId, Guid WorkspaceId, string ExternalId) : IQuery<SubjectReferenceDto>, IWorkspaceRequest;

public sealed class FindSubjectValidator : AbstractValidator<FindSubject>
{
    public FindSubjectValidator() => RuleFor(q => q.ExternalId).NotEmpty().WithMessage("Enter the subject's external id.")
        .MaximumLength(Domain.Samples.Subject.ExternalIdMaxLength);
}

public sealed class FindSubjectHandler(IApplicationDbContext db) : IQueryHandler<FindSubject, SubjectReferenceDto>
{
    public async ValueTask<SubjectReferenceDto> Handle(FindSubject query, CancellationToken cancellationToken)
    {
        var lower = query.ExternalId.Trim().ToLower();
        return await db.Subjects.AsNoTracking()
            .Where(s => s.WorkspaceId == query.WorkspaceId && s.ExternalId.ToLower() == lower)
            .Select(s => new SubjectReferenceDto(s.Id, s.ExternalId))
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("A subject with this external id");
    }
}

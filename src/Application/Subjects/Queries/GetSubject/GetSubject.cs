using VariantMiner.Application.Samples;

namespace VariantMiner.Application.Subjects.Queries.GetSubject;

/// <summary>The subject page: the subject and only the samples the caller may see (newest 200), with their exact count.</summary>
public sealed record GetSubject(Guid OrganizationId, Guid WorkspaceId, Guid SubjectId) : IQuery<SubjectDetailDto>, IWorkspaceRequest;

/// <remarks>The subject's record is patient data: reading it is an audit row (read).</remarks>
public sealed class GetSubjectHandler(IApplicationDbContext db, IUnitOfWork unitOfWork, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts, IAuditTrail audit)
    : IQueryHandler<GetSubject, SubjectDetailDto>
{
    public const int MaxSamples = 200;

    public async ValueTask<SubjectDetailDto> Handle(GetSubject query, CancellationToken cancellationToken)
    {
        var subject = await SampleVisibility.VisibleSubjects(db.Subjects.AsNoTracking(), db.Samples, scope.Access, currentUser.UserId!.Value, query.WorkspaceId)
            .SingleOrDefaultAsync(s => s.Id == query.SubjectId, cancellationToken) ?? throw new NotFoundException("The subject");
        await Audit.PatientDataReads.RecordAsync(db, unitOfWork, audit, query.OrganizationId, query.WorkspaceId, nameof(Subject), [subject.Id], cancellationToken);
        var samples = SampleVisibility.VisibleSamples(db.Samples.AsNoTracking(), scope.Access, currentUser.UserId!.Value, query.WorkspaceId)
            .Where(s => s.SubjectId == subject.Id);
        var count = await samples.CountAsync(cancellationToken);
        var rows = await SampleRows.Project(samples.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Take(MaxSamples))
            .ToListAsync(cancellationToken);
        return new SubjectDetailDto(SubjectDto.From(subject), await FamilyAsync(subject, query.WorkspaceId, cancellationToken),
            await SampleRows.LoadAsync(db, accounts, rows, cancellationToken), count);
    }

    private const int MaxChildren = 100;

    private async Task<FamilyDto> FamilyAsync(Subject subject, Guid workspaceId, CancellationToken cancellationToken)
    {
        var relatives = await SampleVisibility.VisibleSubjects(db.Subjects.AsNoTracking(), db.Samples, scope.Access, currentUser.UserId!.Value, workspaceId)
            .Where(s => s.Id == subject.FatherId || s.Id == subject.MotherId || s.FatherId == subject.Id || s.MotherId == subject.Id)
            .OrderBy(s => s.ExternalId)
            .Take(MaxChildren + 2)
            .Select(s => new { s.Id, s.ExternalId, s.Sex, s.Affected })
            .ToListAsync(cancellationToken);
        var dtos = relatives.ToDictionary(r => r.Id, r => new RelativeDto(r.Id, r.ExternalId, r.Sex.ToString(), r.Affected.ToString()));
        return new FamilyDto(
            subject.FatherId is { } f ? dtos.GetValueOrDefault(f) : null,
            subject.MotherId is { } m ? dtos.GetValueOrDefault(m) : null,
            dtos.Values.Where(r => r.Id != subject.FatherId && r.Id != subject.MotherId).Take(MaxChildren).ToList());
    }
}

using VariantMiner.Application.Samples;

namespace VariantMiner.Application.Subjects.Queries.ListSubjects;

/// <summary>Subjects of a workspace by external id, with text search and keyset paging.</summary>
public sealed record ListSubjects(Guid OrganizationId, Guid WorkspaceId) : IQuery<Page<SubjectDto>>, IWorkspaceRequest
{
    public string? Search { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed class ListSubjectsValidator : AbstractValidator<ListSubjects>
{
    public ListSubjectsValidator() => RuleFor(q => q.Search).MaximumLength(200);
}

/// <remarks>Subjects carry patient data: every subject listed is an audit row (read).</remarks>
public sealed class ListSubjectsHandler(IApplicationDbContext db, IUnitOfWork unitOfWork, IOrganizationContext scope, ICurrentUser currentUser, IAuditTrail audit)
    : IQueryHandler<ListSubjects, Page<SubjectDto>>
{
    public async ValueTask<Page<SubjectDto>> Handle(ListSubjects query, CancellationToken cancellationToken)
    {
        var limit = Paging.Clamp(query.Limit);
        var subjects = SampleVisibility.VisibleSubjects(db.Subjects.AsNoTracking(), db.Samples, scope.Access, currentUser.UserId!.Value, query.WorkspaceId);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLower();
            subjects = subjects.Where(s => s.ExternalId.ToLower().Contains(term));
        }
        if (query.Cursor is not null)
        {
            var parts = Common.Cursor.Decode(query.Cursor, 2);
            if (!Guid.TryParse(parts[1], out var id)) throw Common.Cursor.Invalid();
            var externalId = Common.Cursor.DecodeText(parts[0]);
            subjects = subjects.Where(s => string.Compare(s.ExternalId, externalId) >= 0 && (string.Compare(s.ExternalId, externalId) > 0 || s.Id.CompareTo(id) > 0));
        }
        var page = await subjects.OrderBy(s => s.ExternalId).ThenBy(s => s.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? Common.Cursor.Encode(Common.Cursor.EncodeText(page[limit - 1].ExternalId), page[limit - 1].Id.ToString()) : null;
        var items = page.Take(limit).ToList();
        await Audit.PatientDataReads.RecordAsync(db, unitOfWork, audit, query.OrganizationId, query.WorkspaceId, nameof(Subject), items.Select(s => s.Id), cancellationToken);
        return new Page<SubjectDto>(items.Select(SubjectDto.From).ToList(), next);
    }
}

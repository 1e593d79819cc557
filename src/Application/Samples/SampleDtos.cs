namespace VariantMiner.Application.Samples;

public sealed record PersonDto(Guid UserId, string DisplayName);

public sealed record SubjectRefDto(Guid Id, string ExternalId);

/// <summary>A row of the analyses table, and the body of GET …/samples/{id}.</summary>
public sealed record SampleDto(Guid Id, string Name, string Assay, string Status, SubjectRefDto? Subject, IReadOnlyList<PersonDto> Assignees,
    DateTimeOffset CreatedAt, PersonDto CreatedBy);

public sealed record AssigneeDto(Guid UserId, string DisplayName, DateTimeOffset AssignedAt, Guid AssignedBy);

/// <summary>The columns of a sample a row needs (read without its assignments).</summary>
internal sealed record SampleCore(Guid Id, string Name, string Assay, SampleStatus Status, Guid? SubjectId, DateTimeOffset CreatedAt, Guid CreatedBy);

internal static class SampleRows
{
    public static IQueryable<SampleCore> Project(IQueryable<Sample> samples) =>
        samples.Select(s => new SampleCore(s.Id, s.Name, s.Assay, s.Status, s.SubjectId, s.CreatedAt, s.CreatedBy));

    /// <summary>
    /// Fills in subjects, assignees and names for a page of samples with flat queries (no correlated subqueries, which
    /// SQLite cannot run), whatever the page size.
    /// </summary>
    public static async Task<List<SampleDto>> LoadAsync(IApplicationDbContext db, IUserAccounts accounts, IReadOnlyList<SampleCore> rows,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToList();
        var assignments = await db.SampleAssignments.AsNoTracking().Where(a => ids.Contains(a.SampleId))
            .Select(a => new { a.SampleId, a.UserId, a.AssignedAt }).ToListAsync(cancellationToken);
        var subjectIds = rows.Where(r => r.SubjectId is not null).Select(r => r.SubjectId!.Value).Distinct().ToList();
        var subjects = subjectIds.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.Subjects.AsNoTracking().Where(s => subjectIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.ExternalId, cancellationToken);
        var names = await accounts.DisplayNamesAsync(assignments.Select(a => a.UserId).Concat(rows.Select(r => r.CreatedBy)).Distinct(), cancellationToken);
        var bySample = assignments.OrderBy(a => a.AssignedAt).ToLookup(a => a.SampleId, a => a.UserId);
        PersonDto Person(Guid id) => new(id, names.GetValueOrDefault(id, "Former user"));
        return rows.Select(r => new SampleDto(r.Id, r.Name, r.Assay, r.Status.ToString(),
            r.SubjectId is { } sid && subjects.TryGetValue(sid, out var ext) ? new SubjectRefDto(sid, ext) : null,
            bySample[r.Id].Select(Person).ToList(), r.CreatedAt, Person(r.CreatedBy))).ToList();
    }
}

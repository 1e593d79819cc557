using FluentValidation.Results;
using VariantMiner.Application.Samples;
using VariantMiner.Domain.Common;

namespace VariantMiner.Application.Subjects;

/// <summary>
/// Parents of a subject: both among the subjects the caller may see in the same workspace (an unseen one is "not found",
/// as everywhere), and never an ancestor loop — checked by walking up from the new parents.
/// </summary>
internal static class SubjectFamily
{
    /// <summary>Deeper than any real pedigree; the walk stops there rather than loop on bad data.</summary>
    private const int MaxGenerations = 64;

    public static async Task SetParentsAsync(IApplicationDbContext db, OrganizationAccess access, Guid userId, Subject subject,
        Guid? fatherId, Guid? motherId, CancellationToken cancellationToken)
    {
        var visible = SampleVisibility.VisibleSubjects(db.Subjects, db.Samples, access, userId, subject.WorkspaceId);
        var father = await FindAsync(visible, fatherId, "FatherId", "father", cancellationToken);
        var mother = await FindAsync(visible, motherId, "MotherId", "mother", cancellationToken);
        subject.SetParents(father, mother, await AncestorsAsync(db, [father, mother], cancellationToken));
    }

    private static async Task<Subject?> FindAsync(IQueryable<Subject> visible, Guid? id, string field, string role, CancellationToken cancellationToken)
    {
        if (id is not { } parentId) return null;
        return await visible.SingleOrDefaultAsync(s => s.Id == parentId, cancellationToken)
            ?? throw new ValidationException([new ValidationFailure(field, $"The {role} was not found among this workspace's subjects.")]);
    }

    /// <summary>The given parents and all their ancestors, trashed ones included (a loop through the trash is still a loop).</summary>
    private static async Task<IReadOnlySet<Guid>> AncestorsAsync(IApplicationDbContext db, IEnumerable<Subject?> parents, CancellationToken cancellationToken)
    {
        var seen = new HashSet<Guid>();
        var frontier = parents.OfType<Subject>().Select(p => p.Id).Where(seen.Add).ToList();
        for (var generation = 0; frontier.Count > 0 && generation < MaxGenerations; generation++)
        {
            var next = await db.Subjects.IgnoreQueryFilters([QueryFilters.Trash]).AsNoTracking()
                .Where(s => frontier.Contains(s.Id))
                .Select(s => new { s.FatherId, s.MotherId })
                .ToListAsync(cancellationToken);
            frontier = next.SelectMany(p => new[] { p.FatherId, p.MotherId }).OfType<Guid>().Where(seen.Add).ToList();
        }
        return seen;
    }

    /// <summary>A father recorded as female (or a mother as male) is refused: the trio filters read the parents by role.</summary>
    public static async Task EnsureSexFitsChildrenAsync(IApplicationDbContext db, Subject subject, CancellationToken cancellationToken)
    {
        if (subject.Sex == Sex.Female && await db.Subjects.AnyAsync(s => s.FatherId == subject.Id, cancellationToken))
            throw new DomainException($"{subject.ExternalId} is recorded as the father of a subject; remove that link before recording the sex as female.");
        if (subject.Sex == Sex.Male && await db.Subjects.AnyAsync(s => s.MotherId == subject.Id, cancellationToken))
            throw new DomainException($"{subject.ExternalId} is recorded as the mother of a subject; remove that link before recording the sex as male.");
    }

    public static readonly string[] AffectedNames = Enum.GetNames<Affection>();

    public static bool IsAffection(string? value) =>
        value is null || Enum.TryParse<Affection>(value, ignoreCase: true, out var a) && Enum.IsDefined(a) && !int.TryParse(value, out _);

    public static string AffectionMessage => $"Affected must be one of {string.Join(", ", AffectedNames)}.";
}

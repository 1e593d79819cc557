using Microsoft.Extensions.Options;
using VariantMiner.Application.Samples;

namespace VariantMiner.Application.Trash.Queries;

/// <param name="Kind">"sample" or "subject".</param>
/// <param name="Name">The sample's name or the subject's external id.</param>
/// <param name="PurgeAfter">When the purge job removes it for good; until then it can be restored.</param>
public sealed record TrashItemDto(string Kind, Guid Id, string Name, DateTimeOffset DeletedAt, PersonDto DeletedBy, DateTimeOffset PurgeAfter,
    IReadOnlyList<PersonDto> Assignees);

/// <summary>
/// The workspace's trash (samples.delete), newest deletion first: the trashed samples the caller may see (the same
/// visibility rule as the Analyses table) and the trashed subjects of those samples — every one with samples.view.all.
/// </summary>
[RequiresPermission(Permissions.SamplesDelete)]
public sealed record ListTrash(Guid OrganizationId, Guid WorkspaceId) : IQuery<IReadOnlyList<TrashItemDto>>, IWorkspaceRequest;

public sealed class ListTrashHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts,
    IOptions<TrashOptions> options) : IQueryHandler<ListTrash, IReadOnlyList<TrashItemDto>>
{
    /// <summary>A trash larger than this shows its newest entries; the purge job keeps it bounded in practice.</summary>
    public const int MaxItems = 500;

    public async ValueTask<IReadOnlyList<TrashItemDto>> Handle(ListTrash query, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var samples = await TrashedSamples(db, scope.Access, me, query.WorkspaceId).AsNoTracking()
            .OrderByDescending(s => s.DeletedAt).ThenBy(s => s.Id).Take(MaxItems).ToListAsync(cancellationToken);
        var subjects = await TrashedSubjects(db, scope.Access, me, query.WorkspaceId).AsNoTracking()
            .OrderByDescending(s => s.DeletedAt).ThenBy(s => s.Id).Take(MaxItems).ToListAsync(cancellationToken);

        var people = samples.SelectMany(s => s.Assignments.Select(a => a.UserId)).Concat(samples.Select(s => s.DeletedBy!.Value))
            .Concat(subjects.Select(s => s.DeletedBy!.Value)).Distinct();
        var names = await accounts.DisplayNamesAsync(people, cancellationToken);
        PersonDto Person(Guid id) => new(id, names.GetValueOrDefault(id, "Former user"));
        var retention = TimeSpan.FromDays(options.Value.RetentionDays);

        return samples.Select(s => new TrashItemDto("sample", s.Id, s.Name, s.DeletedAt!.Value, Person(s.DeletedBy!.Value), s.DeletedAt.Value + retention,
                s.Assignments.OrderBy(a => a.AssignedAt).Select(a => Person(a.UserId)).ToList()))
            .Concat(subjects.Select(s => new TrashItemDto("subject", s.Id, s.ExternalId, s.DeletedAt!.Value, Person(s.DeletedBy!.Value),
                s.DeletedAt.Value + retention, [])))
            .OrderByDescending(i => i.DeletedAt).Take(MaxItems).ToList();
    }

    /// <summary>Trashed samples of the workspace the caller may see.</summary>
    internal static IQueryable<Sample> TrashedSamples(IApplicationDbContext db, OrganizationAccess access, Guid userId, Guid workspaceId) =>
        SampleVisibility.VisibleSamples(db.Samples.IgnoreQueryFilters([QueryFilters.Trash]).Where(s => s.DeletedAt != null), access, userId, workspaceId);

    /// <summary>Trashed subjects of the workspace: all with samples.view.all, else those of a sample (live or trashed) the caller may see.</summary>
    internal static IQueryable<Subject> TrashedSubjects(IApplicationDbContext db, OrganizationAccess access, Guid userId, Guid workspaceId)
    {
        var trashed = db.Subjects.IgnoreQueryFilters([QueryFilters.Trash]).Where(s => s.WorkspaceId == workspaceId && s.DeletedAt != null);
        if (!access.CanEnter(workspaceId)) return trashed.Where(s => false);
        if (access.Has(Permissions.SamplesViewAll)) return trashed;
        var visible = SampleVisibility.VisibleSamples(db.Samples.IgnoreQueryFilters([QueryFilters.Trash]), access, userId, workspaceId);
        return trashed.Where(s => visible.Any(x => x.SubjectId == s.Id));
    }
}

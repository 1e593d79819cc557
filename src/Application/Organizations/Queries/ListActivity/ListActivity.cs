using System.Globalization;
using VariantMiner.Application.Common.Activity;
using VariantMiner.Application.Samples;

namespace VariantMiner.Application.Organizations.Queries.ListActivity;

/// <summary>
/// Recent activity I may see: the organization's, and that of the workspaces I can enter. Newest first; optionally only
/// one person's, one kind (what it is about) and a range of days (UTC, both ends included).
/// </summary>
public sealed record ListActivity(Guid OrganizationId, int? Limit = null, string? Cursor = null) : IQuery<Page<ActivityDto>>, IOrganizationRequest
{
    public Guid? ActorUserId { get; init; }
    /// <summary>One of <see cref="ListActivityValidator.Kinds"/>.</summary>
    public string? Kind { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
}

public sealed class ListActivityValidator : AbstractValidator<ListActivity>
{
    /// <summary>What an entry can be about (its target type).</summary>
    public static readonly string[] Kinds = ["organization", "workspace", "member", "role", "invitation", "sample", "subject", "assay"];

    public ListActivityValidator()
    {
        RuleFor(q => q.Kind).Must(k => k is null || Kinds.Contains(k)).WithMessage($"Choose a kind among: {string.Join(", ", Kinds)}.");
        RuleFor(q => q.To).Must((q, to) => q.From is null || to is null || q.From <= to).WithMessage("The end date must not be before the start date.");
    }
}

public sealed class ListActivityHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts)
    : IQueryHandler<ListActivity, Page<ActivityDto>>
{
    public async ValueTask<Page<ActivityDto>> Handle(ListActivity query, CancellationToken cancellationToken)
    {
        var limit = Paging.Clamp(query.Limit);
        var rows = VisibleTo(db, scope.Access, currentUser.UserId!.Value);
        if (query.ActorUserId is { } actor) rows = rows.Where(a => a.ActorUserId == actor);
        if (query.Kind is { } kind) rows = rows.Where(a => a.TargetType == kind);
        if (query.From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            rows = rows.Where(a => a.OccurredAt >= start);
        }
        if (query.To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            rows = rows.Where(a => a.OccurredAt < end);
        }
        if (query.Cursor is not null)
        {
            var (at, id) = DecodeCursor(query.Cursor);
            rows = rows.Where(a => a.OccurredAt < at || (a.OccurredAt == at && a.Id.CompareTo(id) < 0));
        }
        var page = await rows.OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = await ToDtosAsync(page.Take(limit).ToList(), accounts, cancellationToken);
        var next = page.Count > limit ? EncodeCursor(page[limit - 1]) : null;
        return new Page<ActivityDto>(items, next);
    }

    /// <summary>
    /// Activity of a workspace is shown only to those who can enter it. Once a workspace is deleted its history
    /// counts as the organization's, so it does not vanish from everyone's view. Activity about a sample or subject
    /// follows that sample's visibility (<see cref="SampleVisibility.VisibleActivity"/>).
    /// </summary>
    public static IQueryable<ActivityRecord> VisibleTo(IApplicationDbContext db, OrganizationAccess access, Guid userId)
    {
        var enterable = access.EnterableWorkspaceIds.ToList();
        var byWorkspace = db.Activities.AsNoTracking().Where(a => a.WorkspaceId == null || enterable.Contains(a.WorkspaceId.Value)
            || !db.Workspaces.Any(w => w.Id == a.WorkspaceId));
        return SampleVisibility.VisibleActivity(byWorkspace, db.Samples, db.Subjects, access, userId);
    }

    public static async Task<IReadOnlyList<ActivityDto>> ToDtosAsync(IReadOnlyList<ActivityRecord> records, IUserAccounts accounts, CancellationToken cancellationToken)
    {
        var names = await accounts.DisplayNamesAsync(records.Select(r => r.ActorUserId).Distinct(), cancellationToken);
        string Name(Guid actor) => actor == ActivityFeed.SystemActor ? ActivityFeed.SystemActorName : names.GetValueOrDefault(actor, "Former user");
        return records.Select(r => new ActivityDto(r.Id, r.OccurredAt, r.ActorUserId, Name(r.ActorUserId),
            r.Action, r.TargetType, r.TargetId, r.WorkspaceId, r.Summary)).ToList();
    }

    private static string EncodeCursor(ActivityRecord last) =>
        Cursor.Encode(last.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture), last.Id.ToString());

    private static (DateTimeOffset At, Guid Id) DecodeCursor(string cursor)
    {
        var parts = Cursor.Decode(cursor, 2);
        if (!long.TryParse(parts[0], CultureInfo.InvariantCulture, out var ticks) || ticks < 0 || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParse(parts[1], out var id))
            throw Cursor.Invalid();
        return (new DateTimeOffset(ticks, TimeSpan.Zero), id);
    }
}

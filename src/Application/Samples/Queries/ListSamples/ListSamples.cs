using System.Globalization;
using VariantMiner.Application.Assays;

namespace VariantMiner.Application.Samples.Queries.ListSamples;

/// <summary>
/// The analyses table: the samples of a workspace the caller may see (<see cref="SampleVisibility"/>), filtered by
/// assay, status, assignee (<c>me</c> or a user id) and text (sample name or subject external id), sorted newest
/// first (<c>created</c>, default) or by <c>name</c>, with keyset paging. The first page carries a bounded total.
/// </summary>
public sealed record ListSamples(Guid OrganizationId, Guid WorkspaceId) : IQuery<SamplePage>, IWorkspaceRequest
{
    public string? Assay { get; init; }
    public string? Status { get; init; }
    public string? AssignedTo { get; init; }
    public string? Search { get; init; }
    public string? Sort { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

/// <param name="Total">On the first page only: how many samples match, counted up to <see cref="ListSamplesHandler.TotalCap"/>.</param>
/// <param name="TotalCapped">True when there are more than <c>total</c> (show "1,000+").</param>
public sealed record SamplePage(IReadOnlyList<SampleDto> Items, string? NextCursor, int? Total, bool TotalCapped);

public sealed class ListSamplesValidator : AbstractValidator<ListSamples>
{
    public ListSamplesValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || Enum.TryParse<SampleStatus>(s, true, out var v) && Enum.IsDefined(v) && !int.TryParse(s, out _))
            .WithMessage($"Status must be one of {string.Join(", ", Enum.GetNames<SampleStatus>())}.");
        RuleFor(q => q.AssignedTo).Must(a => a is null || a.Equals("me", StringComparison.OrdinalIgnoreCase) || Guid.TryParse(a, out _))
            .WithMessage("assignedTo must be \"me\" or a user id.");
        RuleFor(q => q.Sort).Must(s => s is null || s is "created" or "name").WithMessage("sort must be \"created\" (newest first) or \"name\".");
        RuleFor(q => q.Search).MaximumLength(200);
    }
}

public sealed class ListSamplesHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts)
    : IQueryHandler<ListSamples, SamplePage>
{
    /// <summary>Counting stops here, so a page never counts a whole large table.</summary>
    public const int TotalCap = 1000;

    public async ValueTask<SamplePage> Handle(ListSamples query, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var limit = Paging.Clamp(query.Limit);
        var byName = query.Sort == "name";
        // Filters first (they apply to the sample), then visibility, which picks the query shape per case.
        var samples = db.Samples.AsNoTracking();

        if (query.Assay is not null)
        {
            var assay = await AssayCatalog.ResolveAsync(db, query.Assay, cancellationToken)
                ?? throw Invalid.Field("assay", $"\"{query.Assay}\" is not an assay of this organization.");
            samples = samples.Where(s => s.Assay == assay);
        }
        if (query.Status is not null)
        {
            var status = Enum.Parse<SampleStatus>(query.Status, ignoreCase: true);
            samples = samples.Where(s => s.Status == status);
        }
        if (query.AssignedTo is not null)
        {
            var assignee = query.AssignedTo.Equals("me", StringComparison.OrdinalIgnoreCase) ? me : Guid.Parse(query.AssignedTo);
            samples = samples.Where(s => s.Assignments.Any(a => a.UserId == assignee));
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLower();
            var subjects = db.Subjects.Where(su => su.WorkspaceId == query.WorkspaceId && su.ExternalId.ToLower().Contains(term)).Select(su => su.Id);
            samples = samples.Where(s => s.Name.ToLower().Contains(term) || (s.SubjectId != null && subjects.Contains(s.SubjectId.Value)));
        }

        var visible = SampleVisibility.VisibleSamplesNewestFirst(samples, db.SampleAssignments.AsNoTracking(), scope.Access, me, query.WorkspaceId);

        int? total = null;
        var capped = false;
        if (query.Cursor is null) // the total is shown once; cursor pages skip it
        {
            // Counted in the paging index's order: a capped count then reads that index in order and is well defined.
            var counted = await visible.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).Take(TotalCap + 1).CountAsync(cancellationToken);
            (total, capped) = counted > TotalCap ? (TotalCap, true) : (counted, false);
        }

        IQueryable<KeyedSample> ordered;
        if (byName)
        {
            if (query.Cursor is not null)
            {
                var parts = Common.Cursor.Decode(query.Cursor, 3);
                if (parts[0] != "n" || !Guid.TryParse(parts[2], out var id)) throw Common.Cursor.Invalid();
                var name = Common.Cursor.DecodeText(parts[1]);
                visible = visible.Where(k => string.Compare(k.Sample.Name, name) >= 0 && (string.Compare(k.Sample.Name, name) > 0 || k.Sample.Id.CompareTo(id) > 0));
            }
            ordered = visible.OrderBy(k => k.Sample.Name).ThenBy(k => k.Sample.Id);
        }
        else
        {
            if (query.Cursor is not null)
            {
                var parts = Common.Cursor.Decode(query.Cursor, 3);
                if (parts[0] != "c" || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                    || ticks > DateTimeOffset.MaxValue.UtcTicks || !Guid.TryParse(parts[2], out var id))
                    throw Common.Cursor.Invalid();
                var at = new DateTimeOffset(ticks, TimeSpan.Zero);
                // The key columns (not the sample's own) so the assigned-only shape pages on its index too.
                visible = visible.Where(k => k.CreatedAt <= at && (k.CreatedAt < at || k.Id.CompareTo(id) < 0));
            }
            ordered = visible.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id);
        }

        var page = await SampleRows.Project(ordered.Take(limit + 1).Select(k => k.Sample)).ToListAsync(cancellationToken);
        string? next = null;
        if (page.Count > limit)
        {
            var last = page[limit - 1];
            next = byName
                ? Common.Cursor.Encode("n", Common.Cursor.EncodeText(last.Name), last.Id.ToString())
                : Common.Cursor.Encode("c", last.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), last.Id.ToString());
            page.RemoveAt(limit);
        }
        var items = await SampleRows.LoadAsync(db, accounts, page, cancellationToken);
        return new SamplePage(items, next, total, capped);
    }
}

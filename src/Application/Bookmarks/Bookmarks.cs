using FluentValidation.Results;
using VariantMiner.Application.Analyses;
using VariantMiner.Application.Reports;
using VariantMiner.Application.Samples;
using VariantMiner.Domain.Bookmarks;

namespace VariantMiner.Application.Bookmarks;

/// <param name="Kind">sample, analysis, variant or report.</param>
/// <param name="TargetId">The sample, analysis or report; for a variant, its analysis.</param>
/// <param name="VariantId">A variant's number within its analysis.</param>
/// <param name="Link">The SPA path of what it points to.</param>
public sealed record BookmarkDto(Guid Id, string Kind, Guid WorkspaceId, Guid TargetId, int? VariantId, string Title, string Link, DateTimeOffset CreatedAt);

/// <summary>
/// My bookmarks in this organization, newest first: only those of what I may see now (a sample unassigned from me, a
/// run whose data I lost, a report of it — simply not listed; the bookmark comes back if the access does).
/// </summary>
public sealed record ListBookmarks(Guid OrganizationId, string? Kind) : IQuery<IReadOnlyList<BookmarkDto>>, IOrganizationRequest;

public sealed class ListBookmarksHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser)
    : IQueryHandler<ListBookmarks, IReadOnlyList<BookmarkDto>>
{
    public async ValueTask<IReadOnlyList<BookmarkDto>> Handle(ListBookmarks query, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var kind = query.Kind is null ? (BookmarkKind?)null : BookmarkKinds.Parse(query.Kind, "kind");
        var bookmarks = await db.Bookmarks.AsNoTracking().Where(b => b.UserId == me && (kind == null || b.Kind == kind))
            .OrderByDescending(b => b.CreatedAt).Take(Bookmark.MaxPerPerson).ToListAsync(cancellationToken);
        var shown = new List<BookmarkDto>();
        foreach (var workspace in bookmarks.GroupBy(b => b.WorkspaceId).Where(g => scope.Access.CanEnter(g.Key)))
        {
            var titles = await BookmarkTargets.TitlesAsync(db, scope.Access, me, workspace.Key, workspace.ToList(), cancellationToken);
            shown.AddRange(workspace.Where(b => titles.ContainsKey(b.Id)).Select(b => BookmarkTargets.ToDto(b, titles[b.Id])));
        }
        return shown.OrderByDescending(b => b.CreatedAt).ToList();
    }
}

/// <summary>Bookmarks something I may see (404 otherwise); bookmarking it again answers the bookmark I have.</summary>
public sealed record AddBookmark(string Kind, Guid WorkspaceId, Guid TargetId, int? VariantId) : ICommand<BookmarkDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class AddBookmarkHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<AddBookmark, BookmarkDto>
{
    public async ValueTask<BookmarkDto> Handle(AddBookmark command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var kind = BookmarkKinds.Parse(command.Kind, "kind");
        if ((kind == BookmarkKind.Variant) != command.VariantId.HasValue)
            throw new ValidationException([new ValidationFailure("variantId", "A variant is named by its analysis (targetId) and its number (variantId); nothing else has a variantId.")]);
        var existing = await db.Bookmarks.AsNoTracking().SingleOrDefaultAsync(b => b.UserId == me && b.Kind == kind && b.TargetId == command.TargetId
            && b.VariantId == command.VariantId, cancellationToken);
        var bookmark = existing ?? new Bookmark(command.OrganizationId, command.WorkspaceId, me, kind, command.TargetId, command.VariantId, clock.GetUtcNow());
        var titles = scope.Access.CanEnter(bookmark.WorkspaceId)
            ? await BookmarkTargets.TitlesAsync(db, scope.Access, me, bookmark.WorkspaceId, [bookmark], cancellationToken)
            : new Dictionary<Guid, string>();
        if (!titles.TryGetValue(bookmark.Id, out var title)) throw new NotFoundException($"The {command.Kind}");
        if (existing is null)
        {
            if (await db.Bookmarks.CountAsync(b => b.UserId == me, cancellationToken) >= Bookmark.MaxPerPerson)
                throw new ConflictException($"You have {Bookmark.MaxPerPerson} bookmarks in this organization: remove some first.");
            db.Bookmarks.Add(bookmark);
            await db.SaveChangesAsync(cancellationToken);
        }
        return BookmarkTargets.ToDto(bookmark, title);
    }
}

/// <summary>Removes one of my bookmarks (404 for anyone else's).</summary>
public sealed record RemoveBookmark(Guid OrganizationId, Guid BookmarkId) : ICommand, IOrganizationRequest;

public sealed class RemoveBookmarkHandler(IApplicationDbContext db, ICurrentUser currentUser) : ICommandHandler<RemoveBookmark>
{
    public async ValueTask<Unit> Handle(RemoveBookmark command, CancellationToken cancellationToken)
    {
        var bookmark = await db.Bookmarks.SingleOrDefaultAsync(b => b.Id == command.BookmarkId && b.UserId == currentUser.UserId!.Value, cancellationToken)
            ?? throw new NotFoundException("The bookmark");
        db.Bookmarks.Remove(bookmark);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class BookmarkKinds
{
    public static BookmarkKind Parse(string name, string field) => name switch
    {
        "sample" => BookmarkKind.Sample,
        "analysis" => BookmarkKind.Analysis,
        "variant" => BookmarkKind.Variant,
        "report" => BookmarkKind.Report,
        _ => throw new ValidationException([new ValidationFailure(field, $"{field} is sample, analysis, variant or report.")]),
    };

    public static string Name(BookmarkKind kind) => kind.ToString().ToLowerInvariant();
}

/// <summary>What bookmarks point to, as their owner may see it now: the visibility rules of the routes, one query per kind.</summary>
internal static class BookmarkTargets
{
    public static BookmarkDto ToDto(Bookmark b, string title)
    {
        var workspace = $"/orgs/{b.OrganizationId}/workspaces/{b.WorkspaceId}";
        var link = b.Kind switch
        {
            BookmarkKind.Sample => $"{workspace}/samples/{b.TargetId}",
            BookmarkKind.Analysis => $"{workspace}/analyses/{b.TargetId}",
            BookmarkKind.Variant => $"{workspace}/analyses/{b.TargetId}/variants/{b.VariantId}",
            _ => $"{workspace}/reports/{b.TargetId}",
        };
        return new BookmarkDto(b.Id, BookmarkKinds.Name(b.Kind), b.WorkspaceId, b.TargetId, b.VariantId, title, link, b.CreatedAt);
    }

    /// <summary>The title of each bookmark whose target I may see (the others are left out).</summary>
    public static async Task<Dictionary<Guid, string>> TitlesAsync(IApplicationDbContext db, OrganizationAccess access, Guid me, Guid workspaceId,
        IReadOnlyList<Bookmark> bookmarks, CancellationToken cancellationToken)
    {
        var titles = new Dictionary<Guid, string>();
        List<Guid> Targets(BookmarkKind kind) => bookmarks.Where(b => b.Kind == kind).Select(b => b.TargetId).Distinct().ToList();

        var sampleIds = Targets(BookmarkKind.Sample);
        var samples = sampleIds.Count == 0 ? [] : await SampleVisibility.VisibleSamples(db.Samples, access, me, workspaceId)
            .Where(s => sampleIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);

        var runIds = Targets(BookmarkKind.Analysis);
        var runs = runIds.Count == 0 ? new Dictionary<Guid, string>() : await AnalysisNames.OfManyAsync(db,
            await AnalysisVisibility.VisibleAnalyses(db, access, me, workspaceId).AsNoTracking().Include(a => a.Samples)
                .Where(a => runIds.Contains(a.Id)).ToListAsync(cancellationToken), cancellationToken);

        var variantRuns = Targets(BookmarkKind.Variant);
        var readable = variantRuns.Count == 0 ? [] : await AnalysisVisibility.WithReadableData(db, access, me, workspaceId)
            .Where(a => variantRuns.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
        var wanted = bookmarks.Where(b => b.Kind == BookmarkKind.Variant && readable.Contains(b.TargetId)).Select(b => (b.TargetId, b.VariantId!.Value)).ToHashSet();
        var ordinals = wanted.Select(w => w.Value).Distinct().ToList();
        var variants = new Dictionary<(Guid, int), string>();
        // One query for every bookmarked variant (analysis ids × numbers, then the exact pairs kept).
        foreach (var v in wanted.Count == 0 ? [] : await db.Variants.AsNoTracking().Where(v => readable.Contains(v.AnalysisId) && ordinals.Contains(v.Ordinal))
                     .Select(v => new { v.AnalysisId, v.Ordinal, v.Gene, v.Chrom, v.Position, v.Ref, v.Alt }).ToListAsync(cancellationToken))
            if (wanted.Contains((v.AnalysisId, v.Ordinal)))
                variants[(v.AnalysisId, v.Ordinal)] = $"{(v.Gene is null ? "" : v.Gene + " ")}{v.Chrom}:{v.Position} {v.Ref}>{v.Alt}";

        var reportIds = Targets(BookmarkKind.Report);
        var reports = reportIds.Count == 0 ? [] : await ReportAccess.Visible(db, access, me, workspaceId)
            .Where(r => reportIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Title, cancellationToken);

        foreach (var b in bookmarks)
        {
            var title = b.Kind switch
            {
                BookmarkKind.Sample => samples.GetValueOrDefault(b.TargetId),
                BookmarkKind.Analysis => runs.GetValueOrDefault(b.TargetId),
                BookmarkKind.Variant => variants.GetValueOrDefault((b.TargetId, b.VariantId!.Value)),
                _ => reports.GetValueOrDefault(b.TargetId),
            };
            if (title is not null) titles[b.Id] = title;
        }
        return titles;
    }
}

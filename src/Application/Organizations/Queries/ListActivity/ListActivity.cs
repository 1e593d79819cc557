using System.Globalization;
using System.Text;
using Mediator;
using Microsoft.EntityFrameworkCore;
using VariantMiner.Application.Common;
using VariantMiner.Application.Common.Exceptions;
using VariantMiner.Application.Common.Interfaces;
using VariantMiner.Application.Common.Requests;
using VariantMiner.Application.Common.Security;
using VariantMiner.Domain.Organizations;

namespace VariantMiner.Application.Organizations.Queries.ListActivity;

/// <summary>Recent activity I may see: the organization's, and that of the workspaces I can enter. Newest first.</summary>
public sealed record ListActivity(Guid OrganizationId, int? Limit = null, string? Cursor = null) : IQuery<Page<ActivityDto>>, IOrganizationRequest;

public sealed class ListActivityHandler(IApplicationDbContext db, IOrganizationContext scope, IUserAccounts accounts)
    : IQueryHandler<ListActivity, Page<ActivityDto>>
{
    public async ValueTask<Page<ActivityDto>> Handle(ListActivity query, CancellationToken cancellationToken)
    {
        var limit = Paging.Clamp(query.Limit);
        var rows = VisibleTo(db, scope.Access);
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
    /// counts as the organization's, so it does not vanish from everyone's view.
    /// </summary>
    public static IQueryable<ActivityRecord> VisibleTo(IApplicationDbContext db, OrganizationAccess access)
    {
        var enterable = access.EnterableWorkspaceIds.ToList();
        return db.Activities.AsNoTracking().Where(a => a.WorkspaceId == null || enterable.Contains(a.WorkspaceId.Value)
            || !db.Workspaces.Any(w => w.Id == a.WorkspaceId));
    }

    public static async Task<IReadOnlyList<ActivityDto>> ToDtosAsync(IReadOnlyList<ActivityRecord> records, IUserAccounts accounts, CancellationToken cancellationToken)
    {
        var names = await accounts.DisplayNamesAsync(records.Select(r => r.ActorUserId).Distinct(), cancellationToken);
        return records.Select(r => new ActivityDto(r.Id, r.OccurredAt, r.ActorUserId, names.GetValueOrDefault(r.ActorUserId, "Former user"),
            r.Action, r.TargetType, r.TargetId, r.WorkspaceId, r.Summary)).ToList();
    }

    private static string EncodeCursor(ActivityRecord last) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{last.OccurredAt.UtcTicks}:{last.Id}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (DateTimeOffset At, Guid Id) DecodeCursor(string cursor)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split(':');
            return (new DateTimeOffset(long.Parse(parts[0], CultureInfo.InvariantCulture), TimeSpan.Zero), Guid.Parse(parts[1]));
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentException)
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("cursor", "The cursor is not valid; start again without it.")]);
        }
    }
}

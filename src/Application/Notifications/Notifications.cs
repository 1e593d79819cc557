using FluentValidation.Results;
using VariantMiner.Domain.Notifications;

namespace VariantMiner.Application.Notifications;

public sealed record NotificationDto(Guid Id, string Event, string Title, string Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <param name="UnreadCount">Unread in this organization (what the bell shows).</param>
public sealed record NotificationListDto(int UnreadCount, IReadOnlyList<NotificationDto> Items);

/// <summary>My notifications in this organization, newest first (every member; others' are never listed).</summary>
public sealed record ListMyNotifications(Guid OrganizationId, bool UnreadOnly, int? Limit) : IQuery<NotificationListDto>, IOrganizationRequest;

public sealed class ListMyNotificationsHandler(IApplicationDbContext db, ICurrentUser currentUser) : IQueryHandler<ListMyNotifications, NotificationListDto>
{
    public async ValueTask<NotificationListDto> Handle(ListMyNotifications query, CancellationToken cancellationToken) =>
        await ReadAsync(db, currentUser.UserId!.Value, query.UnreadOnly, query.Limit, cancellationToken);

    internal static async Task<NotificationListDto> ReadAsync(IApplicationDbContext db, Guid me, bool unreadOnly, int? limit, CancellationToken cancellationToken)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == me);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var items = await mine.Where(n => !unreadOnly || n.ReadAt == null).OrderByDescending(n => n.CreatedAt)
            .Take(Math.Clamp(limit ?? 50, 1, 200))
            .Select(n => new NotificationDto(n.Id, n.Event, n.Title, n.Link, n.CreatedAt, n.ReadAt)).ToListAsync(cancellationToken);
        return new NotificationListDto(unread, items);
    }
}

/// <summary>Marks one of my notifications read (404 for anyone else's); or, without an id, all of them.</summary>
public sealed record MarkNotificationsRead : ICommand<NotificationListDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid? NotificationId { get; init; }
}

public sealed class MarkNotificationsReadHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<MarkNotificationsRead, NotificationListDto>
{
    public async ValueTask<NotificationListDto> Handle(MarkNotificationsRead command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var now = clock.GetUtcNow();
        if (command.NotificationId is { } id)
        {
            var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == id && n.UserId == me, cancellationToken)
                ?? throw new NotFoundException("The notification");
            notification.MarkRead(now);
        }
        else
        {
            // One statement, however many there are (the tenant filter keeps it to this organization).
            await db.Notifications.Where(n => n.UserId == me && n.ReadAt == null).ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAt, now), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        return await ListMyNotificationsHandler.ReadAsync(db, me, false, null, cancellationToken);
    }
}

/// <param name="Audience">involved or everyone (only the organization's default, and only for events that allow it).</param>
/// <param name="Involved">Who the people involved are for this event.</param>
public sealed record NotificationSettingDto(string Event, string Label, string Involved, bool MayReachEveryone, bool InApp, bool Email, string Audience);

public sealed record NotificationSettingInput(string Event, bool InApp, bool Email, string? Audience);

public sealed record SetNotificationSettingsBody(IReadOnlyList<NotificationSettingInput> Settings);

internal static class NotificationSettings
{
    /// <summary>Every event with its setting: for a person their own, else the organization's, else the event's default.</summary>
    public static async Task<IReadOnlyList<NotificationSettingDto>> ReadAsync(IApplicationDbContext db, Guid organizationId, Guid userId, CancellationToken cancellationToken)
    {
        var rows = await db.NotificationPreferences.AsNoTracking()
            .Where(p => p.OrganizationId == organizationId && (p.UserId == userId || p.UserId == Guid.Empty)).ToListAsync(cancellationToken);
        return NotificationEvents.All.Select(e =>
        {
            var organization = rows.SingleOrDefault(p => p.Event == e.Key && p.IsOrganizationDefault);
            var own = userId == Guid.Empty ? organization : rows.SingleOrDefault(p => p.Event == e.Key && p.UserId == userId);
            return new NotificationSettingDto(e.Key, e.Value.Label, e.Value.Involved, e.Value.MayReachEveryone,
                own?.InApp ?? organization?.InApp ?? e.Value.InApp, own?.Email ?? organization?.Email ?? e.Value.Email,
                (organization?.Audience ?? NotificationAudience.Involved).ToString().ToLowerInvariant());
        }).ToList();
    }

    /// <summary>Saves the settings given (all or nothing: an unknown event or a refused audience changes none).</summary>
    public static async Task WriteAsync(IApplicationDbContext db, Guid organizationId, Guid userId, IReadOnlyList<NotificationSettingInput> settings,
        CancellationToken cancellationToken)
    {
        var rows = await db.NotificationPreferences.Where(p => p.OrganizationId == organizationId && p.UserId == userId).ToListAsync(cancellationToken);
        for (var i = 0; i < settings.Count; i++)
        {
            var s = settings[i];
            var field = $"settings[{i}]";
            if (!NotificationEvents.All.ContainsKey(s.Event))
                throw new ValidationException([new ValidationFailure($"{field}.event", $"'{s.Event}' is not an event: {string.Join(", ", NotificationEvents.All.Keys)}.")]);
            var audience = s.Audience switch
            {
                null or "involved" => NotificationAudience.Involved,
                "everyone" => NotificationAudience.Everyone,
                _ => throw new ValidationException([new ValidationFailure($"{field}.audience", "audience is involved or everyone.")]),
            };
            var row = rows.SingleOrDefault(p => p.Event == s.Event);
            if (row is null) db.NotificationPreferences.Add(row = new NotificationPreference(organizationId, userId, s.Event));
            try
            {
                row.Set(s.InApp, s.Email, audience);
            }
            catch (Domain.Common.DomainException e)
            {
                throw new ValidationException([new ValidationFailure($"{field}.audience", e.Message)]);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>How each event reaches me in this organization (every member).</summary>
public sealed record GetMyNotificationSettings(Guid OrganizationId) : IQuery<IReadOnlyList<NotificationSettingDto>>, IOrganizationRequest;

public sealed class GetMyNotificationSettingsHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : IQueryHandler<GetMyNotificationSettings, IReadOnlyList<NotificationSettingDto>>
{
    public async ValueTask<IReadOnlyList<NotificationSettingDto>> Handle(GetMyNotificationSettings query, CancellationToken cancellationToken) =>
        await NotificationSettings.ReadAsync(db, query.OrganizationId, currentUser.UserId!.Value, cancellationToken);
}

/// <summary>Sets how events reach me here: in the app, by e-mail (my choice wins over the organization's default).</summary>
public sealed record SetMyNotificationSettings(IReadOnlyList<NotificationSettingInput> Settings) : ICommand<IReadOnlyList<NotificationSettingDto>>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class SetMyNotificationSettingsHandler(IApplicationDbContext db, ICurrentUser currentUser)
    : ICommandHandler<SetMyNotificationSettings, IReadOnlyList<NotificationSettingDto>>
{
    public async ValueTask<IReadOnlyList<NotificationSettingDto>> Handle(SetMyNotificationSettings command, CancellationToken cancellationToken)
    {
        if (command.Settings.Any(s => s.Audience is not (null or "involved")))
            throw new ValidationException([new ValidationFailure("audience", "Who is told is the organization's choice; set only in-app and e-mail.")]);
        await NotificationSettings.WriteAsync(db, command.OrganizationId, currentUser.UserId!.Value, command.Settings, cancellationToken);
        return await NotificationSettings.ReadAsync(db, command.OrganizationId, currentUser.UserId!.Value, cancellationToken);
    }
}

/// <summary>The organization's defaults: who is told of each event and how (organization.settings.manage).</summary>
[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record GetOrganizationNotificationSettings(Guid OrganizationId) : IQuery<IReadOnlyList<NotificationSettingDto>>, IOrganizationRequest;

public sealed class GetOrganizationNotificationSettingsHandler(IApplicationDbContext db)
    : IQueryHandler<GetOrganizationNotificationSettings, IReadOnlyList<NotificationSettingDto>>
{
    public async ValueTask<IReadOnlyList<NotificationSettingDto>> Handle(GetOrganizationNotificationSettings query, CancellationToken cancellationToken) =>
        await NotificationSettings.ReadAsync(db, query.OrganizationId, Guid.Empty, cancellationToken);
}

[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record SetOrganizationNotificationSettings(IReadOnlyList<NotificationSettingInput> Settings)
    : ICommand<IReadOnlyList<NotificationSettingDto>>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class SetOrganizationNotificationSettingsHandler(IApplicationDbContext db)
    : ICommandHandler<SetOrganizationNotificationSettings, IReadOnlyList<NotificationSettingDto>>
{
    public async ValueTask<IReadOnlyList<NotificationSettingDto>> Handle(SetOrganizationNotificationSettings command, CancellationToken cancellationToken)
    {
        await NotificationSettings.WriteAsync(db, command.OrganizationId, Guid.Empty, command.Settings, cancellationToken);
        return await NotificationSettings.ReadAsync(db, command.OrganizationId, Guid.Empty, cancellationToken);
    }
}

internal static class NotificationSettingRules
{
    public static void ForSettings<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IReadOnlyList<NotificationSettingInput>>> settings) =>
        validator.RuleFor(settings).NotEmpty().WithMessage("settings lists the events to set.")
            .Must(list => list.Select(s => s.Event).Distinct().Count() == list.Count).WithMessage("Name each event once.");
}

public sealed class SetMyNotificationSettingsValidator : AbstractValidator<SetMyNotificationSettings>
{
    public SetMyNotificationSettingsValidator() => this.ForSettings(c => c.Settings);
}

public sealed class SetOrganizationNotificationSettingsValidator : AbstractValidator<SetOrganizationNotificationSettings>
{
    public SetOrganizationNotificationSettingsValidator() => this.ForSettings(c => c.Settings);
}

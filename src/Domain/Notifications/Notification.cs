using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Notifications;

/// <summary>
/// Something a member is told about, in one organization (the bell shows the current organization's only): what happened,
/// a link to it, when, and whether they have read it.
/// </summary>
public sealed class Notification : Entity, ITenantOwned
{
    public const int TitleMaxLength = 300;
    public const int LinkMaxLength = 500;

    private Notification() { }

    public Notification(Guid organizationId, Guid userId, string @event, string title, string link, DateTimeOffset createdAt)
    {
        OrganizationId = organizationId;
        UserId = userId;
        Event = @event;
        Title = title.Length > TitleMaxLength ? title[..(TitleMaxLength - 1)] + "…" : title;
        Link = link;
        CreatedAt = createdAt;
    }

    public Guid OrganizationId { get; private init; }
    public Guid UserId { get; private init; }
    /// <summary>One of <see cref="NotificationEvents"/>.</summary>
    public string Event { get; private init; } = "";
    public string Title { get; private init; } = "";
    /// <summary>The SPA path of what it is about.</summary>
    public string Link { get; private init; } = "";
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset? ReadAt { get; private set; }

    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;
}

/// <summary>Who is told about an event: the people involved (who started it, to whom it is assigned…) or everyone who may see it.</summary>
public enum NotificationAudience
{
    Involved,
    Everyone,
}

/// <summary>
/// How an event reaches people: in the app, by e-mail. The organization's default for every member (<see cref="UserId"/>
/// empty, with the audience), or one member's own choice, which wins over the default.
/// </summary>
public sealed class NotificationPreference : ITenantOwned
{
    private NotificationPreference() { }

    public NotificationPreference(Guid organizationId, Guid userId, string @event)
    {
        if (!NotificationEvents.All.ContainsKey(@event)) throw new DomainException($"'{@event}' is not an event: {string.Join(", ", NotificationEvents.All.Keys)}.");
        OrganizationId = organizationId;
        UserId = userId;
        Event = @event;
    }

    public Guid OrganizationId { get; private init; }
    /// <summary>Guid.Empty: the organization's default.</summary>
    public Guid UserId { get; private init; }
    public string Event { get; private init; } = "";
    public bool InApp { get; private set; }
    public bool Email { get; private set; }
    /// <summary>Only on the organization's default.</summary>
    public NotificationAudience Audience { get; private set; }

    public bool IsOrganizationDefault => UserId == Guid.Empty;

    public void Set(bool inApp, bool email, NotificationAudience audience = NotificationAudience.Involved)
    {
        InApp = inApp;
        Email = email;
        if (audience == NotificationAudience.Everyone && !(IsOrganizationDefault && NotificationEvents.All[Event].MayReachEveryone))
            throw new DomainException($"'{Event}' reaches only the people involved ({NotificationEvents.All[Event].Involved}).");
        Audience = audience;
    }
}

/// <summary>What a member can be told about, with how it reaches them unless the organization or they choose otherwise.</summary>
public static class NotificationEvents
{
    public const string UploadFinished = "upload.finished";
    public const string AnalysisFinished = "analysis.finished";
    public const string AnalysisFailed = "analysis.failed";
    public const string SampleAssigned = "sample.assigned";
    public const string AnalysisAssigned = "analysis.assigned";
    public const string ReportAwaitingSignature = "report.awaiting-signature";
    public const string ReportSigned = "report.signed";
    public const string ReportNotDelivered = "report.not-delivered";
    public const string InvitationAccepted = "invitation.accepted";
    public const string QuotaThreshold = "quota.threshold";

    /// <param name="Involved">Who "the people involved" are for this event.</param>
    /// <param name="MayReachEveryone">Whether the organization may tell everyone who may see it (not only those involved).</param>
    public sealed record Definition(string Label, string Involved, bool InApp, bool Email, bool MayReachEveryone = false);

    public static readonly IReadOnlyDictionary<string, Definition> All = new Dictionary<string, Definition>
    {
        [UploadFinished] = new("An upload finished", "the person who uploaded", true, false, MayReachEveryone: true),
        [AnalysisFinished] = new("An analysis finished", "the person who launched it and the people it is assigned to", true, true, MayReachEveryone: true),
        [AnalysisFailed] = new("An analysis failed", "the person who launched it and the people it is assigned to", true, true, MayReachEveryone: true),
        [SampleAssigned] = new("A sample was assigned to you", "the people it is assigned to", true, true),
        [AnalysisAssigned] = new("An analysis was assigned to you", "the people it is assigned to", true, true),
        [ReportAwaitingSignature] = new("A report awaits your signature", "the people who may sign it", true, true),
        [ReportSigned] = new("A report was signed", "the person who drafted it", true, false, MayReachEveryone: true),
        [ReportNotDelivered] = new("A signed report did not reach the FHIR server", "the person who signed it and the people who manage the organization's settings",
            true, true),
        [InvitationAccepted] = new("An invitation was accepted", "the person who invited", true, false),
        [QuotaThreshold] = new("A quota reached 80, 95 or 100 %", "the people who manage billing", true, true),
    };
}

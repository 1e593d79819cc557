using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Organizations;

/// <summary>
/// Who did what, when, where — written in the same transaction as the change it describes. Append-only.
/// </summary>
public sealed class ActivityRecord : Entity, ITenantOwned
{
    public const int SummaryMaxLength = 500;

    private ActivityRecord() { }

    public ActivityRecord(Guid organizationId, Guid? workspaceId, Guid actorUserId, string action, string targetType, Guid? targetId,
        string summary, DateTimeOffset occurredAt)
    {
        OrganizationId = organizationId;
        WorkspaceId = workspaceId;
        ActorUserId = actorUserId;
        Action = action;
        TargetType = targetType;
        TargetId = targetId;
        Summary = summary.Length > SummaryMaxLength ? summary[..SummaryMaxLength] : summary;
        OccurredAt = occurredAt;
    }

    public Guid OrganizationId { get; private init; }
    public Guid? WorkspaceId { get; private init; }
    public Guid ActorUserId { get; private init; }
    /// <summary>Stable key such as <c>workspace.created</c>.</summary>
    public string Action { get; private init; } = "";
    public string TargetType { get; private init; } = "";
    public Guid? TargetId { get; private init; }
    public string Summary { get; private init; } = "";
    public DateTimeOffset OccurredAt { get; private init; }
}

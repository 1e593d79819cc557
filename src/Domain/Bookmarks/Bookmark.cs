using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Bookmarks;

public enum BookmarkKind
{
    Sample,
    Analysis,
    Variant,
    Report,
}

/// <summary>
/// Something a member keeps at hand in one organization: a sample, an analysis, a variant (of an analysis) or a report.
/// It points; it grants nothing — a bookmark of what its owner can no longer see is simply not listed.
/// </summary>
public sealed class Bookmark : Entity, ITenantOwned
{
    public const int MaxPerPerson = 500;

    private Bookmark() { }

    /// <param name="targetId">The sample, analysis or report; for a variant, its analysis.</param>
    /// <param name="variantId">A variant's number within its analysis.</param>
    public Bookmark(Guid organizationId, Guid workspaceId, Guid userId, BookmarkKind kind, Guid targetId, int? variantId, DateTimeOffset createdAt)
    {
        if ((kind == BookmarkKind.Variant) != variantId.HasValue) throw new DomainException("A variant's bookmark names its analysis and its variant; no other does.");
        OrganizationId = organizationId;
        WorkspaceId = workspaceId;
        UserId = userId;
        Kind = kind;
        TargetId = targetId;
        VariantId = variantId;
        CreatedAt = createdAt;
    }

    public Guid OrganizationId { get; private init; }
    public Guid WorkspaceId { get; private init; }
    public Guid UserId { get; private init; }
    public BookmarkKind Kind { get; private init; }
    public Guid TargetId { get; private init; }
    public int? VariantId { get; private init; }
    public DateTimeOffset CreatedAt { get; private init; }
}

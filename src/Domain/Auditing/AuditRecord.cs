using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Auditing;

/// <summary>
/// One row of an organization's audit trail: who did what to which record, when, where, with the changed fields.
/// Rows are append-only (the database refuses UPDATE and DELETE) and chained: each carries the hash of the previous
/// row of its organization, so a changed, removed or inserted row breaks the chain (<see cref="Hash"/>).
/// </summary>
public sealed class AuditRecord : Entity, ITenantOwned
{
    public const string Created = "create", Updated = "update", Deleted = "delete", Read = "read";

    private AuditRecord() { }

    public AuditRecord(Guid organizationId, Guid? workspaceId, string entityType, string entityId, string action, string changes,
        Guid? actorUserId, DateTimeOffset occurredAt, string? requestId)
    {
        OrganizationId = organizationId;
        WorkspaceId = workspaceId;
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        Changes = changes;
        ActorUserId = actorUserId;
        // Microseconds: what PostgreSQL keeps, so the hash computed now equals the one recomputed from the stored row.
        var utc = occurredAt.UtcTicks;
        OccurredAt = new DateTimeOffset(utc - utc % 10, TimeSpan.Zero);
        RequestId = requestId;
    }

    public Guid OrganizationId { get; private init; }
    /// <summary>Position in the organization's chain: 1, 2, 3, … without gaps.</summary>
    public long Sequence { get; private set; }
    public Guid? WorkspaceId { get; private init; }
    public string EntityType { get; private init; } = "";
    public string EntityId { get; private init; } = "";
    public string Action { get; private init; } = "";
    /// <summary>JSON object: field → [old, new] (null where there is none). Secrets and token hashes are never included.</summary>
    public string Changes { get; private init; } = "{}";
    /// <summary>Null when the system acted (start-up upgrades, scheduled jobs).</summary>
    public Guid? ActorUserId { get; private init; }
    public DateTimeOffset OccurredAt { get; private init; }
    public string? RequestId { get; private init; }
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";

    /// <summary>Places the row after <paramref name="previousHash"/> at <paramref name="sequence"/> and seals it.</summary>
    public void Chain(long sequence, string previousHash)
    {
        Sequence = sequence;
        PreviousHash = previousHash;
        Hash = ComputeHash();
    }

    /// <summary>SHA-256 (hex) of the previous row's hash and every field of this row.</summary>
    public string ComputeHash()
    {
        var text = string.Join('\u001f',
            PreviousHash, Id.ToString(), OrganizationId.ToString(), Sequence.ToString(CultureInfo.InvariantCulture), WorkspaceId?.ToString() ?? "",
            EntityType, EntityId, Action, Changes, ActorUserId?.ToString() ?? "",
            OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture), RequestId ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

/// <summary>Marks a property whose value never goes into the audit trail (secrets, token hashes).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotAuditedAttribute : Attribute;

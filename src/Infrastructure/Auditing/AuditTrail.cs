using System.Text.Json;
using VariantMiner.Domain.Auditing;

namespace VariantMiner.Infrastructure.Auditing;

/// <summary>Entries named explicitly (<see cref="IAuditTrail"/>), kept until the next save chains them with the rest.</summary>
internal sealed class AuditTrail(ICurrentUser currentUser, TimeProvider clock) : IAuditTrail
{
    private readonly List<AuditRecord> _pending = [];

    public void Record(Guid organizationId, Guid? workspaceId, string entityType, Guid entityId, string action,
        IReadOnlyDictionary<string, object?>? details = null) =>
        _pending.Add(new AuditRecord(organizationId, workspaceId, entityType, entityId.ToString(), action,
            JsonSerializer.Serialize(details ?? new Dictionary<string, object?>()), currentUser.UserId, clock.GetUtcNow(), RequestId));

    public static string? RequestId => System.Diagnostics.Activity.Current?.TraceId.ToString();

    internal Guid? ActorUserId => currentUser.UserId;

    internal IReadOnlyList<AuditRecord> TakePending()
    {
        var taken = _pending.ToList();
        _pending.Clear();
        return taken;
    }
}

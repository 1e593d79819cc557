using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using VariantMiner.Domain.Auditing;
using VariantMiner.Domain.Common;

namespace VariantMiner.Infrastructure.Auditing;

/// <summary>
/// Writes the audit trail: every insert, update and delete of an organization's records (and of the organization
/// itself) becomes an <see cref="AuditRecord"/> with the changed fields, saved by the same SaveChanges, so in the same
/// transaction. Rows are chained per organization under a lock on the chain's head (a row lock on PostgreSQL, the
/// write lock on SQLite) held until the transaction ends; commands always run in one (TransactionBehavior).
/// Not seen here: bulk ExecuteUpdate/ExecuteDelete and database cascades — handlers that use them name the change
/// through <see cref="Application.Common.Interfaces.IAuditTrail"/>.
/// </summary>
internal sealed class AuditInterceptor(AuditTrail trail, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AppDbContext db) await AppendAsync(db, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db) AppendAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    private async Task AppendAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var now = clock.GetUtcNow();
        var records = trail.TakePending().ToList();
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;
            if (entry.Entity is AuditRecord or AuditHead or ActivityRecord) continue; // the activity feed is itself a log
            if (OrganizationOf(db, entry) is not { } organizationId) continue;
            var changes = Changes(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0) continue;
            var action = entry.State switch { EntityState.Added => AuditRecord.Created, EntityState.Deleted => AuditRecord.Deleted, _ => AuditRecord.Updated };
            records.Add(new AuditRecord(organizationId, WorkspaceOf(entry), entry.Metadata.ClrType.Name, KeyOf(entry), action,
                JsonSerializer.Serialize(changes, Json), trail.ActorUserId, now, AuditTrail.RequestId));
        }

        foreach (var chain in records.GroupBy(r => r.OrganizationId))
        {
            var organizationId = chain.Key;
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "AuditHeads" ("OrganizationId", "Sequence", "Hash") VALUES ({organizationId}, 0, '') ON CONFLICT ("OrganizationId") DO NOTHING""",
                cancellationToken);
            // Takes the lock before reading the head, so two transactions never chain onto the same row.
            await db.Database.ExecuteSqlAsync($"""UPDATE "AuditHeads" SET "Sequence" = "Sequence" WHERE "OrganizationId" = {organizationId}""", cancellationToken);
            var head = await db.Set<AuditHead>().AsNoTracking().SingleAsync(h => h.OrganizationId == organizationId, cancellationToken);
            var (sequence, hash) = (head.Sequence, head.Hash);
            foreach (var record in chain)
            {
                record.Chain(++sequence, hash);
                hash = record.Hash;
            }
            await db.Database.ExecuteSqlAsync(
                $"""UPDATE "AuditHeads" SET "Sequence" = {sequence}, "Hash" = {hash} WHERE "OrganizationId" = {organizationId}""", cancellationToken);
            db.AuditRecords.AddRange(chain);
        }
    }

    /// <summary>The organization a row belongs to: its own id for an organization, its OrganizationId, else its owner's.</summary>
    private static Guid? OrganizationOf(AppDbContext db, EntityEntry entry) => entry.Entity switch
    {
        Organization organization => organization.Id,
        ITenantOwned owned => owned.OrganizationId,
        _ => Owner(db, entry) is { } owner ? OrganizationOf(db, owner) : null,
    };

    /// <summary>A child row without its own OrganizationId (a role's permission): the tracked row its foreign key points to.</summary>
    private static EntityEntry? Owner(AppDbContext db, EntityEntry entry)
    {
        foreach (var foreignKey in entry.Metadata.GetForeignKeys())
        {
            var values = foreignKey.Properties.Select(p => Value(entry.Property(p.Name))).ToList();
            var owner = db.ChangeTracker.Entries().FirstOrDefault(e => e.Metadata == foreignKey.PrincipalEntityType
                && foreignKey.PrincipalKey.Properties.Select(p => Value(e.Property(p.Name))).SequenceEqual(values));
            if (owner is not null) return owner;
        }
        return null;
    }

    private static object? Value(PropertyEntry property) =>
        property.EntityEntry.State == EntityState.Deleted ? property.OriginalValue : property.CurrentValue;

    private static Guid? WorkspaceOf(EntityEntry entry) => entry.Entity switch
    {
        Workspace workspace => workspace.Id,
        _ => entry.Metadata.FindProperty("WorkspaceId") is { } property ? Value(entry.Property(property.Name)) as Guid? : null,
    };

    private static string KeyOf(EntityEntry entry) =>
        string.Join("|", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Value(entry.Property(p.Name))?.ToString()));

    /// <summary>Field → [old, new]: every field of an inserted or deleted row, the changed ones of an updated row.</summary>
    private static SortedDictionary<string, object?[]> Changes(EntityEntry entry)
    {
        var changes = new SortedDictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var member = property.Metadata.PropertyInfo;
            if (member is null || member.GetCustomAttribute<NotAuditedAttribute>() is not null) continue; // shadow columns, secrets
            switch (entry.State)
            {
                case EntityState.Added: changes[property.Metadata.Name] = [null, property.CurrentValue]; break;
                case EntityState.Deleted: changes[property.Metadata.Name] = [property.OriginalValue, null]; break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes[property.Metadata.Name] = [property.OriginalValue, property.CurrentValue];
                    break;
            }
        }
        return changes;
    }
}

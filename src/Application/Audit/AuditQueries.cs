using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using VariantMiner.Domain.Auditing;

namespace VariantMiner.Application.Audit;

/// <param name="Changes">Field → [old, new].</param>
public sealed record AuditRecordDto(
    Guid Id, long Sequence, DateTimeOffset OccurredAt, Guid? ActorUserId, string ActorName, string EntityType, string EntityId,
    Guid? WorkspaceId, string Action, JsonElement Changes, string? RequestId, string Hash);

/// <summary>The filters shared by the audit list and the export.</summary>
public sealed record AuditFilter(DateTimeOffset? From = null, DateTimeOffset? To = null, Guid? ActorUserId = null, string? EntityType = null,
    string? Action = null)
{
    internal IQueryable<AuditRecord> Apply(IQueryable<AuditRecord> rows)
    {
        if (From is { } from) rows = rows.Where(r => r.OccurredAt >= from);
        if (To is { } to) rows = rows.Where(r => r.OccurredAt < to);
        if (ActorUserId is { } actor) rows = rows.Where(r => r.ActorUserId == actor);
        if (!string.IsNullOrWhiteSpace(EntityType)) rows = rows.Where(r => r.EntityType == EntityType);
        if (!string.IsNullOrWhiteSpace(Action)) rows = rows.Where(r => r.Action == Action);
        return rows;
    }
}

internal static class AuditRows
{
    public static async Task<IReadOnlyDictionary<Guid, string>> ActorNamesAsync(IUserAccounts accounts, IEnumerable<AuditRecord> rows,
        CancellationToken cancellationToken) =>
        await accounts.DisplayNamesAsync(rows.Where(r => r.ActorUserId is not null).Select(r => r.ActorUserId!.Value), cancellationToken);

    public static AuditRecordDto ToDto(AuditRecord r, IReadOnlyDictionary<Guid, string> names) =>
        new(r.Id, r.Sequence, r.OccurredAt, r.ActorUserId,
            r.ActorUserId is { } id ? names.GetValueOrDefault(id, "Former user") : "System",
            r.EntityType, r.EntityId, r.WorkspaceId, r.Action, JsonDocument.Parse(r.Changes).RootElement.Clone(), r.RequestId, r.Hash);
}

/// <summary>The organization's audit trail, newest first, filtered, keyset-paged.</summary>
[RequiresPermission(Permissions.OrganizationAuditView)]
public sealed record ListAudit(Guid OrganizationId, AuditFilter Filter, int? Limit = null, string? Cursor = null)
    : IQuery<Page<AuditRecordDto>>, IOrganizationRequest;

public sealed class ListAuditValidator : AbstractValidator<ListAudit>
{
    public ListAuditValidator()
    {
        RuleFor(q => q.Filter.EntityType).MaximumLength(100);
        RuleFor(q => q.Filter.Action).Must(a => a is null or AuditRecord.Created or AuditRecord.Updated or AuditRecord.Deleted or AuditRecord.Read)
            .WithMessage($"The action is one of {AuditRecord.Created}, {AuditRecord.Updated}, {AuditRecord.Deleted}, {AuditRecord.Read}.");
    }
}

public sealed class ListAuditHandler(IApplicationDbContext db, IUserAccounts accounts) : IQueryHandler<ListAudit, Page<AuditRecordDto>>
{
    public async ValueTask<Page<AuditRecordDto>> Handle(ListAudit query, CancellationToken cancellationToken)
    {
        var limit = Paging.Clamp(query.Limit);
        var rows = query.Filter.Apply(db.AuditRecords.AsNoTracking());
        if (query.Cursor is not null)
        {
            if (!long.TryParse(Cursor.Decode(query.Cursor, 1)[0], CultureInfo.InvariantCulture, out var before)) throw Cursor.Invalid();
            rows = rows.Where(r => r.Sequence < before);
        }
        var page = await rows.OrderByDescending(r => r.Sequence).Take(limit + 1).ToListAsync(cancellationToken);
        var names = await AuditRows.ActorNamesAsync(accounts, page, cancellationToken);
        var next = page.Count > limit ? Cursor.Encode(page[limit - 1].Sequence.ToString(CultureInfo.InvariantCulture)) : null;
        return new Page<AuditRecordDto>(page.Take(limit).Select(r => AuditRows.ToDto(r, names)).ToList(), next);
    }
}

/// <summary>
/// The whole filtered trail, oldest first, as CSV lines (the header first), read from the database while they are
/// written to the client: memory does not grow with the trail.
/// </summary>
[RequiresPermission(Permissions.OrganizationAuditView)]
public sealed record ExportAudit(Guid OrganizationId, AuditFilter Filter) : IQuery<IAsyncEnumerable<string>>, IOrganizationRequest;

public sealed class ExportAuditHandler(IApplicationDbContext db, IUserAccounts accounts) : IQueryHandler<ExportAudit, IAsyncEnumerable<string>>
{
    public const string Header = "sequence,occurred_at_utc,actor_user_id,actor_name,action,entity_type,entity_id,workspace_id,changes,request_id,hash";

    public ValueTask<IAsyncEnumerable<string>> Handle(ExportAudit query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Lines(query.Filter, cancellationToken));

    private async IAsyncEnumerable<string> Lines(AuditFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return Header;
        var actors = await filter.Apply(db.AuditRecords.AsNoTracking()).Where(r => r.ActorUserId != null).Select(r => r.ActorUserId!.Value)
            .Distinct().ToListAsync(cancellationToken);
        var names = await accounts.DisplayNamesAsync(actors, cancellationToken);
        await foreach (var r in filter.Apply(db.AuditRecords.AsNoTracking()).OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var dto = AuditRows.ToDto(r, names);
            yield return string.Join(',', dto.Sequence.ToString(CultureInfo.InvariantCulture), dto.OccurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                dto.ActorUserId?.ToString() ?? "", CsvCell.Of(dto.ActorName), dto.Action, CsvCell.Of(dto.EntityType), CsvCell.Of(dto.EntityId), dto.WorkspaceId?.ToString() ?? "",
                CsvCell.Of(r.Changes), CsvCell.Of(dto.RequestId ?? ""), dto.Hash);
        }
    }
}

public sealed record AuditVerificationDto(bool Intact, long RowCount, long? FirstBrokenSequence, Guid? FirstBrokenId, string? Problem);

/// <summary>Recomputes the organization's chain from its first row and names the first row that does not fit.</summary>
[RequiresPermission(Permissions.OrganizationAuditView)]
public sealed record VerifyAudit(Guid OrganizationId) : IQuery<AuditVerificationDto>, IOrganizationRequest;

public sealed class VerifyAuditHandler(IApplicationDbContext db, IAuditChainHead heads) : IQueryHandler<VerifyAudit, AuditVerificationDto>
{
    public async ValueTask<AuditVerificationDto> Handle(VerifyAudit query, CancellationToken cancellationToken)
    {
        var head = await heads.ReadAsync(query.OrganizationId, cancellationToken) ?? (0, "");
        long expected = 0;
        var previous = "";
        await foreach (var row in db.AuditRecords.AsNoTracking().OrderBy(r => r.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            expected++;
            var problem = row.Sequence != expected ? $"expected row {expected} here; a row is missing or was inserted"
                : row.PreviousHash != previous ? "it does not follow the row before it (inserted out of chain)"
                : row.Hash != row.ComputeHash() ? "its content does not match its hash (changed after it was written)"
                : row.Sequence > head.Sequence ? "it lies beyond the recorded end of the chain (not written by the application)"
                : null;
            if (problem is not null) return new AuditVerificationDto(false, expected - 1, row.Sequence, row.Id, $"Row {row.Sequence}: {problem}.");
            previous = row.Hash;
        }
        if (head.Sequence != expected || head.Hash != previous)
            return new AuditVerificationDto(false, expected, expected + 1, null,
                $"The chain ends at row {expected}, but its recorded end is row {head.Sequence}: rows are missing from the end.");
        return new AuditVerificationDto(true, expected, null, null, null);
    }
}

/// <summary>The recorded end of an organization's audit chain (sequence and hash), null before its first row.</summary>
public interface IAuditChainHead
{
    Task<(long Sequence, string Hash)?> ReadAsync(Guid organizationId, CancellationToken cancellationToken);
}

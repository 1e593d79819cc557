using System.Globalization;
using VariantMiner.Application.Common;
using VariantMiner.Application.Members;
using VariantMiner.Application.Organizations;
using VariantMiner.Domain.Authorization;

namespace VariantMiner.Infrastructure.Persistence;

/// <summary>
/// The User Management table: memberships of the scoped organization (tenant filter) joined with their accounts.
/// Keyset paging on (display name, user id) or (last login desc, user id); the count is of one organization's
/// members only, so it stays cheap even for thousands.
/// </summary>
internal sealed class MemberDirectory(AppDbContext db) : IMemberDirectory
{
    public async Task<MemberPage> ListAsync(Guid organizationId, string? search, Guid? roleId, MemberSort sort, int limit, string? cursor,
        CancellationToken cancellationToken)
    {
        var rows =
            from m in db.Memberships.AsNoTracking()
            join u in db.Users.AsNoTracking() on m.UserId equals u.Id
            join r in db.Roles.AsNoTracking() on m.RoleId equals r.Id
            where m.OrganizationId == organizationId
            select new Row
            {
                MembershipId = m.Id,
                UserId = m.UserId,
                DisplayName = u.DisplayName,
                Email = u.Email!,
                NormalizedEmail = u.NormalizedEmail!,
                Position = m.Position,
                RoleId = r.Id,
                RoleName = r.Name,
                LastLoginAt = m.LastLoginAt,
            };

        if (roleId is { } role) rows = rows.Where(x => x.RoleId == role);
        if (search is not null)
        {
            // Case-insensitive partial match on name or e-mail; LIKE wildcards in the input are taken literally.
            var pattern = "%" + search.ToUpperInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            rows = rows.Where(x => EF.Functions.Like(x.DisplayName.ToUpper(), pattern, "\\") || EF.Functions.Like(x.NormalizedEmail, pattern, "\\"));
        }
        var total = await rows.CountAsync(cancellationToken);

        var page = sort == MemberSort.LastLogin ? ByLastLogin(rows, cursor) : ByName(rows, cursor);
        var items = await page.Take(limit + 1).ToListAsync(cancellationToken);
        var more = items.Count > limit;
        items = items.Take(limit).ToList();

        var membershipIds = items.Select(i => i.MembershipId).ToList();
        var grants = (await db.Memberships.AsNoTracking().Where(m => membershipIds.Contains(m.Id))
                .SelectMany(m => m.WorkspaceGrants, (m, g) => new { m.Id, g.WorkspaceId }).ToListAsync(cancellationToken))
            .ToLookup(g => g.Id, g => g.WorkspaceId);

        var dtos = items.Select(i => new MemberDto(i.UserId, i.DisplayName, i.Email, i.Position, new OrganizationRoleDto(i.RoleId, i.RoleName),
            i.LastLoginAt, grants[i.MembershipId].ToList())).ToList();
        var next = more ? Encode(sort, items[^1]) : null;
        return new MemberPage(dtos, next, total);
    }

    public async Task<IReadOnlyList<AssignableMemberDto>> AssignableAsync(Guid workspaceId, CancellationToken cancellationToken) =>
        await (from m in db.Memberships.AsNoTracking()
               join u in db.Users.AsNoTracking() on m.UserId equals u.Id
               join r in db.Roles.AsNoTracking() on m.RoleId equals r.Id
               where r.BuiltIn == BuiltInRole.Supervisor || m.WorkspaceGrants.Any(g => g.WorkspaceId == workspaceId)
               orderby u.DisplayName, u.Id
               select new AssignableMemberDto(u.Id, u.DisplayName, u.Email!))
            .ToListAsync(cancellationToken);

    private static IQueryable<Row> ByName(IQueryable<Row> rows, string? cursor)
    {
        if (cursor is not null)
        {
            var (name, _, userId) = Decode(cursor, MemberSort.Name);
            rows = rows.Where(x => x.DisplayName.CompareTo(name) > 0 || (x.DisplayName == name && x.UserId.CompareTo(userId) > 0));
        }
        return rows.OrderBy(x => x.DisplayName).ThenBy(x => x.UserId);
    }

    /// <summary>Most recent first; people who never signed in come last.</summary>
    private static IQueryable<Row> ByLastLogin(IQueryable<Row> rows, string? cursor)
    {
        if (cursor is not null)
        {
            var (_, at, userId) = Decode(cursor, MemberSort.LastLogin);
            rows = at is { } t
                ? rows.Where(x => x.LastLoginAt < t || (x.LastLoginAt == t && x.UserId.CompareTo(userId) > 0) || x.LastLoginAt == null)
                : rows.Where(x => x.LastLoginAt == null && x.UserId.CompareTo(userId) > 0);
        }
        return rows.OrderBy(x => x.LastLoginAt == null).ThenByDescending(x => x.LastLoginAt).ThenBy(x => x.UserId);
    }

    private static string Encode(MemberSort sort, Row last) => Cursor.Encode(
        ((int)sort).ToString(CultureInfo.InvariantCulture),
        last.UserId.ToString(),
        sort == MemberSort.LastLogin ? last.LastLoginAt?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "" : Cursor.EncodeText(last.DisplayName));

    /// <summary>A cursor is only valid for the sort order that made it.</summary>
    private static (string Name, DateTimeOffset? At, Guid UserId) Decode(string cursor, MemberSort sort)
    {
        var parts = Cursor.Decode(cursor, 3);
        if (parts[0] != ((int)sort).ToString(CultureInfo.InvariantCulture) || !Guid.TryParse(parts[1], out var userId)) throw Cursor.Invalid();
        if (sort != MemberSort.LastLogin) return (Cursor.DecodeText(parts[2]), null, userId);
        if (parts[2].Length == 0) return ("", null, userId);
        if (!long.TryParse(parts[2], CultureInfo.InvariantCulture, out var ticks) || ticks < 0 || ticks > DateTimeOffset.MaxValue.UtcTicks) throw Cursor.Invalid();
        return ("", new DateTimeOffset(ticks, TimeSpan.Zero), userId);
    }

    /// <summary>A class with init properties (not a positional record), so EF can translate filters on it.</summary>
    private sealed class Row
    {
        public Guid MembershipId { get; init; }
        public Guid UserId { get; init; }
        public string DisplayName { get; init; } = "";
        public string Email { get; init; } = "";
        public string NormalizedEmail { get; init; } = "";
        public string? Position { get; init; }
        public Guid RoleId { get; init; }
        public string RoleName { get; init; } = "";
        public DateTimeOffset? LastLoginAt { get; init; }
    }
}

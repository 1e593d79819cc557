using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using VariantMiner.Application.Common.Exceptions;
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
                MembershipId = m.Id, UserId = m.UserId, DisplayName = u.DisplayName, Email = u.Email!, NormalizedEmail = u.NormalizedEmail!,
                Position = m.Position, RoleId = r.Id, RoleName = r.Name, LastLoginAt = m.LastLoginAt,
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

    private static string Encode(MemberSort sort, Row last)
    {
        var key = sort == MemberSort.LastLogin ? last.LastLoginAt?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "" : last.DisplayName;
        var text = $"{(int)sort}\n{last.UserId}\n{key}";
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static (string Name, DateTimeOffset? At, Guid UserId) Decode(string cursor, MemberSort sort)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split('\n', 3);
            if (int.Parse(parts[0], CultureInfo.InvariantCulture) != (int)sort) throw new FormatException();
            var userId = Guid.Parse(parts[1]);
            return sort == MemberSort.LastLogin
                ? ("", parts[2].Length == 0 ? null : new DateTimeOffset(long.Parse(parts[2], CultureInfo.InvariantCulture), TimeSpan.Zero), userId)
                : (parts[2], null, userId);
        }
        catch (Exception e) when (e is FormatException or IndexOutOfRangeException or ArgumentException or OverflowException)
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("cursor",
                "The cursor is not valid for this list and sort order; start again without it.")]);
        }
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

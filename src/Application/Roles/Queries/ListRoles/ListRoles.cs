namespace VariantMiner.Application.Roles.Queries.ListRoles;

/// <summary>The organization's roles with their permissions and member counts (built-in first, then custom by name).</summary>
public sealed record ListRoles(Guid OrganizationId) : IQuery<IReadOnlyList<RoleDto>>, IOrganizationRequest;

public sealed record GetRole(Guid OrganizationId, Guid RoleId) : IQuery<RoleDto>, IOrganizationRequest;

public sealed class ListRolesHandler(IApplicationDbContext db) : IQueryHandler<ListRoles, IReadOnlyList<RoleDto>>, IQueryHandler<GetRole, RoleDto>
{
    public async ValueTask<IReadOnlyList<RoleDto>> Handle(ListRoles query, CancellationToken cancellationToken) =>
        await LoadAsync(db, null, cancellationToken);

    public async ValueTask<RoleDto> Handle(GetRole query, CancellationToken cancellationToken) =>
        (await LoadAsync(db, query.RoleId, cancellationToken)).SingleOrDefault() ?? throw new NotFoundException("The role");

    private static async Task<IReadOnlyList<RoleDto>> LoadAsync(IApplicationDbContext db, Guid? roleId, CancellationToken cancellationToken)
    {
        var roles = await db.Roles.AsNoTracking().Where(r => roleId == null || r.Id == roleId).ToListAsync(cancellationToken);
        var counts = await db.Memberships.GroupBy(m => m.RoleId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return roles
            .OrderBy(r => r.BuiltIn is null).ThenBy(r => r.BuiltIn).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .Select(r => RoleDto.From(r, counts.GetValueOrDefault(r.Id)))
            .ToList();
    }
}

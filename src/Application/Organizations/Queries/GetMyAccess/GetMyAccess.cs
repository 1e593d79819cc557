namespace VariantMiner.Application.Organizations.Queries.GetMyAccess;

/// <param name="BuiltInKey">Which built-in role (Supervisor, GroupAdmin, …); null for a custom role. Recognise roles by it, not by name.</param>
public sealed record RoleRefDto(Guid Id, string Name, string? BuiltInKey);
public sealed record WorkspaceAccessDto(Guid Id, string Name, IReadOnlyList<string> Permissions);
public sealed record MyAccessDto(RoleRefDto Role, IReadOnlyList<string> Permissions, IReadOnlyList<WorkspaceAccessDto> Workspaces);

/// <summary>My effective permissions in an organization, overall and per workspace; the SPA shows only what they allow.</summary>
public sealed record GetMyAccess(Guid OrganizationId) : IQuery<MyAccessDto>, IOrganizationRequest;

public sealed class GetMyAccessHandler(IOrganizationContext scope, IApplicationDbContext db) : IQueryHandler<GetMyAccess, MyAccessDto>
{
    public async ValueTask<MyAccessDto> Handle(GetMyAccess query, CancellationToken cancellationToken)
    {
        var access = scope.Access;
        var permissions = access.Permissions.Order(StringComparer.Ordinal).ToArray();
        var enterable = access.EnterableWorkspaceIds.ToArray();
        var workspaces = await db.Workspaces.AsNoTracking()
            .Where(w => enterable.Contains(w.Id))
            .OrderBy(w => w.Name)
            .Select(w => new { w.Id, w.Name })
            .ToListAsync(cancellationToken);
        return new MyAccessDto(
            new RoleRefDto(access.RoleId, access.RoleName, access.BuiltInRole?.ToString()),
            permissions,
            workspaces.Select(w => new WorkspaceAccessDto(w.Id, w.Name, permissions)).ToArray());
    }
}

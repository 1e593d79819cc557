namespace VariantMiner.Application.Roles.Queries.ListPermissions;

/// <param name="IsData">Held by every member while the organization's role-based-access switch is off.</param>
public sealed record PermissionDto(string Key, string Group, string Description, bool IsData);

/// <summary>The permission catalogue, for role editors and SDKs.</summary>
public sealed record ListPermissions : IQuery<IReadOnlyList<PermissionDto>>;

public sealed class ListPermissionsHandler : IQueryHandler<ListPermissions, IReadOnlyList<PermissionDto>>
{
    private static readonly IReadOnlyList<PermissionDto> Catalogue =
        Permissions.Catalogue.Select(p => new PermissionDto(p.Key, p.Group, p.Description, p.IsData)).ToArray();

    public ValueTask<IReadOnlyList<PermissionDto>> Handle(ListPermissions query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Catalogue);
}

using Mediator;
using VariantMiner.Domain.Authorization;

namespace VariantMiner.Application.Roles.Queries.ListPermissions;

public sealed record PermissionDto(string Key, string Group, string Description);

/// <summary>The permission catalogue, for role editors and SDKs.</summary>
public sealed record ListPermissions : IQuery<IReadOnlyList<PermissionDto>>;

public sealed class ListPermissionsHandler : IQueryHandler<ListPermissions, IReadOnlyList<PermissionDto>>
{
    private static readonly IReadOnlyList<PermissionDto> Catalogue =
        Permissions.Catalogue.Select(p => new PermissionDto(p.Key, p.Group, p.Description)).ToArray();

    public ValueTask<IReadOnlyList<PermissionDto>> Handle(ListPermissions query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Catalogue);
}

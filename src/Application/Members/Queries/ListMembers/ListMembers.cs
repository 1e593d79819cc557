using Mediator;
using VariantMiner.Application.Common;
using VariantMiner.Application.Common.Requests;
using VariantMiner.Domain.Authorization;

namespace VariantMiner.Application.Members.Queries.ListMembers;

/// <summary>
/// The User Management table: search by name or e-mail (case-insensitive, partial), filter by role, sort, cursor
/// paging. Also open to those who manage workspace access, who need to pick members.
/// </summary>
[RequiresAnyPermission(Permissions.UsersManage, Permissions.WorkspacesAccessManage)]
public sealed record ListMembers(Guid OrganizationId, string? Search = null, Guid? RoleId = null, MemberSort Sort = MemberSort.Name,
    int? Limit = null, string? Cursor = null) : IQuery<MemberPage>, IOrganizationRequest;

public sealed class ListMembersHandler(IMemberDirectory directory) : IQueryHandler<ListMembers, MemberPage>
{
    public async ValueTask<MemberPage> Handle(ListMembers query, CancellationToken cancellationToken) =>
        await directory.ListAsync(query.OrganizationId, string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim(),
            query.RoleId, query.Sort, Paging.Clamp(query.Limit), query.Cursor, cancellationToken);
}

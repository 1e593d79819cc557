namespace VariantMiner.Application.Members.Queries.ListMembers;

/// <summary>
/// The User Management table: search by name or e-mail (case-insensitive, partial), filter by role, sort, cursor
/// paging. Also open to those who manage workspace access, who need to pick members.
/// </summary>
/// <param name="Sort">name (default) or lastLogin, any case.</param>
[RequiresAnyPermission(Permissions.UsersManage, Permissions.WorkspacesAccessManage)]
public sealed record ListMembers(Guid OrganizationId, string? Search = null, Guid? RoleId = null, string? Sort = null,
    int? Limit = null, string? Cursor = null) : IQuery<MemberPage>, IOrganizationRequest
{
    internal static bool TryParseSort(string? sort, out MemberSort parsed)
    {
        parsed = MemberSort.Name;
        return string.IsNullOrEmpty(sort) || (Enum.TryParse(sort, ignoreCase: true, out parsed) && Enum.IsDefined(parsed) && !int.TryParse(sort, out _));
    }
}

public sealed class ListMembersValidator : AbstractValidator<ListMembers>
{
    public ListMembersValidator() => RuleFor(q => q.Sort).Must(s => ListMembers.TryParseSort(s, out _)).WithMessage("Sort by name or lastLogin.");
}

public sealed class ListMembersHandler(IMemberDirectory directory) : IQueryHandler<ListMembers, MemberPage>
{
    public async ValueTask<MemberPage> Handle(ListMembers query, CancellationToken cancellationToken)
    {
        ListMembers.TryParseSort(query.Sort, out var sort);
        return await directory.ListAsync(query.OrganizationId, string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim(),
            query.RoleId, sort, Paging.Clamp(query.Limit), query.Cursor, cancellationToken);
    }
}

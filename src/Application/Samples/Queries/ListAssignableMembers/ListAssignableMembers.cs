using VariantMiner.Application.Members;

namespace VariantMiner.Application.Samples.Queries.ListAssignableMembers;

/// <summary>
/// The people samples of this workspace can be assigned to — members who can enter it (Supervisors enter every
/// workspace) — for the "Assign to" picker. Open to samples.assign holders, who may not see the full member list.
/// </summary>
[RequiresPermission(Permissions.SamplesAssign)]
public sealed record ListAssignableMembers(Guid OrganizationId, Guid WorkspaceId) : IQuery<IReadOnlyList<AssignableMemberDto>>, IWorkspaceRequest;

public sealed class ListAssignableMembersHandler(IMemberDirectory directory) : IQueryHandler<ListAssignableMembers, IReadOnlyList<AssignableMemberDto>>
{
    public async ValueTask<IReadOnlyList<AssignableMemberDto>> Handle(ListAssignableMembers query, CancellationToken cancellationToken) =>
        await directory.AssignableAsync(query.WorkspaceId, cancellationToken);
}

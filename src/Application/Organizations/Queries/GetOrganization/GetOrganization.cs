using VariantMiner.Application.Members.Commands.UpdateMember;
using VariantMiner.Application.Organizations.Queries.ListActivity;

namespace VariantMiner.Application.Organizations.Queries.GetOrganization;

public sealed record DashboardWorkspaceDto(Guid Id, string Name, string? Description, DateTimeOffset CreatedAt);

public sealed record OrganizationDashboardDto(
    Guid Id, string Name, string? Description, string? ContactName, string? ContactEmail, DateTimeOffset CreatedAt,
    bool RoleBasedAccessEnabled, OrganizationRoleDto MyRole, IReadOnlyList<string> MyPermissions,
    int MemberCount, int WorkspaceCount, IReadOnlyList<DashboardWorkspaceDto> Workspaces,
    long StorageUsedBytes, long StorageQuotaBytes, string? PendingOwnerEmail, IReadOnlyList<ActivityDto> RecentActivity)
{
    /// <summary>Why I cannot leave the organization (its only Supervisor), or null: the page offers "Leave" only without one.</summary>
    public string? LeaveRefusal { get; init; }
}

/// <summary>The organization dashboard: details, my role and permissions, counts, my workspaces, storage, recent activity.</summary>
public sealed record GetOrganization(Guid OrganizationId) : IQuery<OrganizationDashboardDto>, IOrganizationRequest;

public sealed class GetOrganizationHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts)
    : IQueryHandler<GetOrganization, OrganizationDashboardDto>
{
    private const int RecentActivityCount = 10;

    public async ValueTask<OrganizationDashboardDto> Handle(GetOrganization query, CancellationToken cancellationToken)
    {
        var access = scope.Access;
        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == query.OrganizationId, cancellationToken)
            ?? throw new NotFoundException("The organization");
        var enterable = access.EnterableWorkspaceIds.ToList();
        var workspaces = await db.Workspaces.AsNoTracking().Where(w => enterable.Contains(w.Id)).OrderBy(w => w.Name)
            .Select(w => new DashboardWorkspaceDto(w.Id, w.Name, w.Description, w.CreatedAt)).ToListAsync(cancellationToken);
        var memberCount = await db.Memberships.CountAsync(cancellationToken);
        var workspaceCount = await db.Workspaces.CountAsync(cancellationToken);
        var recent = await ListActivityHandler.VisibleTo(db, access, currentUser.UserId!.Value)
            .OrderByDescending(a => a.OccurredAt).ThenByDescending(a => a.Id).Take(RecentActivityCount).ToListAsync(cancellationToken);

        return new OrganizationDashboardDto(
            organization.Id, organization.Name, organization.Description, organization.ContactName, organization.ContactEmail,
            organization.CreatedAt, organization.RoleBasedAccessEnabled, new OrganizationRoleDto(access.RoleId, access.RoleName),
            access.Permissions.Order(StringComparer.Ordinal).ToList(), memberCount, workspaceCount, workspaces,
            organization.StorageUsedBytes, organization.StorageQuotaBytes, organization.PendingOwnerEmail,
            await ListActivityHandler.ToDtosAsync(recent, accounts, cancellationToken))
        {
            LeaveRefusal = access.IsSupervisor && await UpdateMemberHandler.SupervisorCountAsync(db, cancellationToken) <= 1
                ? "You are the organization's only Group Supervisor. Make someone else Supervisor before you leave."
                : null,
        };
    }
}

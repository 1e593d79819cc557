using VariantMiner.Application.Organizations;
using VariantMiner.Domain.Invitations;

namespace VariantMiner.Application.Invitations.Queries.ListInvitations;

/// <summary>Invitations of the organization, newest first; by default only pending ones.</summary>
[RequiresPermission(Permissions.UsersInvite)]
public sealed record ListInvitations(Guid OrganizationId, bool IncludeClosed = false) : IQuery<IReadOnlyList<InvitationDto>>, IOrganizationRequest;

public sealed class ListInvitationsHandler(IApplicationDbContext db, TimeProvider clock) : IQueryHandler<ListInvitations, IReadOnlyList<InvitationDto>>
{
    public async ValueTask<IReadOnlyList<InvitationDto>> Handle(ListInvitations query, CancellationToken cancellationToken)
    {
        var invitations = await db.Invitations.AsNoTracking()
            .Where(i => query.IncludeClosed || i.Status == InvitationStatus.Pending)
            .OrderByDescending(i => i.CreatedAt).Take(500).ToListAsync(cancellationToken);
        var roles = await db.Roles.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
        var now = clock.GetUtcNow();
        return invitations.Select(i => new InvitationDto(i.Id, i.Email, new OrganizationRoleDto(i.RoleId, roles.GetValueOrDefault(i.RoleId, "")),
            i.Workspaces.Select(w => w.WorkspaceId).ToList(), i.Status.ToString(), i.CreatedAt, i.ExpiresAt, i.IsExpired(now),
            i.InvitedBy, i.LastSentAt, i.SendCount)).ToList();
    }
}

using VariantMiner.Application.Samples;
using VariantMiner.Domain.Invitations;

namespace VariantMiner.Application.Common.Activity;

/// <summary>
/// The organization's activity feed, written from the domain events of what was saved (in the same transaction):
/// one place for every entry's wording. An entry reads after its actor's name ("Ada Lovelace · Created the workspace…").
/// Activity about samples and subjects is filtered by visibility when read (<see cref="SampleVisibility.VisibleActivity"/>), so an entry names its sample or subject.
/// </summary>
internal sealed class ActivityFeed(
    IApplicationDbContext db, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock) :
    IDomainEventHandler<OrganizationCreated>, IDomainEventHandler<OrganizationDetailsChanged>, IDomainEventHandler<RoleBasedAccessChanged>,
    IDomainEventHandler<InvitationPreferencesChanged>, IDomainEventHandler<OwnerJoined>,
    IDomainEventHandler<WorkspaceCreated>, IDomainEventHandler<WorkspaceChanged>, IDomainEventHandler<WorkspaceDeleted>,
    IDomainEventHandler<MemberRoleChanged>, IDomainEventHandler<MemberPositionChanged>, IDomainEventHandler<MemberRemoved>,
    IDomainEventHandler<WorkspaceAccessChanged>,
    IDomainEventHandler<RoleCreated>, IDomainEventHandler<RoleChanged>, IDomainEventHandler<RoleDeleted>,
    IDomainEventHandler<InvitationCreated>, IDomainEventHandler<InvitationResent>, IDomainEventHandler<InvitationRevoked>,
    IDomainEventHandler<InvitationAccepted>,
    IDomainEventHandler<SampleDefined>, IDomainEventHandler<SampleChanged>, IDomainEventHandler<SampleTrashed>,
    IDomainEventHandler<SampleRestored>, IDomainEventHandler<SamplePurged>,
    IDomainEventHandler<SampleAssigneesChanged>,
    IDomainEventHandler<SubjectCreated>, IDomainEventHandler<SubjectChanged>, IDomainEventHandler<SubjectTrashed>,
    IDomainEventHandler<SubjectRestored>, IDomainEventHandler<SubjectPurged>,
    IDomainEventHandler<AssayAdded>
{
    /// <summary>The actor of what the product does by itself (the trash purge); shown as <see cref="SystemActorName"/>.</summary>
    public static readonly Guid SystemActor = Guid.Empty;

    public const string SystemActorName = "VariantMiner (automatic)";

    /// <summary>Adds an entry to the unit of work: saved by the same SaveChanges as the change it describes.</summary>
    private void Record(Guid organizationId, string action, string targetType, Guid? targetId, string summary, Guid? workspaceId = null,
        Guid? actorUserId = null)
    {
        var actor = actorUserId ?? currentUser.UserId ?? throw new InvalidOperationException("Activity needs a signed-in actor.");
        db.Activities.Add(new ActivityRecord(organizationId, workspaceId, actor, action, targetType, targetId, summary, clock.GetUtcNow()));
    }

    private async Task<string> NameOfAsync(Guid userId, string fallback, CancellationToken cancellationToken) =>
        (await accounts.DisplayNamesAsync([userId], cancellationToken)).GetValueOrDefault(userId, fallback);

    // Organization
    public Task HandleAsync(OrganizationCreated e, CancellationToken cancellationToken)
    {
        var o = e.Organization;
        Record(e.Organization.Id, "organization.created", "organization", o.Id,
            $"Created the organization \"{o.Name}\"" + (o.PendingOwnerEmail is { } p ? $", waiting for owner {p}" : ""));
        return Task.CompletedTask;
    }

    public Task HandleAsync(OrganizationDetailsChanged e, CancellationToken cancellationToken)
    {
        Record(e.Organization.Id, "organization.updated", "organization", e.Organization.Id, $"Updated the organization's {string.Join(", ", e.Fields)}");
        return Task.CompletedTask;
    }

    public Task HandleAsync(RoleBasedAccessChanged e, CancellationToken cancellationToken)
    {
        Record(e.Organization.Id, "organization.access-control.changed", "organization", e.Organization.Id,
            e.Organization.RoleBasedAccessEnabled ? "Turned role-based access on" : "Turned role-based access off: everyone sees every sample");
        return Task.CompletedTask;
    }

    public Task HandleAsync(InvitationPreferencesChanged e, CancellationToken cancellationToken)
    {
        var domains = e.Organization.InvitationDomains;
        Record(e.Organization.Id, "organization.invitation-preferences.changed", "organization", e.Organization.Id,
            domains.Count == 0 ? "Allowed invitations to any e-mail domain" : $"Limited invitations to {string.Join(", ", domains)}");
        return Task.CompletedTask;
    }

    public Task HandleAsync(OwnerJoined e, CancellationToken cancellationToken)
    {
        Record(e.Organization.Id, "organization.owner.joined", "member", e.UserId,
            $"Verified their address ({e.Email}) and became the organization's Group Supervisor", actorUserId: e.UserId);
        return Task.CompletedTask;
    }

    // Workspaces
    public Task HandleAsync(WorkspaceCreated e, CancellationToken cancellationToken)
    {
        Record(e.Workspace.OrganizationId, "workspace.created", "workspace", e.Workspace.Id, $"Created the workspace \"{e.Workspace.Name}\"", e.Workspace.Id);
        return Task.CompletedTask;
    }

    public Task HandleAsync(WorkspaceChanged e, CancellationToken cancellationToken)
    {
        var w = e.Workspace;
        Record(e.Workspace.OrganizationId, "workspace.updated", "workspace", w.Id,
            e.PreviousName == w.Name ? $"Updated the workspace \"{w.Name}\"" : $"Renamed the workspace \"{e.PreviousName}\" to \"{w.Name}\"", w.Id);
        return Task.CompletedTask;
    }

    public Task HandleAsync(WorkspaceDeleted e, CancellationToken cancellationToken)
    {
        // Recorded at organization level: the workspace (and its own activity) is gone.
        Record(e.Workspace.OrganizationId, "workspace.deleted", "workspace", e.Workspace.Id, $"Deleted the workspace \"{e.Workspace.Name}\"");
        return Task.CompletedTask;
    }

    // Members
    public async Task HandleAsync(MemberRoleChanged e, CancellationToken cancellationToken)
    {
        var m = e.Membership;
        var names = await db.Roles.Where(r => r.Id == e.PreviousRoleId || r.Id == m.RoleId).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
        Record(e.Membership.OrganizationId, "member.role.changed", "member", m.UserId,
            $"Changed {await NameOfAsync(m.UserId, "a member", cancellationToken)}'s role from \"{names.GetValueOrDefault(e.PreviousRoleId)}\" to \"{names.GetValueOrDefault(m.RoleId)}\"");
    }

    public async Task HandleAsync(MemberPositionChanged e, CancellationToken cancellationToken) =>
        Record(e.Membership.OrganizationId, "member.updated", "member", e.Membership.UserId,
            $"Set {await NameOfAsync(e.Membership.UserId, "a member", cancellationToken)}'s position to \"{e.Membership.Position ?? "(none)"}\"");

    public async Task HandleAsync(MemberRemoved e, CancellationToken cancellationToken)
    {
        var userId = e.Membership.UserId;
        var name = await NameOfAsync(userId, "a member", cancellationToken);
        var leaving = userId == currentUser.UserId;
        Record(e.Membership.OrganizationId, leaving ? "member.left" : "member.removed", "member", userId,
            leaving ? "Left the organization" : $"Removed {name} from the organization");
    }

    public async Task HandleAsync(WorkspaceAccessChanged e, CancellationToken cancellationToken)
    {
        var name = await NameOfAsync(e.Membership.UserId, "a member", cancellationToken);
        var workspace = await db.Workspaces.Where(w => w.Id == e.WorkspaceId).Select(w => w.Name).SingleAsync(cancellationToken);
        Record(e.Membership.OrganizationId, e.Granted ? "workspace.access.granted" : "workspace.access.revoked", "member", e.Membership.UserId,
            e.Granted ? $"Gave {name} access to \"{workspace}\"" : $"Removed {name}'s access to \"{workspace}\"", e.WorkspaceId);
    }

    // Roles
    public Task HandleAsync(RoleCreated e, CancellationToken cancellationToken)
    {
        Record(e.Role.OrganizationId, "role.created", "role", e.Role.Id, $"Created the role \"{e.Role.Name}\" ({e.Role.Permissions.Count} permissions)");
        return Task.CompletedTask;
    }

    public Task HandleAsync(RoleChanged e, CancellationToken cancellationToken)
    {
        Record(e.Role.OrganizationId, "role.updated", "role", e.Role.Id, $"Changed the role \"{e.Role.Name}\": {string.Join("; ", e.Changes)}");
        return Task.CompletedTask;
    }

    public Task HandleAsync(RoleDeleted e, CancellationToken cancellationToken)
    {
        Record(e.Role.OrganizationId, "role.deleted", "role", e.Role.Id, $"Deleted the role \"{e.Role.Name}\"");
        return Task.CompletedTask;
    }

    // Invitations
    public async Task HandleAsync(InvitationCreated e, CancellationToken cancellationToken)
    {
        var role = await db.Roles.Where(r => r.Id == e.Invitation.RoleId).Select(r => r.Name).SingleAsync(cancellationToken);
        Record(e.Invitation.OrganizationId, "invitation.created", "invitation", e.Invitation.Id, $"Invited {e.Invitation.Email} as \"{role}\"");
    }

    public Task HandleAsync(InvitationResent e, CancellationToken cancellationToken)
    {
        Record(e.Invitation.OrganizationId, "invitation.resent", "invitation", e.Invitation.Id, $"Re-sent the invitation of {e.Invitation.Email}");
        return Task.CompletedTask;
    }

    public Task HandleAsync(InvitationRevoked e, CancellationToken cancellationToken)
    {
        Record(e.Invitation.OrganizationId, "invitation.revoked", "invitation", e.Invitation.Id, $"Revoked the invitation of {e.Invitation.Email}");
        return Task.CompletedTask;
    }

    public async Task HandleAsync(InvitationAccepted e, CancellationToken cancellationToken)
    {
        var userId = e.Invitation.AcceptedBy!.Value;
        var account = await accounts.FindAsync(userId, cancellationToken);
        var role = await db.Roles.Where(r => r.Id == e.Invitation.RoleId).Select(r => r.Name).SingleOrDefaultAsync(cancellationToken);
        Record(e.Invitation.OrganizationId, "invitation.accepted", "member", userId,
            $"Accepted the invitation ({account?.Email ?? e.Invitation.Email}) and joined as \"{role}\"", actorUserId: userId);
    }

    // Samples, subjects, assays. Entries name the sample or subject: they are shown only to readers who may see it.
    private void RecordSample(Sample sample, string action, string summary, Guid? actorUserId = null) =>
        Record(sample.OrganizationId, action, SampleVisibility.SampleTarget, sample.Id, summary, sample.WorkspaceId, actorUserId);

    private void RecordSubject(Subject subject, string action, string summary, Guid? actorUserId = null) =>
        Record(subject.OrganizationId, action, SampleVisibility.SubjectTarget, subject.Id, summary, subject.WorkspaceId, actorUserId);

    public Task HandleAsync(SampleDefined e, CancellationToken cancellationToken)
    {
        RecordSample(e.Sample, "sample.created", $"Defined the {e.Sample.Assay} sample \"{e.Sample.Name}\"");
        return Task.CompletedTask;
    }

    public Task HandleAsync(SampleChanged e, CancellationToken cancellationToken)
    {
        RecordSample(e.Sample, "sample.updated", $"Updated the sample \"{e.Sample.Name}\"");
        return Task.CompletedTask;
    }

    public Task HandleAsync(SampleTrashed e, CancellationToken cancellationToken)
    {
        RecordSample(e.Sample, "sample.deleted", $"Moved the sample \"{e.Sample.Name}\" to the trash");
        return Task.CompletedTask;
    }

    public Task HandleAsync(SampleRestored e, CancellationToken cancellationToken)
    {
        RecordSample(e.Sample, "sample.restored", $"Restored the sample \"{e.Sample.Name}\" from the trash");
        return Task.CompletedTask;
    }

    /// <summary>Written by the purge job: the system is the actor (<see cref="SystemActor"/>).</summary>
    public Task HandleAsync(SamplePurged e, CancellationToken cancellationToken)
    {
        RecordSample(e.Sample, "sample.purged", $"Purged the sample \"{e.Sample.Name}\" from the trash for good", SystemActor);
        return Task.CompletedTask;
    }

    /// <summary>One entry per sample and save: who was assigned and unassigned, by name.</summary>
    public async Task HandleAsync(SampleAssigneesChanged e, CancellationToken cancellationToken)
    {
        var names = await accounts.DisplayNamesAsync(e.Added.Concat(e.Removed), cancellationToken);
        string List(IEnumerable<Guid> ids) => string.Join(", ", ids.Select(id => names.GetValueOrDefault(id, id.ToString())));
        var parts = new List<string>();
        if (e.Added.Count > 0) parts.Add($"assigned {List(e.Added)}");
        if (e.Removed.Count > 0) parts.Add($"unassigned {List(e.Removed)}");
        var summary = string.Join(" and ", parts);
        RecordSample(e.Sample, "sample.assignees.changed", char.ToUpperInvariant(summary[0]) + summary[1..] + $" on the sample \"{e.Sample.Name}\"");
    }

    public Task HandleAsync(SubjectCreated e, CancellationToken cancellationToken)
    {
        RecordSubject(e.Subject, "subject.created", $"Created the subject \"{e.Subject.ExternalId}\"");
        return Task.CompletedTask;
    }

    public Task HandleAsync(SubjectChanged e, CancellationToken cancellationToken)
    {
        RecordSubject(e.Subject, "subject.updated", $"Updated the subject \"{e.Subject.ExternalId}\"");
        return Task.CompletedTask;
    }

    public Task HandleAsync(SubjectTrashed e, CancellationToken cancellationToken)
    {
        RecordSubject(e.Subject, "subject.deleted", $"Moved the subject \"{e.Subject.ExternalId}\" to the trash");
        return Task.CompletedTask;
    }

    public Task HandleAsync(SubjectRestored e, CancellationToken cancellationToken)
    {
        RecordSubject(e.Subject, "subject.restored", $"Restored the subject \"{e.Subject.ExternalId}\" from the trash");
        return Task.CompletedTask;
    }

    public Task HandleAsync(SubjectPurged e, CancellationToken cancellationToken)
    {
        RecordSubject(e.Subject, "subject.purged", $"Purged the subject \"{e.Subject.ExternalId}\" from the trash for good", SystemActor);
        return Task.CompletedTask;
    }

    public Task HandleAsync(AssayAdded e, CancellationToken cancellationToken)
    {
        Record(e.Assay.OrganizationId, "assay.added", "assay", e.Assay.Id, $"Added the assay \"{e.Assay.Name}\"");
        return Task.CompletedTask;
    }
}

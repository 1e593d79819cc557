using VariantMiner.Domain.Authorization;
using VariantMiner.Domain.Common;
using VariantMiner.Domain.Invitations;
using VariantMiner.Domain.Organizations;
using VariantMiner.Domain.Samples;

namespace VariantMiner.Domain.UnitTests;

/// <summary>Aggregates say what happened to them; the activity feed is written from these events when they are saved.</summary>
public class DomainEventTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Test]
    public void Creating_raises_only_the_created_event_not_the_setters_it_uses()
    {
        var organization = new Organization("Lab", "A lab", Now);
        Assert.That(organization.TakeDomainEvents(), Is.EqualTo(new IDomainEvent[] { new OrganizationCreated(organization) }));
        var workspace = new Workspace(organization.Id, "Exomes", Now, "Trios");
        Assert.That(workspace.TakeDomainEvents(), Is.EqualTo(new IDomainEvent[] { new WorkspaceCreated(workspace) }));
        Assert.That(Workspace.CreateInitial(organization.Id, "General", Now).TakeDomainEvents(), Is.Empty, "part of creating the organization");
        var subject = new Subject(organization.Id, workspace.Id, "P-1", Sex.Female, null, [], null, Guid.NewGuid(), Now);
        Assert.That(subject.TakeDomainEvents().Single(), Is.TypeOf<SubjectCreated>());
    }

    [Test]
    public void Several_edits_in_one_save_are_one_event_that_names_them_all()
    {
        var organization = new Organization("Lab", null, Now);
        organization.TakeDomainEvents();
        organization.Rename("Lab 2");
        organization.Describe("Now described");
        organization.SetContact("Ada", "ada@lab.example");
        var changed = (OrganizationDetailsChanged)organization.TakeDomainEvents().Single();
        Assert.That(changed.Fields, Is.EqualTo(new[] { "name", "description", "contact" }));

        var workspace = new Workspace(organization.Id, "Exomes", Now);
        workspace.TakeDomainEvents();
        workspace.Rename("Genomes");
        workspace.Describe("WGS");
        Assert.That(((WorkspaceChanged)workspace.TakeDomainEvents().Single()).PreviousName, Is.EqualTo("Exomes"));
        Assert.That(workspace.TakeDomainEvents(), Is.Empty, "taken once");
    }

    [Test]
    public void Assignment_changes_of_one_save_become_one_event_with_who_was_added_and_removed()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var sample = new Sample(Guid.NewGuid(), Guid.NewGuid(), "NA12878", "WGS", null, a, Now);
        sample.Assign(a, a, Now);
        sample.TakeDomainEvents();
        sample.Assign(b, a, Now);
        sample.Assign(c, a, Now);
        sample.Assign(b, a, Now); // already assigned: nothing happened
        sample.Unassign(a);
        var changed = (SampleAssigneesChanged)sample.TakeDomainEvents().Single();
        Assert.That(changed.Added, Is.EqualTo(new[] { b, c }));
        Assert.That(changed.Removed, Is.EqualTo(new[] { a }));
    }

    [Test]
    public void Role_changes_name_what_changed_and_built_in_roles_keep_their_names()
    {
        var role = Role.CreateCustom(Guid.NewGuid(), "Viewer", [Permissions.SamplesViewAll], Permissions.All);
        Assert.That(role.TakeDomainEvents().Single(), Is.TypeOf<RoleCreated>());
        role.Rename("Reader");
        role.SetPermissions([Permissions.SamplesViewAssigned], Permissions.All);
        var changed = (RoleChanged)role.TakeDomainEvents().Single();
        Assert.That(changed.Changes, Is.EqualTo(new[] { "renamed \"Viewer\" to \"Reader\"", "added \"See only samples and sub-analyses assigned to oneself\"", "removed \"See every sample in the workspaces one can enter\"" }));

        var analyst = Role.CreateBuiltIn(Guid.NewGuid(), BuiltInRole.Analyst);
        Assert.Throws<DomainException>(() => analyst.Rename("Bioinformatician"));
        Assert.That(analyst.TakeDomainEvents(), Is.Empty);
    }

    [Test]
    public void A_resent_invitation_says_so_and_a_new_one_does_not()
    {
        var (invitation, _) = Invitation.Create(Guid.NewGuid(), "new@lab.example", Guid.NewGuid(), [], Guid.NewGuid(), Now, TimeSpan.FromDays(7));
        Assert.That(invitation.TakeDomainEvents().Select(e => e.GetType()), Is.EqualTo(new[] { typeof(InvitationCreated) }));
        invitation.Renew(Guid.NewGuid(), Now, TimeSpan.FromDays(7));
        Assert.That(invitation.TakeDomainEvents().Single(), Is.TypeOf<InvitationResent>());
    }

    [Test]
    public void Nothing_changed_raises_nothing()
    {
        var analyst = Role.CreateBuiltIn(Guid.NewGuid(), BuiltInRole.Analyst);
        var membership = new Membership(analyst.OrganizationId, Guid.NewGuid(), analyst.Id, Now);
        membership.ChangeRole(analyst, analyst, actorIsSupervisor: false, supervisorCount: 1);
        membership.SetPosition(null, analyst, actorIsSupervisor: false);
        Assert.That(membership.ChangeWorkspaceAccess(Guid.NewGuid(), granted: false), Is.False);
        var organization = new Organization("Lab", null, Now);
        organization.TakeDomainEvents();
        organization.SetRoleBasedAccess(true);
        Assert.That(membership.TakeDomainEvents().Concat(organization.TakeDomainEvents()), Is.Empty);
    }
}

using VariantMiner.Domain.Authorization;
using VariantMiner.Domain.Common;
using VariantMiner.Domain.Organizations;
using static VariantMiner.Domain.Authorization.Permissions;

namespace VariantMiner.Domain.UnitTests;

public class RoleTests
{
    private static readonly Guid Org = Guid.CreateVersion7();

    [Test]
    public void Supervisor_role_cannot_be_renamed_edited_or_deleted()
    {
        var supervisor = Role.CreateBuiltIn(Org, BuiltInRole.Supervisor);
        Assert.Throws<DomainException>(() => supervisor.Rename("Boss"));
        Assert.Throws<DomainException>(() => supervisor.SetPermissions([SamplesViewAll], All));
        Assert.Throws<DomainException>(() => supervisor.EnsureDeletable());
        Assert.That(supervisor.PermissionKeys, Is.EquivalentTo(All));
    }

    [Test]
    public void Built_in_roles_other_than_supervisor_can_be_edited_but_not_deleted()
    {
        var admin = Role.CreateBuiltIn(Org, BuiltInRole.GroupAdmin);
        admin.SetPermissions(admin.PermissionKeys.Append(RolesManage), All);
        Assert.That(admin.PermissionKeys, Does.Contain(RolesManage));
        Assert.Throws<DomainException>(() => admin.EnsureDeletable());
    }

    [Test]
    public void Nobody_grants_a_permission_they_do_not_hold()
    {
        var analyst = Role.CreateBuiltIn(Org, BuiltInRole.Analyst);
        var editor = BuiltInRoles.DefaultPermissions(BuiltInRole.GroupAdmin).Append(RolesManage).ToHashSet();
        var ex = Assert.Throws<PermissionEscalationException>(() =>
            analyst.SetPermissions(analyst.PermissionKeys.Append(OrganizationBillingManage), editor));
        Assert.That(ex!.Message, Does.Contain(OrganizationBillingManage));
        Assert.That(analyst.PermissionKeys, Does.Not.Contain(OrganizationBillingManage), "nothing half-changed");
    }

    [Test]
    public void Nobody_removes_a_permission_they_do_not_hold_but_may_leave_it_in_place()
    {
        var custom = Role.CreateCustom(Org, "Billing clerk", [OrganizationBillingManage, SamplesViewAll], All);
        var editor = new HashSet<string> { SamplesViewAll, SamplesViewAssigned, RolesManage };
        custom.SetPermissions([OrganizationBillingManage, SamplesViewAssigned, SamplesViewAll], editor); // billing untouched
        Assert.That(custom.PermissionKeys, Is.EquivalentTo(new[] { OrganizationBillingManage, SamplesViewAssigned, SamplesViewAll }));
        Assert.Throws<PermissionEscalationException>(() => custom.SetPermissions([SamplesViewAll], editor));
    }

    [Test]
    public void Custom_role_creation_obeys_the_same_rule_and_rejects_unknown_keys()
    {
        Assert.Throws<PermissionEscalationException>(() => Role.CreateCustom(Org, "Sneaky", [UsersManage], new HashSet<string> { RolesManage }));
        Assert.Throws<DomainException>(() => Role.CreateCustom(Org, "Odd", ["samples.fly"], new HashSet<string> { "samples.fly" }));
        var role = Role.CreateCustom(Org, "  Viewer  ", [SamplesViewAll], All);
        Assert.That(role.Name, Is.EqualTo("Viewer"));
        Assert.That(role.IsCustom, Is.True);
        Assert.DoesNotThrow(role.EnsureDeletable);
    }

    [TestCase("")]
    [TestCase(" ")]
    public void Role_names_cannot_be_empty(string name) =>
        Assert.Throws<DomainException>(() => Role.CreateCustom(Org, name, [], All));
}

public class SupervisorRulesTests
{
    private static readonly Guid Org = Guid.NewGuid();
    private static readonly Role Supervisor = Role.CreateBuiltIn(Org, BuiltInRole.Supervisor);
    private static readonly Role Analyst = Role.CreateBuiltIn(Org, BuiltInRole.Analyst);
    private static readonly Role ReportWriter = Role.CreateBuiltIn(Org, BuiltInRole.ReportWriter);

    private static Membership MemberWith(Role role) => new(Org, Guid.NewGuid(), role.Id, DateTimeOffset.UtcNow);

    [Test]
    public void Only_a_supervisor_demotes_or_promotes_a_supervisor()
    {
        Assert.Throws<PermissionEscalationException>(() => MemberWith(Supervisor).ChangeRole(Supervisor, Analyst, actorIsSupervisor: false, supervisorCount: 2));
        Assert.Throws<PermissionEscalationException>(() => MemberWith(Analyst).ChangeRole(Analyst, Supervisor, actorIsSupervisor: false, supervisorCount: 1));
        var promoted = MemberWith(Analyst);
        promoted.ChangeRole(Analyst, Supervisor, actorIsSupervisor: true, supervisorCount: 1);
        Assert.That(promoted.RoleId, Is.EqualTo(Supervisor.Id));
    }

    [Test]
    public void Last_supervisor_cannot_be_demoted_but_one_of_two_can()
    {
        var last = MemberWith(Supervisor);
        Assert.Throws<DomainException>(() => last.ChangeRole(Supervisor, Analyst, actorIsSupervisor: true, supervisorCount: 1));
        Assert.That(last.RoleId, Is.EqualTo(Supervisor.Id), "nothing changed");
        Assert.DoesNotThrow(() => MemberWith(Supervisor).ChangeRole(Supervisor, Analyst, actorIsSupervisor: true, supervisorCount: 2));
    }

    [Test]
    public void Last_supervisor_cannot_leave_and_non_supervisors_cannot_remove_supervisors()
    {
        Assert.Throws<DomainException>(() => MemberWith(Supervisor).Remove(Supervisor, actorIsSupervisor: true, supervisorCount: 1));
        Assert.Throws<PermissionEscalationException>(() => MemberWith(Supervisor).Remove(Supervisor, actorIsSupervisor: false, supervisorCount: 3));
        Assert.DoesNotThrow(() => MemberWith(Supervisor).Remove(Supervisor, actorIsSupervisor: true, supervisorCount: 2));
        Assert.DoesNotThrow(() => MemberWith(Analyst).Remove(Analyst, actorIsSupervisor: false, supervisorCount: 1));
    }

    [Test]
    public void Non_supervisor_moves_ordinary_members_freely()
    {
        var member = MemberWith(Analyst);
        member.ChangeRole(Analyst, ReportWriter, actorIsSupervisor: false, supervisorCount: 1);
        Assert.That(member.RoleId, Is.EqualTo(ReportWriter.Id));
    }

    [Test]
    public void Nobody_but_a_supervisor_edits_anything_of_a_supervisors_membership()
    {
        var supervisor = MemberWith(Supervisor);
        Assert.Throws<PermissionEscalationException>(() => supervisor.SetPosition("Intern", Supervisor, actorIsSupervisor: false));
        Assert.That(supervisor.Position, Is.Null);
        supervisor.SetPosition("Lab director", Supervisor, actorIsSupervisor: true);
        MemberWith(Analyst).SetPosition("Bioinformatician", Analyst, actorIsSupervisor: false);
        Assert.That(supervisor.Position, Is.EqualTo("Lab director"));
    }

    [Test]
    public void The_current_role_must_be_the_members_role()
    {
        Assert.Throws<InvalidOperationException>(() => MemberWith(Analyst).ChangeRole(ReportWriter, Supervisor, actorIsSupervisor: true, supervisorCount: 1));
    }
}

using VariantMiner.Domain.Authorization;
using VariantMiner.Domain.Common;
using VariantMiner.Domain.Organizations;
using static VariantMiner.Domain.Authorization.Permissions;

namespace VariantMiner.Domain.UnitTests;

public class PermissionsTests
{
    [Test]
    public void Catalogue_has_exactly_the_keys_of_the_permission_table()
    {
        string[] expected =
        [
            "organization.settings.manage", "organization.analytics.view", "organization.billing.manage",
            "users.invite", "users.manage", "roles.manage", "workspaces.create", "workspaces.delete",
            "workspaces.access.manage", "samples.define", "samples.assign", "samples.delete", "samples.view.all",
            "samples.view.assigned", "analyses.launch.workflow", "analyses.launch.direct", "analyses.launch.sub",
            "workflows.manage", "references.manage", "variants.classify", "orders.manage", "reports.write", "reports.sign",
            "organization.audit.view",
        ];
        Assert.That(All, Is.EquivalentTo(expected));
        Assert.That(Catalogue.Select(p => p.Group).Distinct(),
            Is.SubsetOf(new[] { "organization", "people", "samples", "analyses", "variants", "reports" }));
    }

    // The default permission table (docs/architecture.md, "Roles and permissions"), row by row.
    [TestCase(BuiltInRole.GroupAdmin, new[] { OrganizationSettingsManage, OrganizationAnalyticsView, UsersInvite, UsersManage,
        WorkspacesCreate, WorkspacesAccessManage, SamplesDefine, SamplesAssign, SamplesDelete, SamplesViewAll, SamplesViewAssigned,
        AnalysesLaunchWorkflow, AnalysesLaunchDirect, AnalysesLaunchSub, ReferencesManage, VariantsClassify, OrdersManage, ReportsWrite })]
    [TestCase(BuiltInRole.Analyst, new[] { SamplesDefine, SamplesViewAssigned, AnalysesLaunchWorkflow, AnalysesLaunchSub, VariantsClassify })]
    [TestCase(BuiltInRole.ClinicalCurator, new[] { SamplesViewAll, SamplesViewAssigned, VariantsClassify, OrdersManage, ReportsWrite, ReportsSign })]
    [TestCase(BuiltInRole.ReportWriter, new[] { SamplesViewAssigned, ReportsWrite })]
    public void Built_in_role_defaults_follow_the_table(BuiltInRole role, string[] expected)
    {
        Assert.That(BuiltInRoles.DefaultPermissions(role), Is.EquivalentTo(expected));
    }

    [Test]
    public void Supervisor_holds_every_permission_and_group_admin_lacks_roles_manage_by_default()
    {
        Assert.That(BuiltInRoles.DefaultPermissions(BuiltInRole.Supervisor), Is.EquivalentTo(All));
        Assert.That(BuiltInRoles.DefaultPermissions(BuiltInRole.GroupAdmin), Does.Not.Contain(RolesManage));
    }

    [Test]
    public void Switch_off_grants_the_data_permissions_of_the_catalogue_and_no_other()
    {
        var effective = EffectivePermissions.Of([SamplesViewAssigned], roleBasedAccessEnabled: false);
        Assert.That(effective, Is.EquivalentTo(new[] { SamplesDefine, SamplesAssign, SamplesViewAll, SamplesViewAssigned,
            AnalysesLaunchWorkflow, AnalysesLaunchDirect, AnalysesLaunchSub }), "samples.delete is not handed out by the switch");
    }

    [Test]
    public void Switch_on_leaves_the_role_permissions_as_they_are_and_drops_unknown_keys()
    {
        var effective = EffectivePermissions.Of([SamplesViewAssigned, "made.up"], roleBasedAccessEnabled: true);
        Assert.That(effective, Is.EquivalentTo(new[] { SamplesViewAssigned }));
    }

    [Test]
    public void Built_in_role_carries_its_default_permissions_and_rejects_nothing_known()
    {
        var organizationId = Guid.CreateVersion7();
        var role = Role.CreateBuiltIn(organizationId, BuiltInRole.Analyst);
        Assert.That(role.Name, Is.EqualTo("Analyst"));
        Assert.That(role.OrganizationId, Is.EqualTo(organizationId));
        Assert.That(role.Permissions.Select(p => p.Permission), Is.EquivalentTo(BuiltInRoles.DefaultPermissions(BuiltInRole.Analyst)));
        Assert.That(role.Permissions.All(p => p.RoleId == role.Id));
        Assert.That(Role.CreateBuiltIn(organizationId, BuiltInRole.Supervisor).IsSupervisor, Is.True);
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Organization_and_workspace_names_cannot_be_empty(string name)
    {
        Assert.Throws<DomainException>(() => _ = new Organization(name, null, DateTimeOffset.UtcNow));
        Assert.Throws<DomainException>(() => _ = new Workspace(Guid.CreateVersion7(), name, DateTimeOffset.UtcNow));
    }

    [Test]
    public void Names_over_the_limit_are_refused_and_names_are_trimmed()
    {
        Assert.Throws<DomainException>(() => _ = new Organization(new string('x', Organization.NameMaxLength + 1), null, DateTimeOffset.UtcNow));
        Assert.That(new Organization("  Lab  ", null, DateTimeOffset.UtcNow).Name, Is.EqualTo("Lab"));
    }

    [Test]
    public void Granting_the_same_workspace_twice_keeps_one_grant()
    {
        var membership = new Membership(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), DateTimeOffset.UtcNow);
        var workspace = Guid.CreateVersion7();
        membership.GrantWorkspace(workspace);
        membership.GrantWorkspace(workspace);
        Assert.That(membership.WorkspaceGrants.Select(g => g.WorkspaceId), Is.EqualTo(new[] { workspace }));
    }

    [Test]
    public void Identifiers_are_version_7_uuids()
    {
        Assert.That(new Organization("Lab", null, DateTimeOffset.UtcNow).Id.Version, Is.EqualTo(7));
    }
}

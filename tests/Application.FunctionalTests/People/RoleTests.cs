using VariantMiner.Application.Members.Commands.UpdateMember;
using VariantMiner.Application.Organizations.Queries.GetMyAccess;
using VariantMiner.Application.Roles.Commands.CreateRole;
using VariantMiner.Application.Roles.Commands.DeleteRole;
using VariantMiner.Application.Roles.Commands.UpdateRole;
using VariantMiner.Application.Roles.Queries.ListRoles;
using VariantMiner.Domain.Common;

namespace VariantMiner.Application.FunctionalTests.People;

public class RoleTests(DatabaseProvider provider) : PeopleTestBase(provider)
{
    [Test]
    public async Task Roles_list_with_permissions_and_member_counts_built_in_first()
    {
        await ArrangeOrganizationAsync();
        await AddMemberAsync(BuiltInRole.Analyst);
        await AddMemberAsync(BuiltInRole.Analyst);
        await SendAsync(new CreateRole("Auditor", [Permissions.OrganizationAnalyticsView]) { OrganizationId = Org });

        var roles = await SendAsync(new ListRoles(Org));

        Assert.That(roles.Select(r => r.Name), Is.EqualTo(new[] { "Group Supervisor", "Group Admin", "Analyst", "Clinical Curator", "Report Writer", "Auditor" }));
        Assert.That(roles.Single(r => r.Name == "Analyst").MemberCount, Is.EqualTo(2));
        Assert.That(roles.Single(r => r.Name == "Group Supervisor").MemberCount, Is.EqualTo(1));
        var auditor = roles.Single(r => r.Name == "Auditor");
        Assert.That((auditor.BuiltIn, auditor.Permissions.Single()), Is.EqualTo((false, Permissions.OrganizationAnalyticsView)));
    }

    [Test]
    public async Task Custom_role_names_are_unique_regardless_of_case_and_unknown_permissions_are_refused()
    {
        await ArrangeOrganizationAsync();
        await SendAsync(new CreateRole("Auditor", []) { OrganizationId = Org });
        Assert.ThrowsAsync<ConflictException>(() => SendAsync(new CreateRole(" auditor ", []) { OrganizationId = Org }));
        Assert.ThrowsAsync<ConflictException>(() => SendAsync(new CreateRole("analyst", []) { OrganizationId = Org }), "built-in names count too");
        var ex = Assert.ThrowsAsync<ValidationException>(() => SendAsync(new CreateRole("Odd", ["samples.fly"]) { OrganizationId = Org }));
        Assert.That(ex!.Errors.Single().ErrorMessage, Does.Contain("samples.fly"));
        Assert.That(await WithDbAsync(db => db.Roles.IgnoreQueryFilters().CountAsync(r => r.OrganizationId == Org)), Is.EqualTo(6));
    }

    [Test]
    public async Task A_role_edit_reaches_its_holders_on_their_next_request()
    {
        await ArrangeOrganizationAsync();
        var writer = await AddMemberAsync(BuiltInRole.ReportWriter);
        var writerRole = await RoleIdAsync(BuiltInRole.ReportWriter);
        await SendAsync(new UpdateRole(null, [Permissions.SamplesViewAssigned, Permissions.SamplesViewAll]) { OrganizationId = Org, RoleId = writerRole });

        RunAsUser(writer);
        Assert.That((await SendAsync(new GetMyAccess(Org))).Permissions, Does.Contain(Permissions.SamplesViewAll));
    }

    [Test]
    public async Task Supervisor_role_cannot_be_edited_and_built_in_roles_cannot_be_renamed_or_deleted()
    {
        await ArrangeOrganizationAsync();
        var supervisor = await RoleIdAsync(BuiltInRole.Supervisor);
        var analyst = await RoleIdAsync(BuiltInRole.Analyst);
        Assert.ThrowsAsync<DomainException>(() => SendAsync(new UpdateRole(null, [Permissions.SamplesViewAll]) { OrganizationId = Org, RoleId = supervisor }));
        Assert.ThrowsAsync<DomainException>(() => SendAsync(new UpdateRole("Data Analyst", null) { OrganizationId = Org, RoleId = analyst }));
        Assert.ThrowsAsync<DomainException>(() => SendAsync(new DeleteRole(Org, analyst)));
        var roles = await SendAsync(new ListRoles(Org));
        Assert.That(roles.Single(r => r.Id == supervisor).Permissions, Is.EquivalentTo(Permissions.All));
    }

    [Test]
    public async Task Deleting_a_role_in_use_is_a_conflict_naming_how_many_hold_it()
    {
        await ArrangeOrganizationAsync();
        var auditor = await SendAsync(new CreateRole("Auditor", [Permissions.OrganizationAnalyticsView]) { OrganizationId = Org });
        var a = await AddMemberAsync(BuiltInRole.Analyst);
        var b = await AddMemberAsync(BuiltInRole.Analyst);
        await SendAsync(new UpdateMember(auditor.Id, null) { OrganizationId = Org, UserId = a });
        await SendAsync(new UpdateMember(auditor.Id, null) { OrganizationId = Org, UserId = b });

        var ex = Assert.ThrowsAsync<ConflictException>(() => SendAsync(new DeleteRole(Org, auditor.Id)));
        Assert.That(ex!.Message, Does.Contain("2 members"));

        var analyst = await RoleIdAsync(BuiltInRole.Analyst);
        await SendAsync(new UpdateMember(analyst, null) { OrganizationId = Org, UserId = a });
        await SendAsync(new UpdateMember(analyst, null) { OrganizationId = Org, UserId = b });
        await SendAsync(new DeleteRole(Org, auditor.Id));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetRole(Org, auditor.Id)));
    }

    [Test]
    public async Task A_granted_roles_manage_holder_cannot_grant_what_they_lack()
    {
        await ArrangeOrganizationAsync();
        var adminRole = await RoleIdAsync(BuiltInRole.GroupAdmin);
        var admin = await AddMemberAsync(BuiltInRole.GroupAdmin);
        RunAsUser(admin);
        Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new CreateRole("Mine", []) { OrganizationId = Org }), "roles.manage is off for Group Admins by default");

        RunAsOwner();
        var defaults = BuiltInRoles.DefaultPermissions(BuiltInRole.GroupAdmin);
        await SendAsync(new UpdateRole(null, [.. defaults, Permissions.RolesManage]) { OrganizationId = Org, RoleId = adminRole });

        RunAsUser(admin);
        var curators = await SendAsync(new CreateRole("Curators+", [Permissions.SamplesViewAll, Permissions.SamplesAssign]) { OrganizationId = Org });
        Assert.ThrowsAsync<PermissionEscalationException>(() => SendAsync(new CreateRole("Billing", [Permissions.OrganizationBillingManage]) { OrganizationId = Org }));
        Assert.ThrowsAsync<PermissionEscalationException>(() => SendAsync(new UpdateRole(null, [Permissions.WorkspacesDelete]) { OrganizationId = Org, RoleId = curators.Id }));
        Assert.ThrowsAsync<PermissionEscalationException>(() =>
            SendAsync(new UpdateRole(null, [.. defaults, Permissions.RolesManage, Permissions.OrganizationBillingManage]) { OrganizationId = Org, RoleId = adminRole }),
            "not even for their own role");
    }

    [Test]
    public async Task An_update_based_on_an_old_version_is_refused_instead_of_overwriting()
    {
        await ArrangeOrganizationAsync();
        var roleId = await RoleIdAsync(BuiltInRole.Analyst);
        var read = await SendAsync(new GetRole(Org, roleId));
        await SendAsync(new UpdateRole(null, [Permissions.SamplesViewAll]) { OrganizationId = Org, RoleId = roleId }); // someone else
        var ex = Assert.ThrowsAsync<ConflictException>(() =>
            SendAsync(new UpdateRole(null, [Permissions.SamplesAssign], read.Version) { OrganizationId = Org, RoleId = roleId }));
        Assert.That(ex!.Message, Does.Contain("Reload"));
        var now = await SendAsync(new GetRole(Org, roleId));
        Assert.That(now.Permissions, Is.EqualTo(new[] { Permissions.SamplesViewAll }));
        await SendAsync(new UpdateRole(null, [Permissions.SamplesAssign], now.Version) { OrganizationId = Org, RoleId = roleId });
    }

    [Test]
    public async Task Concurrent_role_edits_let_one_win()
    {
        await ArrangeOrganizationAsync();
        var roleId = await RoleIdAsync(BuiltInRole.Analyst);
        await using var first = Database.CreateContext();
        await using var second = Database.CreateContext();
        var a = await first.Roles.IgnoreQueryFilters().SingleAsync(r => r.Id == roleId);
        var b = await second.Roles.IgnoreQueryFilters().SingleAsync(r => r.Id == roleId);
        a.SetPermissions([Permissions.SamplesViewAll], Permissions.All);
        b.SetPermissions([Permissions.SamplesAssign], Permissions.All);
        await first.SaveChangesAsync();
        Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }
}

using VariantMiner.Application.Organizations.Commands.CreateOrganization;
using VariantMiner.Application.Organizations.Commands.DeleteOrganization;
using VariantMiner.Application.Organizations.Commands.SetAccessControl;
using VariantMiner.Application.Organizations.Commands.UpdateOrganization;
using VariantMiner.Application.Organizations.Queries.GetMyAccess;
using VariantMiner.Application.Organizations.Queries.GetOrganization;
using VariantMiner.Application.Organizations.Queries.ListMyOrganizations;
using VariantMiner.Application.Users.Commands.SwitchOrganization;
using VariantMiner.Application.Users.Queries.GetCurrentUser;

namespace VariantMiner.Application.FunctionalTests.Organizations;

public class OrganizationTests(DatabaseProvider provider) : FunctionalTestBase(provider)
{
    private async Task<Guid> AdminAsync()
    {
        var admin = await WithDbAsync(db => TestData.AddUserAsync(db, "admin@platform.example", platformAdmin: true));
        RunAsUser(admin.Id, platformAdmin: true);
        return admin.Id;
    }

    [Test]
    public async Task Creating_writes_roles_owner_membership_initial_workspace_quota_settings_and_activity_in_one_go()
    {
        UseSetting("Organizations:DefaultStorageQuotaBytes", "5000");
        var admin = await AdminAsync();

        var created = await SendAsync(new CreateOrganization("Genome Lab", "Clinical WGS", null));

        Assert.That(created.OwnerUserId, Is.EqualTo(admin));
        await WithDbAsync(async db =>
        {
            var org = await db.Organizations.SingleAsync(o => o.Id == created.Id);
            Assert.That(org.StorageQuotaBytes, Is.EqualTo(5000));
            Assert.That(org.RoleBasedAccessEnabled, Is.True);
            var roles = await db.Roles.IgnoreQueryFilters().Where(r => r.OrganizationId == created.Id).ToListAsync();
            Assert.That(roles.Select(r => r.BuiltIn), Is.EquivalentTo(Enum.GetValues<BuiltInRole>().Cast<BuiltInRole?>()));
            var membership = await db.Memberships.IgnoreQueryFilters().SingleAsync(m => m.OrganizationId == created.Id);
            Assert.That(membership.UserId, Is.EqualTo(admin));
            Assert.That(roles.Single(r => r.Id == membership.RoleId).BuiltIn, Is.EqualTo(BuiltInRole.Supervisor));
            Assert.That(membership.WorkspaceGrants.Select(g => g.WorkspaceId), Is.EqualTo(new[] { created.InitialWorkspaceId }));
            var workspace = await db.Workspaces.IgnoreQueryFilters().SingleAsync(w => w.OrganizationId == created.Id);
            Assert.That(workspace.Name, Is.EqualTo("General"));
            var activity = await db.Activities.IgnoreQueryFilters().SingleAsync(a => a.OrganizationId == created.Id);
            Assert.That(activity.Action, Is.EqualTo("organization.created"));
            Assert.That(activity.ActorUserId, Is.EqualTo(admin));
            return 0;
        });
    }

    [Test]
    public async Task Ordinary_users_cannot_create_organizations_unless_self_service_is_enabled()
    {
        var user = await WithDbAsync(db => TestData.AddUserAsync(db, "someone@lab.example"));
        RunAsUser(user.Id);
        Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new CreateOrganization("My Lab", null, null)));
        Assert.That(await WithDbAsync(db => db.Organizations.CountAsync()), Is.Zero);
    }

    [Test]
    public async Task With_self_service_enabled_a_user_creates_an_organization_and_owns_it_but_cannot_name_another_owner()
    {
        UseSetting("Organizations:SelfServiceCreation", "true");
        var user = await WithDbAsync(db => TestData.AddUserAsync(db, "founder@lab.example"));
        RunAsUser(user.Id);

        var created = await SendAsync(new CreateOrganization("Founder Lab", null, null));
        Assert.That(created.OwnerUserId, Is.EqualTo(user.Id));
        Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new CreateOrganization("Other", null, "boss@lab.example")));
    }

    [Test]
    public async Task Admin_names_an_existing_owner_by_email_who_becomes_supervisor()
    {
        var owner = await WithDbAsync(db => TestData.AddUserAsync(db, "Director@Lab.example"));
        await AdminAsync();

        var created = await SendAsync(new CreateOrganization("Hospital Genomics", null, "director@lab.example"));

        Assert.That(created.OwnerUserId, Is.EqualTo(owner.Id));
        Assert.That(created.PendingOwnerEmail, Is.Null);
        RunAsUser(owner.Id);
        Assert.That((await SendAsync(new GetMyAccess(created.Id))).Role.Name, Is.EqualTo("Group Supervisor"));
    }

    [Test]
    public async Task Admin_names_an_unknown_owner_and_the_organization_waits_for_them()
    {
        var admin = await AdminAsync();
        var created = await SendAsync(new CreateOrganization("Future Lab", null, "New.Person@Lab.example"));

        Assert.That(created.OwnerUserId, Is.Null);
        Assert.That(created.PendingOwnerEmail, Is.EqualTo("new.person@lab.example"));
        Assert.That(await WithDbAsync(db => db.Memberships.IgnoreQueryFilters().CountAsync()), Is.Zero);
        // The admin who created it is not a member: it is not theirs to see.
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetOrganization(created.Id)));
        Assert.That(admin, Is.Not.EqualTo(Guid.Empty));
    }

    [TestCase("")]
    [TestCase("   ")]
    public async Task Empty_or_overlong_names_are_refused_and_nothing_is_written(string name)
    {
        await AdminAsync();
        var ex = Assert.ThrowsAsync<ValidationException>(() => SendAsync(new CreateOrganization(name, null, null)));
        Assert.That(ex!.Errors.Select(e => e.PropertyName), Does.Contain("Name"));
        Assert.ThrowsAsync<ValidationException>(() => SendAsync(new CreateOrganization(new string('x', 201), null, null)));
        Assert.That(await WithDbAsync(db => db.Organizations.CountAsync()), Is.Zero);
        Assert.That(await WithDbAsync(db => db.Roles.IgnoreQueryFilters().CountAsync()), Is.Zero);
    }

    [Test]
    public async Task List_shows_each_organization_with_my_role_and_counts()
    {
        var admin = await AdminAsync();
        var a = await SendAsync(new CreateOrganization("Beta Lab", null, null));
        var b = await SendAsync(new CreateOrganization("Alpha Lab", null, null));
        var analyst = await WithDbAsync(async db =>
        {
            var user = await TestData.AddUserAsync(db, "analyst@lab.example");
            var role = await db.Roles.IgnoreQueryFilters().SingleAsync(r => r.OrganizationId == a.Id && r.BuiltIn == BuiltInRole.Analyst);
            await TestData.AddMemberAsync(db, a.Id, user.Id, role.Id);
            return user.Id;
        });

        var mine = await SendAsync(new ListMyOrganizations());
        Assert.That(mine.Select(o => o.Name), Is.EqualTo(new[] { "Alpha Lab", "Beta Lab" }));
        var beta = mine.Single(o => o.Id == a.Id);
        Assert.That((beta.Role.Name, beta.MemberCount, beta.WorkspaceCount), Is.EqualTo(("Group Supervisor", 2, 1)));
        Assert.That(beta.StorageQuotaBytes, Is.GreaterThan(0));

        RunAsUser(analyst);
        var theirs = await SendAsync(new ListMyOrganizations());
        Assert.That(theirs.Select(o => (o.Name, o.Role.Name)), Is.EqualTo(new[] { ("Beta Lab", "Analyst") }));
        Assert.That(b.Id, Is.Not.EqualTo(a.Id));
        Assert.That(admin, Is.Not.EqualTo(analyst));
    }

    [Test]
    public async Task Dashboard_shows_details_my_role_counts_workspaces_storage_and_recent_activity()
    {
        await AdminAsync();
        var created = await SendAsync(new CreateOrganization("Genome Lab", "Clinical", null));
        await SendAsync(new UpdateOrganization(null, null, "Dr. Who", "who@lab.example") { OrganizationId = created.Id });

        var dashboard = await SendAsync(new GetOrganization(created.Id));

        Assert.That(dashboard.Name, Is.EqualTo("Genome Lab"));
        Assert.That(dashboard.ContactEmail, Is.EqualTo("who@lab.example"));
        Assert.That(dashboard.MyRole.Name, Is.EqualTo("Group Supervisor"));
        Assert.That(dashboard.MyPermissions, Is.EquivalentTo(Permissions.All));
        Assert.That((dashboard.MemberCount, dashboard.WorkspaceCount), Is.EqualTo((1, 1)));
        Assert.That(dashboard.Workspaces.Select(w => w.Name), Is.EqualTo(new[] { "General" }));
        Assert.That(dashboard.RecentActivity.Select(a => a.Action), Is.EqualTo(new[] { "organization.updated", "organization.created" }));
        Assert.That(dashboard.RecentActivity[0].ActorDisplayName, Is.EqualTo("admin"));
        Assert.That(dashboard.LeaveRefusal, Does.Contain("only Group Supervisor"), "the only Supervisor is not offered to leave");
    }

    [Test]
    public async Task Settings_need_the_settings_permission_and_the_switch_leaves_roles_alone()
    {
        await AdminAsync();
        var created = await SendAsync(new CreateOrganization("Genome Lab", null, null));
        var (curator, analystRole) = await WithDbAsync(async db =>
        {
            var user = await TestData.AddUserAsync(db, "curator@lab.example");
            var roles = await db.Roles.IgnoreQueryFilters().Where(r => r.OrganizationId == created.Id).ToListAsync();
            await TestData.AddMemberAsync(db, created.Id, user.Id, roles.Single(r => r.BuiltIn == BuiltInRole.ClinicalCurator).Id);
            return (user.Id, roles.Single(r => r.BuiltIn == BuiltInRole.Analyst).Id);
        });

        await SendAsync(new SetAccessControl(false) { OrganizationId = created.Id });

        RunAsUser(curator);
        Assert.That((await SendAsync(new GetMyAccess(created.Id))).Permissions, Does.Contain(Permissions.AnalysesLaunchDirect));
        Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new SetAccessControl(true) { OrganizationId = created.Id }));
        Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new UpdateOrganization("Renamed", null, null, null) { OrganizationId = created.Id }));
        var analystPermissions = await WithDbAsync(db => db.Roles.IgnoreQueryFilters().Where(r => r.Id == analystRole)
            .SelectMany(r => r.Permissions.Select(p => p.Permission)).ToListAsync());
        Assert.That(analystPermissions, Is.EquivalentTo(BuiltInRoles.DefaultPermissions(BuiltInRole.Analyst)));
    }

    [Test]
    public async Task Delete_needs_a_supervisor_and_the_exact_name_and_touches_no_other_organization()
    {
        await AdminAsync();
        var doomed = await SendAsync(new CreateOrganization("Doomed Lab", null, null));
        var survivor = await SendAsync(new CreateOrganization("Survivor Lab", null, null));
        var groupAdmin = await WithDbAsync(async db =>
        {
            var user = await TestData.AddUserAsync(db, "groupadmin@lab.example");
            var role = await db.Roles.IgnoreQueryFilters().SingleAsync(r => r.OrganizationId == doomed.Id && r.BuiltIn == BuiltInRole.GroupAdmin);
            await TestData.AddMemberAsync(db, doomed.Id, user.Id, role.Id);
            return user.Id;
        });
        var survivorRowsBefore = await CountRowsAsync(survivor.Id);

        var wrongName = Assert.ThrowsAsync<ValidationException>(() => SendAsync(new DeleteOrganization("doomed lab") { OrganizationId = doomed.Id }));
        Assert.That(wrongName!.Errors.Single().PropertyName, Is.EqualTo("ConfirmName"));

        var admin = await WithDbAsync(db => db.Users.Where(u => u.Email == "admin@platform.example").Select(u => u.Id).SingleAsync());
        RunAsUser(groupAdmin);
        Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new DeleteOrganization("Doomed Lab") { OrganizationId = doomed.Id }));
        Assert.That(await WithDbAsync(db => db.Organizations.CountAsync(o => o.Id == doomed.Id)), Is.EqualTo(1));

        RunAsUser(admin, platformAdmin: true);
        await SendAsync(new DeleteOrganization("Doomed Lab") { OrganizationId = doomed.Id });

        Assert.That(await CountRowsAsync(doomed.Id), Is.EqualTo((0, 0, 0, 0, 0)));
        Assert.That(await CountRowsAsync(survivor.Id), Is.EqualTo(survivorRowsBefore));
        Assert.That(await WithDbAsync(db => db.Users.CountAsync(u => u.Id == groupAdmin)), Is.EqualTo(1), "accounts outlive organizations");
    }

    [Test]
    public async Task Switching_remembers_the_organization_and_refuses_foreign_ones()
    {
        var admin = await AdminAsync();
        var mine = await SendAsync(new CreateOrganization("Mine", null, null));
        var foreign = await SendAsync(new CreateOrganization("Foreign", null, "someone.else@lab.example"));

        await SendAsync(new SwitchOrganization(mine.Id));
        Assert.That((await SendAsync(new GetCurrentUser())).LastOrganizationId, Is.EqualTo(mine.Id));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new SwitchOrganization(foreign.Id)));
        Assert.That((await SendAsync(new GetCurrentUser())).LastOrganizationId, Is.EqualTo(mine.Id));
        Assert.That(admin, Is.Not.EqualTo(Guid.Empty));
    }

    private Task<(int Organizations, int Roles, int Memberships, int Workspaces, int Activities)> CountRowsAsync(Guid organizationId) =>
        WithDbAsync(async db => (
            await db.Organizations.CountAsync(o => o.Id == organizationId),
            await db.Roles.IgnoreQueryFilters().CountAsync(r => r.OrganizationId == organizationId),
            await db.Memberships.IgnoreQueryFilters().CountAsync(m => m.OrganizationId == organizationId),
            await db.Workspaces.IgnoreQueryFilters().CountAsync(w => w.OrganizationId == organizationId),
            await db.Activities.IgnoreQueryFilters().CountAsync(a => a.OrganizationId == organizationId)));
}

using VariantMiner.Application.Organizations.Queries.GetMyAccess;

namespace VariantMiner.Application.FunctionalTests.Organizations;

/// <summary>The organization-scope and permission seam, exercised through the real pipeline and database.</summary>
public class GetMyAccessTests(DatabaseProvider provider) : FunctionalTestBase(provider)
{
    [Test]
    public async Task Supervisor_holds_everything_and_enters_every_workspace()
    {
        var (org, owner, workspaces) = await ArrangeAsync(BuiltInRole.Supervisor);
        RunAsUser(owner);

        var access = await SendAsync(new GetMyAccess(org.Organization.Id));

        Assert.That(access.Role.Name, Is.EqualTo("Group Supervisor"));
        Assert.That(access.Permissions, Is.EquivalentTo(Permissions.All));
        Assert.That(access.Workspaces.Select(w => w.Name), Is.EqualTo(new[] { "Exomes", "Genomes" }));
        Assert.That(workspaces, Has.Length.EqualTo(2));
    }

    [Test]
    public async Task Analyst_sees_only_granted_workspaces_and_the_default_permissions()
    {
        var (org, analyst, workspaces) = await ArrangeAsync(BuiltInRole.Analyst, grant: 0);
        RunAsUser(analyst);

        var access = await SendAsync(new GetMyAccess(org.Organization.Id));

        Assert.That(access.Role.Name, Is.EqualTo("Analyst"));
        Assert.That(access.Permissions, Is.EquivalentTo(BuiltInRoles.DefaultPermissions(BuiltInRole.Analyst)));
        Assert.That(access.Workspaces.Select(w => w.Id), Is.EqualTo(new[] { workspaces[0] }));
        Assert.That(access.Workspaces[0].Permissions, Is.EquivalentTo(access.Permissions));
    }

    [Test]
    public async Task Switch_off_gives_every_member_all_data_permissions_without_touching_the_role()
    {
        var (org, writer, _) = await ArrangeAsync(BuiltInRole.ReportWriter, roleBasedAccess: false);
        RunAsUser(writer);

        var access = await SendAsync(new GetMyAccess(org.Organization.Id));

        Assert.That(access.Permissions, Does.Contain(Permissions.SamplesViewAll).And.Contain(Permissions.AnalysesLaunchDirect));
        Assert.That(access.Permissions, Does.Not.Contain(Permissions.UsersManage));
        var stored = await WithDbAsync(db => db.Roles.IgnoreQueryFilters().Where(r => r.Id == org.Roles[BuiltInRole.ReportWriter].Id)
            .SelectMany(r => r.Permissions.Select(p => p.Permission)).ToListAsync());
        Assert.That(stored, Is.EquivalentTo(BuiltInRoles.DefaultPermissions(BuiltInRole.ReportWriter)));
    }

    [Test]
    public async Task Member_of_another_organization_gets_not_found()
    {
        var (org, _, _) = await ArrangeAsync(BuiltInRole.Supervisor);
        var (_, outsider, _) = await ArrangeAsync(BuiltInRole.Supervisor, name: "Other Lab");
        RunAsUser(outsider);

        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetMyAccess(org.Organization.Id)));
    }

    [Test]
    public async Task Unknown_organization_answers_exactly_like_a_foreign_one()
    {
        var (_, member, _) = await ArrangeAsync(BuiltInRole.Supervisor);
        RunAsUser(member);

        var ex = Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetMyAccess(Guid.CreateVersion7())));
        Assert.That(ex!.Message, Is.EqualTo("The organization was not found."));
    }

    [Test]
    public async Task Anonymous_caller_is_refused_before_any_lookup()
    {
        var (org, _, _) = await ArrangeAsync(BuiltInRole.Supervisor);
        RunAsAnonymous();

        Assert.ThrowsAsync<UnauthenticatedException>(() => SendAsync(new GetMyAccess(org.Organization.Id)));
    }

    [Test]
    public async Task A_role_edit_takes_effect_on_the_very_next_request()
    {
        var (org, analyst, _) = await ArrangeAsync(BuiltInRole.Analyst);
        RunAsUser(analyst);
        Assert.That((await SendAsync(new GetMyAccess(org.Organization.Id))).Permissions, Does.Not.Contain(Permissions.SamplesAssign));

        var roleId = org.Roles[BuiltInRole.Analyst].Id;
        await WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"RolePermissions\" (\"RoleId\", \"Permission\") VALUES ({roleId}, {Permissions.SamplesAssign})"));

        Assert.That((await SendAsync(new GetMyAccess(org.Organization.Id))).Permissions, Does.Contain(Permissions.SamplesAssign));
    }

    private async Task<(TestData.SeededOrganization Org, Guid UserId, Guid[] Workspaces)> ArrangeAsync(
        BuiltInRole role, int? grant = null, bool roleBasedAccess = true, string name = "Genome Lab")
    {
        return await WithDbAsync(async db =>
        {
            var org = await TestData.AddOrganizationAsync(db, name, roleBasedAccess);
            var genomes = await TestData.AddWorkspaceAsync(db, org.Organization.Id, "Genomes");
            var exomes = await TestData.AddWorkspaceAsync(db, org.Organization.Id, "Exomes");
            Guid[] workspaces = [genomes.Id, exomes.Id];
            var user = await TestData.AddUserAsync(db, $"{role}.{Guid.NewGuid():N}@example.org");
            await TestData.AddMemberAsync(db, org.Organization.Id, user.Id, org.Roles[role].Id,
                grant is { } g ? [workspaces[g]] : []);
            return (org, user.Id, workspaces);
        });
    }
}

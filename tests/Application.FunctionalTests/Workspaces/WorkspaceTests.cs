using VariantMiner.Application.Organizations.Commands.CreateOrganization;
using VariantMiner.Application.Organizations.Queries.ListActivity;
using VariantMiner.Application.Workspaces.Commands.CreateWorkspace;
using VariantMiner.Application.Workspaces.Commands.DeleteWorkspace;
using VariantMiner.Application.Workspaces.Commands.SetWorkspaceAccess;
using VariantMiner.Application.Workspaces.Commands.UpdateWorkspace;
using VariantMiner.Application.Workspaces.Queries.GetWorkspace;
using VariantMiner.Application.Workspaces.Queries.ListWorkspaces;

namespace VariantMiner.Application.FunctionalTests.Workspaces;

public class WorkspaceTests(DatabaseProvider provider) : FunctionalTestBase(provider)
{
    private Guid _owner;
    private Guid _org;
    private Guid _general;

    private async Task ArrangeAsync()
    {
        var owner = await WithDbAsync(db => TestData.AddUserAsync(db, "owner@lab.example", platformAdmin: true));
        _owner = owner.Id;
        RunAsUser(_owner, platformAdmin: true);
        var created = await SendAsync(new CreateOrganization("Genome Lab", null, null));
        (_org, _general) = (created.Id, created.InitialWorkspaceId);
    }

    private Task<Guid> AddMemberAsync(BuiltInRole role, params Guid[] workspaces) => WithDbAsync(async db =>
    {
        var user = await TestData.AddUserAsync(db, $"{role}.{Guid.NewGuid():N}@lab.example");
        var roleId = await db.Roles.IgnoreQueryFilters().Where(r => r.OrganizationId == _org && r.BuiltIn == role).Select(r => r.Id).SingleAsync();
        await TestData.AddMemberAsync(db, _org, user.Id, roleId, workspaces);
        return user.Id;
    });

    [Test]
    public async Task Creator_is_granted_the_new_workspace_and_an_analyst_sees_only_granted_ones()
    {
        await ArrangeAsync();
        var groupAdmin = await AddMemberAsync(BuiltInRole.GroupAdmin);
        var analyst = await AddMemberAsync(BuiltInRole.Analyst, _general);

        RunAsUser(groupAdmin);
        var exomes = await SendAsync(new CreateWorkspace("Exomes", "WES cohort") { OrganizationId = _org });
        Assert.That(exomes.MemberUserIds, Is.EqualTo(new[] { groupAdmin }));
        Assert.That((await SendAsync(new ListWorkspaces(_org))).Select(w => w.Name), Is.EqualTo(new[] { "Exomes" }));

        RunAsUser(analyst);
        Assert.That((await SendAsync(new ListWorkspaces(_org))).Select(w => w.Name), Is.EqualTo(new[] { "General" }));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetWorkspace(_org, exomes.Id)));
        Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new CreateWorkspace("Mine", null) { OrganizationId = _org }));

        RunAsUser(_owner, platformAdmin: true);
        Assert.That((await SendAsync(new ListWorkspaces(_org))).Select(w => w.Name), Is.EqualTo(new[] { "Exomes", "General" }), "Supervisors enter every workspace");
    }

    [TestCase("General")]
    [TestCase("general")]
    [TestCase("  GENERAL ")]
    public async Task Duplicate_names_in_one_organization_conflict_whatever_the_case(string name)
    {
        await ArrangeAsync();
        Assert.ThrowsAsync<ConflictException>(() => SendAsync(new CreateWorkspace(name, null) { OrganizationId = _org }));
        Assert.That(await WithDbAsync(db => db.Workspaces.IgnoreQueryFilters().CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task The_same_name_is_fine_in_another_organization()
    {
        await ArrangeAsync();
        var other = await SendAsync(new CreateOrganization("Other Lab", null, null));
        var general = await SendAsync(new CreateWorkspace("Exomes", null) { OrganizationId = other.Id });
        var again = await SendAsync(new CreateWorkspace("Exomes", null) { OrganizationId = _org });
        Assert.That(general.Id, Is.Not.EqualTo(again.Id));
    }

    [Test]
    public async Task Rename_checks_duplicates_and_delete_needs_its_permission()
    {
        await ArrangeAsync();
        var exomes = await SendAsync(new CreateWorkspace("Exomes", null) { OrganizationId = _org });
        Assert.ThrowsAsync<ConflictException>(() => SendAsync(new UpdateWorkspace("general", null) { OrganizationId = _org, WorkspaceId = exomes.Id }));
        await SendAsync(new UpdateWorkspace("Exomes 2026", "renamed") { OrganizationId = _org, WorkspaceId = exomes.Id });
        Assert.That((await SendAsync(new GetWorkspace(_org, exomes.Id))).Name, Is.EqualTo("Exomes 2026"));

        var groupAdmin = await AddMemberAsync(BuiltInRole.GroupAdmin, exomes.Id);
        RunAsUser(groupAdmin);
        Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new DeleteWorkspace(_org, exomes.Id)));

        RunAsUser(_owner, platformAdmin: true);
        await SendAsync(new DeleteWorkspace(_org, exomes.Id));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetWorkspace(_org, exomes.Id)));
        Assert.That(await WithDbAsync(db => db.Memberships.IgnoreQueryFilters().SelectMany(m => m.WorkspaceGrants).CountAsync(g => g.WorkspaceId == exomes.Id)),
            Is.Zero, "grants go with the workspace");
    }

    [Test]
    public async Task Access_is_granted_and_revoked_for_members_only_and_takes_effect_at_once()
    {
        await ArrangeAsync();
        var analyst = await AddMemberAsync(BuiltInRole.Analyst);
        var outsider = await WithDbAsync(db => TestData.AddUserAsync(db, "outsider@else.example"));

        await SendAsync(new SetWorkspaceAccess(_org, _general, analyst, Granted: true));
        await SendAsync(new SetWorkspaceAccess(_org, _general, analyst, Granted: true)); // idempotent
        RunAsUser(analyst);
        Assert.That((await SendAsync(new GetWorkspace(_org, _general))).MemberUserIds, Does.Contain(analyst));

        RunAsUser(_owner, platformAdmin: true);
        await SendAsync(new SetWorkspaceAccess(_org, _general, analyst, Granted: false));
        RunAsUser(analyst);
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetWorkspace(_org, _general)));

        RunAsUser(_owner, platformAdmin: true);
        var ex = Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new SetWorkspaceAccess(_org, _general, outsider.Id, Granted: true)));
        Assert.That(ex!.Message, Does.Contain("member"));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new SetWorkspaceAccess(_org, Guid.CreateVersion7(), analyst, Granted: true)));

        var actions = (await SendAsync(new ListActivity(_org))).Items.Select(a => a.Action).ToList();
        Assert.That(actions.Count(a => a == "workspace.access.granted"), Is.EqualTo(1), "an idempotent repeat writes no second record");
        Assert.That(actions, Does.Contain("workspace.access.revoked"));
    }

    [Test]
    public async Task Workspace_of_another_organization_is_not_found_even_for_its_own_supervisor_here()
    {
        await ArrangeAsync();
        var other = await SendAsync(new CreateOrganization("Other Lab", null, null));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetWorkspace(_org, other.InitialWorkspaceId)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new DeleteWorkspace(_org, other.InitialWorkspaceId)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new SetWorkspaceAccess(_org, other.InitialWorkspaceId, _owner, true)));
        Assert.That(await WithDbAsync(db => db.Workspaces.IgnoreQueryFilters().CountAsync(w => w.Id == other.InitialWorkspaceId)), Is.EqualTo(1));
    }

    [Test]
    public async Task Activity_pages_through_everything_once_and_hides_workspaces_one_cannot_enter()
    {
        await ArrangeAsync();
        for (var i = 0; i < 7; i++)
            await SendAsync(new CreateWorkspace($"Project {i}", null) { OrganizationId = _org });

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await SendAsync(new ListActivity(_org, Limit: 3, Cursor: cursor));
            Assert.That(page.Items, Has.Count.LessThanOrEqualTo(3));
            seen.AddRange(page.Items.Select(a => a.Id));
            cursor = page.NextCursor;
        } while (cursor is not null);
        Assert.That(seen, Has.Count.EqualTo(8)); // organization.created + 7 workspaces
        Assert.That(seen, Is.Unique);

        var analyst = await AddMemberAsync(BuiltInRole.Analyst, _general);
        RunAsUser(analyst);
        var visible = (await SendAsync(new ListActivity(_org))).Items;
        Assert.That(visible.Select(a => a.Action), Is.EqualTo(new[] { "organization.created" }), "workspace activity of workspaces I cannot enter stays hidden");
    }

    [Test]
    public async Task History_of_a_deleted_workspace_stays_visible_as_the_organizations()
    {
        await ArrangeAsync();
        var exomes = await SendAsync(new CreateWorkspace("Exomes", null) { OrganizationId = _org });
        await SendAsync(new UpdateWorkspace("Exomes 2", null) { OrganizationId = _org, WorkspaceId = exomes.Id });
        var analyst = await AddMemberAsync(BuiltInRole.Analyst, _general);
        RunAsUser(analyst);
        Assert.That((await SendAsync(new ListActivity(_org))).Items.Select(a => a.Action), Does.Not.Contain("workspace.updated"));

        RunAsUser(_owner, platformAdmin: true);
        await SendAsync(new DeleteWorkspace(_org, exomes.Id));

        RunAsUser(analyst);
        var actions = (await SendAsync(new ListActivity(_org))).Items.Select(a => a.Action).ToList();
        Assert.That(actions, Does.Contain("workspace.created").And.Contain("workspace.updated").And.Contain("workspace.deleted"));
    }

    [Test]
    public async Task A_forged_cursor_is_a_validation_error()
    {
        await ArrangeAsync();
        Assert.ThrowsAsync<FluentValidation.ValidationException>(() => SendAsync(new ListActivity(_org, Cursor: "not-a-cursor")));
    }
}

using VariantMiner.Application.Common.Security;
using VariantMiner.Application.Organizations.Queries.GetMyAccess;

namespace VariantMiner.Application.FunctionalTests.Persistence;

/// <summary>
/// A member's access is cached per organization authorization version, which the database bumps by trigger. Every
/// change here is made outside the application (raw SQL, bulk statements, a second context) — as another replica or an
/// administrator would — and the very next request must see it. Without the triggers these tests fail: the lookup
/// would keep answering from its cache.
/// </summary>
public class AuthorizationVersionTests(DatabaseProvider provider) : FunctionalTestBase(provider)
{
    [Test]
    public async Task Lookups_at_an_unchanged_version_are_served_from_the_cache()
    {
        var (org, analyst, _) = await ArrangeAsync(BuiltInRole.Analyst);

        var first = await InScopeAsync<IMembershipLookup, OrganizationAccess?>(l => l.FindAsync(analyst, org, CancellationToken.None));
        var second = await InScopeAsync<IMembershipLookup, OrganizationAccess?>(l => l.FindAsync(analyst, org, CancellationToken.None));

        Assert.That(first, Is.Not.Null);
        Assert.That(second, Is.SameAs(first), "the second request reuses the access computed at the same version");
    }

    [Test]
    public async Task Sign_ins_and_position_edits_do_not_bump_the_version()
    {
        var (org, analyst, _) = await ArrangeAsync(BuiltInRole.Analyst);
        var before = await VersionAsync(org);

        await WithDbAsync(db => db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == analyst)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastLoginAt, DateTimeOffset.UtcNow).SetProperty(m => m.Position, "Lead")));
        await WithDbAsync(db => db.Organizations.Where(o => o.Id == org).ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, "Renamed Lab")));

        Assert.That(await VersionAsync(org), Is.EqualTo(before));
    }

    [Test]
    public async Task Removing_a_permission_from_the_role_takes_effect_on_the_next_request()
    {
        var (org, analyst, roles) = await ArrangeAsync(BuiltInRole.Analyst);
        Assert.That(await PermissionsAsync(org, analyst), Does.Contain(Permissions.SamplesDefine));

        await WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"DELETE FROM \"RolePermissions\" WHERE \"RoleId\" = {roles[BuiltInRole.Analyst]} AND \"Permission\" = {Permissions.SamplesDefine}"));

        Assert.That(await PermissionsAsync(org, analyst), Does.Not.Contain(Permissions.SamplesDefine));
    }

    [Test]
    public async Task Moving_the_member_to_another_role_takes_effect_on_the_next_request()
    {
        var (org, analyst, roles) = await ArrangeAsync(BuiltInRole.Analyst);
        await AccessAsync(org, analyst);

        await WithDbAsync(db => db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == analyst)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.RoleId, roles[BuiltInRole.ReportWriter])));

        Assert.That((await AccessAsync(org, analyst)).Role.Name, Is.EqualTo("Report Writer"));
    }

    [Test]
    public async Task Renaming_the_role_takes_effect_on_the_next_request()
    {
        var (org, analyst, roles) = await ArrangeAsync(BuiltInRole.Analyst);
        await AccessAsync(org, analyst);

        await WithDbAsync(db => db.Roles.IgnoreQueryFilters().Where(r => r.Id == roles[BuiltInRole.Analyst])
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Name, "Bioinformatician")));

        Assert.That((await AccessAsync(org, analyst)).Role.Name, Is.EqualTo("Bioinformatician"));
    }

    [Test]
    public async Task Removing_the_membership_takes_effect_on_the_next_request()
    {
        var (org, analyst, _) = await ArrangeAsync(BuiltInRole.Analyst);
        await AccessAsync(org, analyst);

        await WithDbAsync(db => db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == analyst).ExecuteDeleteAsync());

        Assert.ThrowsAsync<NotFoundException>(() => AccessAsync(org, analyst));
    }

    [Test]
    public async Task Joining_after_being_refused_takes_effect_on_the_next_request()
    {
        var (org, _, roles) = await ArrangeAsync(BuiltInRole.Analyst);
        var newcomer = (await WithDbAsync(db => TestData.AddUserAsync(db, "newcomer@example.org"))).Id;
        RunAsUser(newcomer);
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetMyAccess(org)));

        await WithDbAsync(db => TestData.AddMemberAsync(db, org, newcomer, roles[BuiltInRole.ClinicalCurator]));

        Assert.That((await SendAsync(new GetMyAccess(org))).Role.Name, Is.EqualTo("Clinical Curator"));
    }

    [Test]
    public async Task Revoking_a_workspace_grant_takes_effect_on_the_next_request()
    {
        var (org, analyst, _) = await ArrangeAsync(BuiltInRole.Analyst);
        Assert.That((await AccessAsync(org, analyst)).Workspaces, Has.Count.EqualTo(2));

        await WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"DELETE FROM \"WorkspaceGrants\" WHERE \"WorkspaceId\" = (SELECT \"Id\" FROM \"Workspaces\" WHERE \"Name\" = 'Exomes')"));

        Assert.That((await AccessAsync(org, analyst)).Workspaces.Select(w => w.Name), Is.EqualTo(new[] { "Genomes" }));
    }

    [Test]
    public async Task Workspaces_appearing_and_disappearing_take_effect_for_a_supervisor_on_the_next_request()
    {
        var (org, owner, _) = await ArrangeAsync(BuiltInRole.Supervisor);
        Assert.That((await AccessAsync(org, owner)).Workspaces, Has.Count.EqualTo(2));

        await WithDbAsync(db => TestData.AddWorkspaceAsync(db, org, "Panels"));
        Assert.That((await AccessAsync(org, owner)).Workspaces.Select(w => w.Name), Is.EquivalentTo(new[] { "Genomes", "Exomes", "Panels" }));

        await WithDbAsync(db => db.Workspaces.IgnoreQueryFilters().Where(w => w.Name == "Genomes").ExecuteDeleteAsync());
        Assert.That((await AccessAsync(org, owner)).Workspaces.Select(w => w.Name), Is.EquivalentTo(new[] { "Exomes", "Panels" }));
    }

    [Test]
    public async Task Turning_the_role_based_access_switch_takes_effect_on_the_next_request()
    {
        var (org, writer, _) = await ArrangeAsync(BuiltInRole.ReportWriter);
        Assert.That(await PermissionsAsync(org, writer), Does.Not.Contain(Permissions.SamplesViewAll));

        await WithDbAsync(db => db.Organizations.Where(o => o.Id == org).ExecuteUpdateAsync(s => s.SetProperty(o => o.RoleBasedAccessEnabled, false)));
        Assert.That(await PermissionsAsync(org, writer), Does.Contain(Permissions.SamplesViewAll));

        // And back, through a tracked entity this time.
        await WithDbAsync(async db =>
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == org);
            organization.SetRoleBasedAccess(true);
            return await db.SaveChangesAsync();
        });
        Assert.That(await PermissionsAsync(org, writer), Does.Not.Contain(Permissions.SamplesViewAll));
    }

    [Test]
    public async Task Every_trigger_the_model_declares_exists_in_the_migrated_database_and_no_other()
    {
        var declared = await WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes()
            .SelectMany(t => t.GetDeclaredTriggers()).Select(t => t.ModelName).Order().ToList()));
        var sql = Provider == DatabaseProvider.Sqlite
            ? "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'trigger'"
            : "SELECT tgname::text AS \"Value\" FROM pg_trigger WHERE NOT tgisinternal";
        var actual = await WithDbAsync(db => db.Database.SqlQueryRaw<string>(sql).ToListAsync());

        Assert.That(actual.Order(), Is.EqualTo(declared));
        Assert.That(declared, Has.Count.EqualTo(22)); // with the three of signed reports and closed statements
    }

    private async Task<MyAccessDto> AccessAsync(Guid org, Guid user)
    {
        RunAsUser(user);
        return await SendAsync(new GetMyAccess(org));
    }

    private async Task<IReadOnlyList<string>> PermissionsAsync(Guid org, Guid user) => (await AccessAsync(org, user)).Permissions;

    private Task<long> VersionAsync(Guid org) => WithDbAsync(db => db.Organizations.Where(o => o.Id == org)
        .Select(o => EF.Property<long>(o, "AuthorizationVersion")).SingleAsync());

    /// <summary>An organization with two workspaces and one member of <paramref name="role"/> granted both.</summary>
    private async Task<(Guid Org, Guid User, IReadOnlyDictionary<BuiltInRole, Guid> Roles)> ArrangeAsync(BuiltInRole role) =>
        await WithDbAsync(async db =>
        {
            var org = await TestData.AddOrganizationAsync(db, "Genome Lab");
            var genomes = await TestData.AddWorkspaceAsync(db, org.Organization.Id, "Genomes");
            var exomes = await TestData.AddWorkspaceAsync(db, org.Organization.Id, "Exomes");
            var user = await TestData.AddUserAsync(db, $"{role}@example.org");
            await TestData.AddMemberAsync(db, org.Organization.Id, user.Id, org.Roles[role].Id, genomes.Id, exomes.Id);
            return (org.Organization.Id, user.Id, (IReadOnlyDictionary<BuiltInRole, Guid>)org.Roles.ToDictionary(r => r.Key, r => r.Value.Id));
        });
}

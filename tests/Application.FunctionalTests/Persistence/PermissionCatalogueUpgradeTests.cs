using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using static VariantMiner.Domain.Authorization.Permissions;

namespace VariantMiner.Application.FunctionalTests.Persistence;

/// <summary>
/// A database created before the catalogue grew: its organization's built-in roles get the defaults of the new keys
/// at start-up, and the organization's own edits of the keys it already had stay as they were.
/// </summary>
public class PermissionCatalogueUpgradeTests(DatabaseProvider provider) : FunctionalTestBase(provider)
{
    private static readonly string[] Sixteen =
    [
        OrganizationSettingsManage, OrganizationAnalyticsView, OrganizationBillingManage, UsersInvite, UsersManage, RolesManage,
        WorkspacesCreate, WorkspacesDelete, WorkspacesAccessManage, SamplesDefine, SamplesAssign, SamplesViewAll, SamplesViewAssigned,
        AnalysesLaunchWorkflow, AnalysesLaunchDirect, AnalysesLaunchSub,
    ];

    [Test]
    public async Task An_old_database_gets_the_new_defaults_and_keeps_its_own_edits()
    {
        var old = await Database.CreateEmptySiblingAsync();
        var org = Guid.NewGuid();
        var roles = new Dictionary<string, (Guid Id, string? BuiltIn, string[] Permissions)>
        {
            ["Supervisor"] = (Guid.NewGuid(), "Supervisor", Sixteen),
            // The organization's own edits: the Group Admin was given roles.manage, the Analyst lost samples.define.
            ["GroupAdmin"] = (Guid.NewGuid(), "GroupAdmin", [OrganizationSettingsManage, UsersInvite, UsersManage, RolesManage, SamplesViewAll]),
            ["Analyst"] = (Guid.NewGuid(), "Analyst", [SamplesViewAssigned, AnalysesLaunchWorkflow]),
            ["ReportWriter"] = (Guid.NewGuid(), "ReportWriter", [SamplesViewAssigned]),
            ["Custom"] = (Guid.NewGuid(), null, [SamplesViewAll]),
        };
        await using (var db = TestDatabase.CreateContext(old))
        {
            // The schema as it was before the catalogue grew.
            await db.GetService<IMigrator>().MigrateAsync("20261126090000_InvitationIssuer");
            object now = Provider == DatabaseProvider.Sqlite ? DateTime.UtcNow : DateTimeOffset.UtcNow;
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Organizations" ("Id","Name","RoleBasedAccessEnabled","StorageQuotaBytes","StorageUsedBytes","AllowedInvitationDomains","CreatedAt","AuthorizationVersion")
                VALUES ({org},'Old Lab',{true},0,0,'',{now},1)
                """);
            foreach (var (name, (id, builtIn, permissions)) in roles)
            {
                await db.Database.ExecuteSqlAsync(
                    $"""INSERT INTO "Roles" ("Id","OrganizationId","Version","Name","BuiltIn") VALUES ({id},{org},{Guid.NewGuid()},{name},{builtIn})""");
                foreach (var permission in permissions)
                    await db.Database.ExecuteSqlAsync($"""INSERT INTO "RolePermissions" ("RoleId","Permission") VALUES ({id},{permission})""");
            }
        }

        await using (var db = TestDatabase.CreateContext(old)) await DatabaseSetup.MigrateAsync(db, old); // what start-up does

        async Task<Dictionary<string, string[]>> ReadAsync()
        {
            await using var db = TestDatabase.CreateContext(old);
            return await db.Roles.IgnoreQueryFilters().Where(r => r.OrganizationId == org)
                .ToDictionaryAsync(r => r.Name, r => r.Permissions.Select(p => p.Permission).OrderBy(p => p).ToArray());
        }
        var after = await ReadAsync();
        Assert.That(after["Supervisor"], Is.EquivalentTo(All));
        Assert.That(after["GroupAdmin"], Is.EquivalentTo(new[] { OrganizationSettingsManage, UsersInvite, UsersManage, RolesManage, SamplesViewAll,
            ReferencesManage, VariantsClassify, OrdersManage, ReportsWrite, SamplesDelete }), "a permission added later reaches the built-in roles it is a default of");
        Assert.That(after["Analyst"], Is.EquivalentTo(new[] { SamplesViewAssigned, AnalysesLaunchWorkflow, VariantsClassify }),
            "the removed samples.define stays removed");
        Assert.That(after["ReportWriter"], Is.EquivalentTo(new[] { SamplesViewAssigned, ReportsWrite }));
        Assert.That(after["Custom"], Is.EquivalentTo(new[] { SamplesViewAll }), "custom roles have no defaults to offer");

        // Offered once: an edit after the upgrade survives the next start-up.
        await using (var db = TestDatabase.CreateContext(old))
        {
            var analyst = await db.Roles.IgnoreQueryFilters().Include(r => r.Permissions).SingleAsync(r => r.Id == roles["Analyst"].Id);
            analyst.SetPermissions([SamplesViewAssigned], All);
            await db.SaveChangesAsync();
        }
        await using (var db = TestDatabase.CreateContext(old)) await DatabaseSetup.MigrateAsync(db, old);
        Assert.That((await ReadAsync())["Analyst"], Is.EquivalentTo(new[] { SamplesViewAssigned }));
    }
}

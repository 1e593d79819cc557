using VariantMiner.Application.Common.Security;

namespace VariantMiner.Application.FunctionalTests.Persistence;

/// <summary>The data layer's second line of defence: tenant rows are filtered to the request's organization.</summary>
public class TenantFilterTests(DatabaseProvider provider) : FunctionalTestBase(provider)
{
    [Test]
    public async Task Scoped_context_sees_only_its_organizations_rows_and_an_unscoped_one_sees_none()
    {
        var (a, b) = await WithDbAsync(async db =>
        {
            var a = await TestData.AddOrganizationAsync(db, "Lab A");
            var b = await TestData.AddOrganizationAsync(db, "Lab B");
            await TestData.AddWorkspaceAsync(db, a.Organization.Id, "A1");
            await TestData.AddWorkspaceAsync(db, b.Organization.Id, "B1");
            return (a.Organization.Id, b.Organization.Id);
        });

        var scopeA = new OrganizationContext();
        scopeA.Enter(new OrganizationAccess(a, Guid.NewGuid(), Guid.NewGuid(), "x", BuiltInRole.Supervisor, true, Permissions.All, new HashSet<Guid>()), null);
        await using (var db = Database.CreateContext(scopeA))
        {
            Assert.That(await db.Workspaces.Select(w => w.Name).ToListAsync(), Is.EqualTo(new[] { "A1" }));
            Assert.That(await db.Roles.Select(r => r.OrganizationId).Distinct().ToListAsync(), Is.EqualTo(new[] { a }));
            // Even an explicit id of organization B finds nothing.
            Assert.That(await db.Workspaces.AnyAsync(w => w.OrganizationId == b), Is.False);
        }

        await using (var db = Database.CreateContext(new OrganizationContext()))
        {
            Assert.That(await db.Workspaces.CountAsync(), Is.Zero, "outside an organization scope the filter must fail closed");
            Assert.That(await db.Roles.CountAsync(), Is.Zero);
        }
    }
}

using VariantMiner.Domain.Organizations;

namespace VariantMiner.Application.FunctionalTests.Persistence;

/// <summary>
/// The database's refusals a user can cause reach the application as its own exceptions (409), whichever provider:
/// the layers above Infrastructure know neither SQLite nor PostgreSQL.
/// </summary>
public class DatabaseErrorTests(DatabaseProvider provider) : FunctionalTestBase(provider)
{
    [Test]
    public async Task A_unique_index_violation_is_a_conflict()
    {
        var org = await WithDbAsync(db => TestData.AddOrganizationAsync(db, "Unique Lab"));
        await WithDbAsync(db => TestData.AddWorkspaceAsync(db, org.Organization.Id, "Genomes"));
        RunAsUser(Guid.NewGuid()); // a signed-in actor, as in every command
        // As a concurrent request would: the name check passed, then the insert meets the unique index.
        Assert.ThrowsAsync<ConflictException>(() => InScopeAsync<AppDbContext, int>(db =>
        {
            db.Workspaces.Add(new Workspace(org.Organization.Id, "Genomes", DateTimeOffset.UtcNow));
            return db.SaveChangesAsync();
        }));
    }

    [Test]
    public async Task A_row_changed_by_someone_else_since_it_was_read_is_a_conflict()
    {
        var org = await WithDbAsync(db => TestData.AddOrganizationAsync(db, "Concurrent Lab"));
        var roleId = org.Roles[Domain.Authorization.BuiltInRole.Analyst].Id;
        RunAsUser(Guid.NewGuid());
        Assert.ThrowsAsync<ConflictException>(() => InScopeAsync<AppDbContext, int>(async db =>
        {
            var role = await db.Roles.IgnoreQueryFilters().Include(r => r.Permissions).SingleAsync(r => r.Id == roleId);
            await WithDbAsync(async other =>
            {
                var same = await other.Roles.IgnoreQueryFilters().Include(r => r.Permissions).SingleAsync(r => r.Id == roleId);
                same.SetPermissions([Permissions.SamplesViewAll], Permissions.All);
                return await other.SaveChangesAsync();
            });
            role.SetPermissions([Permissions.SamplesDefine], Permissions.All);
            return await db.SaveChangesAsync();
        }));
    }
}

using VariantMiner.Application.Organizations.Commands.CreateOrganization;

namespace VariantMiner.Application.FunctionalTests.People;

/// <summary>An organization created through the real use case, owned by <see cref="Owner"/>, plus helpers to add members.</summary>
public abstract class PeopleTestBase(DatabaseProvider provider) : FunctionalTestBase(provider)
{
    protected Guid Owner { get; private set; }
    protected Guid Org { get; private set; }
    protected Guid General { get; private set; }

    protected async Task ArrangeOrganizationAsync(string name = "Genome Lab")
    {
        var owner = await WithDbAsync(db => TestData.AddUserAsync(db, "owner@lab.example", platformAdmin: true));
        Owner = owner.Id;
        RunAsOwner();
        var created = await SendAsync(new CreateOrganization(name, null, null));
        (Org, General) = (created.Id, created.InitialWorkspaceId);
    }

    protected void RunAsOwner() => RunAsUser(Owner, platformAdmin: true);

    protected Task<Guid> RoleIdAsync(BuiltInRole role) =>
        WithDbAsync(db => db.Roles.IgnoreQueryFilters().Where(r => r.OrganizationId == Org && r.BuiltIn == role).Select(r => r.Id).SingleAsync());

    protected Task<Guid> AddMemberAsync(BuiltInRole role, string? email = null, string? displayName = null) => WithDbAsync(async db =>
    {
        var user = await TestData.AddUserAsync(db, email ?? $"{role}.{Guid.NewGuid():N}@lab.example");
        if (displayName is not null)
        {
            user.DisplayName = displayName;
            await db.SaveChangesAsync();
        }
        var roleId = await db.Roles.IgnoreQueryFilters().Where(r => r.OrganizationId == Org && r.BuiltIn == role).Select(r => r.Id).SingleAsync();
        await TestData.AddMemberAsync(db, Org, user.Id, roleId, General);
        return user.Id;
    });
}

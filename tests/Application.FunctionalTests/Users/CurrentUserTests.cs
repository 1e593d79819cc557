using VariantMiner.Application.Users.Queries.GetCurrentUser;

namespace VariantMiner.Application.FunctionalTests.Users;

public class CurrentUserTests(DatabaseProvider provider) : FunctionalTestBase(provider)
{
    [Test]
    public async Task Returns_the_signed_in_account()
    {
        var user = await WithDbAsync(db => TestData.AddUserAsync(db, "ada@example.org", platformAdmin: true));
        RunAsUser(user.Id, platformAdmin: true);

        var me = await SendAsync(new GetCurrentUser());

        Assert.That(me, Is.EqualTo(new CurrentUserDto(user.Id, "ada@example.org", "ada", true, null, CanCreateOrganizations: true, EmailVerified: true)));
    }

    [TestCase(false, false)]
    [TestCase(true, true)]
    public async Task Ordinary_users_may_create_organizations_only_with_self_service(bool selfService, bool expected)
    {
        UseSetting("Organizations:SelfServiceCreation", selfService.ToString());
        var user = await WithDbAsync(db => TestData.AddUserAsync(db, "bob@example.org"));
        RunAsUser(user.Id);
        Assert.That((await SendAsync(new GetCurrentUser())).CanCreateOrganizations, Is.EqualTo(expected));
    }

    [Test]
    public void A_session_whose_account_is_gone_counts_as_signed_out()
    {
        RunAsUser(Guid.CreateVersion7());
        Assert.ThrowsAsync<UnauthenticatedException>(() => SendAsync(new GetCurrentUser()));
    }
}

using Moq;
using VariantMiner.Application.Common.Behaviors;
using VariantMiner.Application.Common.Exceptions;
using VariantMiner.Application.Common.Security;

namespace VariantMiner.Application.UnitTests;

public class CurrentUserBehaviorTests
{
    private static Mock<ICurrentUser> User(Guid? id, bool admin = false)
    {
        var user = new Mock<ICurrentUser>();
        user.SetupGet(u => u.UserId).Returns(id);
        user.SetupGet(u => u.IsPlatformAdmin).Returns(admin);
        return user;
    }

    [Test]
    public void Anonymous_caller_of_a_request_that_needs_a_user_gets_401_and_nothing_runs()
    {
        var next = new Pipeline.Next<PlainRequest>();
        var behavior = new CurrentUserBehavior<PlainRequest, string>(User(null).Object);
        Assert.ThrowsAsync<UnauthenticatedException>(async () => await behavior.Handle(new PlainRequest(), next.Delegate, default));
        Assert.That(next.Called, Is.False);
    }

    [Test]
    public async Task Anonymous_caller_of_an_anonymous_request_passes()
    {
        var next = new Pipeline.Next<AnonymousRequest>();
        var behavior = new CurrentUserBehavior<AnonymousRequest, string>(User(null).Object);
        Assert.That(await behavior.Handle(new AnonymousRequest(), next.Delegate, default), Is.EqualTo("handled"));
    }

    [Test]
    public async Task Signed_in_caller_passes()
    {
        var next = new Pipeline.Next<PlainRequest>();
        var behavior = new CurrentUserBehavior<PlainRequest, string>(User(Guid.NewGuid()).Object);
        await behavior.Handle(new PlainRequest(), next.Delegate, default);
        Assert.That(next.Called, Is.True);
    }

}

using Moq;
using VariantMiner.Application.Common.Behaviors;
using VariantMiner.Application.Common.Exceptions;
using VariantMiner.Application.Common.Security;

namespace VariantMiner.Application.UnitTests;

public class OrganizationScopeBehaviorTests
{
    private readonly Guid _userId = Guid.NewGuid();
    private readonly Guid _organizationId = Guid.NewGuid();
    // NUnit shares one fixture instance between tests: fresh mocks for each.
    private Mock<ICurrentUser> _user = null!;
    private Mock<IMembershipLookup> _lookup = null!;
    private OrganizationContext _context = null!;

    [SetUp]
    public void SignIn()
    {
        _user = new Mock<ICurrentUser>();
        _user.SetupGet(u => u.UserId).Returns(_userId);
        _user.SetupGet(u => u.Session).Returns(SessionFacts.Unknown);
        _lookup = new Mock<IMembershipLookup>(MockBehavior.Strict);
        _context = new OrganizationContext();
    }

    private OrganizationScopeBehavior<T, string> Behavior<T>() where T : notnull, Mediator.IMessage =>
        new(_user.Object, _lookup.Object, _context, TimeProvider.System);

    [Test]
    public void Non_member_gets_404_and_nothing_runs()
    {
        _lookup.Setup(l => l.FindAsync(_userId, _organizationId, It.IsAny<CancellationToken>())).ReturnsAsync((OrganizationAccess?)null);
        var next = new Pipeline.Next<OrgRequest>();
        var ex = Assert.ThrowsAsync<NotFoundException>(async () => await Behavior<OrgRequest>().Handle(new OrgRequest(_organizationId), next.Delegate, default));
        Assert.That(ex!.Message, Does.Contain("organization"));
        Assert.That(next.Called, Is.False);
        Assert.That(_context.OrganizationId, Is.Null);
    }

    [Test]
    public async Task Member_enters_the_scope_once_and_the_context_holds_the_access()
    {
        var access = Pipeline.Access(_organizationId);
        _lookup.Setup(l => l.FindAsync(_userId, _organizationId, It.IsAny<CancellationToken>())).ReturnsAsync(access);
        var next = new Pipeline.Next<OrgRequest>();
        await Behavior<OrgRequest>().Handle(new OrgRequest(_organizationId), next.Delegate, default);
        Assert.That(next.Called, Is.True);
        Assert.That(_context.OrganizationId, Is.EqualTo(_organizationId));
        Assert.That(_context.Access, Is.SameAs(access));
        _lookup.Verify(l => l.FindAsync(_userId, _organizationId, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public void Workspace_the_member_cannot_enter_answers_404()
    {
        _lookup.Setup(l => l.FindAsync(_userId, _organizationId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Pipeline.Access(_organizationId, workspaces: [Guid.NewGuid()]));
        var next = new Pipeline.Next<WorkspaceRequest>();
        var ex = Assert.ThrowsAsync<NotFoundException>(async () =>
            await Behavior<WorkspaceRequest>().Handle(new WorkspaceRequest(_organizationId, Guid.NewGuid()), next.Delegate, default));
        Assert.That(ex!.Message, Does.Contain("workspace"));
        Assert.That(next.Called, Is.False);
    }

    [Test]
    public async Task Enterable_workspace_passes_and_is_recorded()
    {
        var workspaceId = Guid.NewGuid();
        _lookup.Setup(l => l.FindAsync(_userId, _organizationId, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Pipeline.Access(_organizationId, workspaces: [workspaceId]));
        var next = new Pipeline.Next<WorkspaceRequest>();
        await Behavior<WorkspaceRequest>().Handle(new WorkspaceRequest(_organizationId, workspaceId), next.Delegate, default);
        Assert.That(next.Called, Is.True);
        Assert.That(_context.WorkspaceId, Is.EqualTo(workspaceId));
    }

    [Test]
    public void Authorization_fails_closed_when_the_membership_lookup_throws()
    {
        _lookup.Setup(l => l.FindAsync(_userId, _organizationId, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("database unreachable"));
        var next = new Pipeline.Next<OrgRequest>();
        Assert.ThrowsAsync<TimeoutException>(async () => await Behavior<OrgRequest>().Handle(new OrgRequest(_organizationId), next.Delegate, default));
        Assert.That(next.Called, Is.False);
        Assert.Throws<InvalidOperationException>(() => _ = _context.Access);
    }

    [Test]
    public async Task Requests_outside_an_organization_skip_the_lookup()
    {
        var next = new Pipeline.Next<PlainRequest>();
        await Behavior<PlainRequest>().Handle(new PlainRequest(), next.Delegate, default);
        Assert.That(next.Called, Is.True);
        _lookup.VerifyNoOtherCalls();
    }
}

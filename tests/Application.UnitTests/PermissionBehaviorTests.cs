using Moq;
using VariantMiner.Application.Common.Behaviors;
using VariantMiner.Application.Common.Exceptions;
using VariantMiner.Application.Common.Security;
using VariantMiner.Domain.Authorization;

namespace VariantMiner.Application.UnitTests;

public class PermissionBehaviorTests
{
    private readonly Guid _organizationId = Guid.NewGuid();

    private static PermissionBehavior<T, string> Behavior<T>(OrganizationAccess? access, params IRequestPolicy<T>[] policies)
        where T : notnull, Mediator.IMessage => Behavior(access, platformAdmin: false, policies);

    private static PermissionBehavior<T, string> Behavior<T>(OrganizationAccess? access, bool platformAdmin, params IRequestPolicy<T>[] policies)
        where T : notnull, Mediator.IMessage
    {
        var context = new Mock<IOrganizationContext>();
        if (access is null) context.SetupGet(c => c.Access).Throws(new InvalidOperationException("no scope"));
        else context.SetupGet(c => c.Access).Returns(access);
        var user = new Mock<ICurrentUser>();
        user.SetupGet(u => u.UserId).Returns(Guid.NewGuid());
        user.SetupGet(u => u.IsPlatformAdmin).Returns(platformAdmin);
        return new PermissionBehavior<T, string>(context.Object, user.Object, policies);
    }

    [Test]
    public async Task A_platform_administration_request_needs_a_platform_administrator()
    {
        var next = new Pipeline.Next<PlatformAdminRequest>();
        Assert.ThrowsAsync<ForbiddenException>(async () => await Behavior<PlatformAdminRequest>(null, platformAdmin: false).Handle(new PlatformAdminRequest(), next.Delegate, default));
        Assert.That(next.Called, Is.False);
        await Behavior<PlatformAdminRequest>(null, platformAdmin: true).Handle(new PlatformAdminRequest(), next.Delegate, default);
        Assert.That(next.Called, Is.True);
    }

    private sealed class RefusingPolicy : IRequestPolicy<TwoPermissionRequest>
    {
        public void Authorize(TwoPermissionRequest message) => throw new ForbiddenException("the policy refuses");
    }

    [Test]
    public void A_request_policy_refuses_after_the_declared_permissions_held_and_the_handler_never_runs()
    {
        var next = new Pipeline.Next<TwoPermissionRequest>();
        var access = Pipeline.Access(_organizationId, [Permissions.SamplesDefine, Permissions.SamplesAssign]);
        var behavior = Behavior(access, new RefusingPolicy());
        Assert.ThrowsAsync<ForbiddenException>(async () => await behavior.Handle(new TwoPermissionRequest(_organizationId), next.Delegate, default));
        Assert.That(next.Called, Is.False);
    }

    [Test]
    public async Task All_declared_permissions_held_passes()
    {
        var next = new Pipeline.Next<TwoPermissionRequest>();
        var access = Pipeline.Access(_organizationId, [Permissions.SamplesDefine, Permissions.SamplesAssign]);
        await Behavior<TwoPermissionRequest>(access).Handle(new TwoPermissionRequest(_organizationId), next.Delegate, default);
        Assert.That(next.Called, Is.True);
    }

    [Test]
    public void One_missing_permission_of_two_gives_403_naming_it()
    {
        var next = new Pipeline.Next<TwoPermissionRequest>();
        var access = Pipeline.Access(_organizationId, [Permissions.SamplesDefine]);
        var ex = Assert.ThrowsAsync<ForbiddenException>(async () =>
            await Behavior<TwoPermissionRequest>(access).Handle(new TwoPermissionRequest(_organizationId), next.Delegate, default));
        Assert.That(ex!.Message, Does.Contain(Permissions.SamplesAssign).And.Not.Contain(Permissions.SamplesDefine));
        Assert.That(next.Called, Is.False);
    }

    [Test]
    public async Task Request_without_declared_permissions_passes_without_reading_the_scope()
    {
        var next = new Pipeline.Next<OrgRequest>();
        await Behavior<OrgRequest>(access: null).Handle(new OrgRequest(_organizationId), next.Delegate, default);
        Assert.That(next.Called, Is.True);
    }

    [Test]
    public void Permissions_on_a_request_without_organization_scope_are_refused_not_ignored()
    {
        var next = new Pipeline.Next<MisdeclaredRequest>();
        Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await Behavior<MisdeclaredRequest>(Pipeline.Access(_organizationId, Permissions.All)).Handle(new MisdeclaredRequest(), next.Delegate, default));
        Assert.That(next.Called, Is.False);
    }

    [Test]
    public void Unknown_permission_key_is_refused_even_for_someone_holding_everything()
    {
        var next = new Pipeline.Next<UnknownPermissionRequest>();
        Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await Behavior<UnknownPermissionRequest>(Pipeline.Access(_organizationId, Permissions.All))
                .Handle(new UnknownPermissionRequest(_organizationId), next.Delegate, default));
        Assert.That(next.Called, Is.False);
    }

    [Test]
    public void Missing_scope_fails_closed()
    {
        var next = new Pipeline.Next<TwoPermissionRequest>();
        Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await Behavior<TwoPermissionRequest>(access: null).Handle(new TwoPermissionRequest(_organizationId), next.Delegate, default));
        Assert.That(next.Called, Is.False);
    }

    [TestCase(Permissions.UsersManage)]
    [TestCase(Permissions.WorkspacesAccessManage)]
    public async Task Any_of_passes_with_one_of_the_listed_permissions(string held)
    {
        var next = new Pipeline.Next<AnyOfRequest>();
        await Behavior<AnyOfRequest>(Pipeline.Access(_organizationId, [held])).Handle(new AnyOfRequest(_organizationId), next.Delegate, default);
        Assert.That(next.Called, Is.True);
    }

    [Test]
    public void Any_of_refuses_with_none_of_them()
    {
        var next = new Pipeline.Next<AnyOfRequest>();
        var ex = Assert.ThrowsAsync<ForbiddenException>(async () =>
            await Behavior<AnyOfRequest>(Pipeline.Access(_organizationId, [Permissions.UsersInvite])).Handle(new AnyOfRequest(_organizationId), next.Delegate, default));
        Assert.That(ex!.Message, Does.Contain(Permissions.UsersManage));
        Assert.That(next.Called, Is.False);
    }

    [Test]
    public void Supervisor_only_request_refuses_a_member_holding_every_permission_but_not_the_role()
    {
        var next = new Pipeline.Next<SupervisorRequest>();
        Assert.ThrowsAsync<ForbiddenException>(async () =>
            await Behavior<SupervisorRequest>(Pipeline.Access(_organizationId, Permissions.All)).Handle(new SupervisorRequest(_organizationId), next.Delegate, default));
        Assert.That(next.Called, Is.False);
    }
}

using VariantMiner.Application.Members;
using VariantMiner.Application.Members.Commands.RemoveMember;
using VariantMiner.Application.Members.Commands.UpdateMember;
using VariantMiner.Application.Members.Queries.ListMembers;
using VariantMiner.Application.Organizations.Queries.GetMyAccess;
using VariantMiner.Application.Organizations.Queries.ListActivity;
using VariantMiner.Domain.Common;

namespace VariantMiner.Application.FunctionalTests.People;

public class MemberTests(DatabaseProvider provider) : PeopleTestBase(provider)
{
    [Test]
    public async Task Search_is_partial_and_case_insensitive_on_name_or_email_and_the_role_filter_narrows_it()
    {
        await ArrangeOrganizationAsync();
        var ada = await AddMemberAsync(BuiltInRole.Analyst, "ada.lovelace@lab.example", "Ada Lovelace");
        var grace = await AddMemberAsync(BuiltInRole.ClinicalCurator, "grace@navy.example", "Grace Hopper");
        var alan = await AddMemberAsync(BuiltInRole.Analyst, "turing@lab.example", "Alan Turing");

        Assert.That(Ids(await SendAsync(new ListMembers(Org, Search: "LOVE"))), Is.EquivalentTo(new[] { ada }));
        Assert.That(Ids(await SendAsync(new ListMembers(Org, Search: "navy.EX"))), Is.EquivalentTo(new[] { grace }));
        Assert.That(Ids(await SendAsync(new ListMembers(Org, Search: "a"))), Is.SupersetOf(new[] { ada, grace, alan }));
        var analysts = await SendAsync(new ListMembers(Org, RoleId: await RoleIdAsync(BuiltInRole.Analyst)));
        Assert.That(Ids(analysts), Is.EquivalentTo(new[] { ada, alan }));
        Assert.That(analysts.Total, Is.EqualTo(2));
        Assert.That(Ids(await SendAsync(new ListMembers(Org, Search: "%"))), Is.Empty, "LIKE wildcards are taken literally");
        var row = (await SendAsync(new ListMembers(Org, Search: "ada"))).Items.Single();
        Assert.That((row.Email, row.Role.Name, row.WorkspaceIds.Single()), Is.EqualTo(("ada.lovelace@lab.example", "Analyst", General)));
    }

    [Test]
    public async Task Cursor_paging_by_name_and_by_last_login_visits_everyone_once_in_order()
    {
        await ArrangeOrganizationAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++) ids.Add(await AddMemberAsync(BuiltInRole.Analyst, displayName: $"Member {i:00}"));
        await WithDbAsync(async db =>
        {
            var memberships = await db.Memberships.IgnoreQueryFilters().Where(m => ids.Contains(m.UserId)).ToListAsync();
            foreach (var m in memberships.Where((_, i) => i % 2 == 0)) m.RecordLogin(DateTimeOffset.UtcNow.AddMinutes(-ids.IndexOf(m.UserId)));
            return await db.SaveChangesAsync();
        });

        foreach (var sort in new[] { MemberSort.Name, MemberSort.LastLogin })
        {
            var seen = new List<MemberDto>();
            string? cursor = null;
            do
            {
                var page = await SendAsync(new ListMembers(Org, Sort: sort.ToString(), Limit: 3, Cursor: cursor));
                Assert.That(page.Total, Is.EqualTo(8));
                seen.AddRange(page.Items);
                cursor = page.NextCursor;
            } while (cursor is not null);
            Assert.That(seen.Select(m => m.UserId).ToList(), Is.Unique.And.Count.EqualTo(8), sort.ToString());
            if (sort == MemberSort.Name)
                Assert.That(seen.Select(m => m.DisplayName), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
            else
            {
                var logins = seen.Select(m => m.LastLoginAt).ToList();
                Assert.That(logins.TakeWhile(l => l is not null), Is.Ordered.Descending);
                Assert.That(logins.SkipWhile(l => l is not null), Has.All.Null, "never signed in comes last");
            }
        }
        var nameCursor = (await SendAsync(new ListMembers(Org, Limit: 1))).NextCursor;
        Assert.ThrowsAsync<ValidationException>(() => SendAsync(new ListMembers(Org, Sort: "lastLogin", Cursor: nameCursor)),
            "a cursor of one sort order is refused by another");
    }

    [Test]
    public async Task Role_change_applies_on_the_next_request_and_is_recorded()
    {
        await ArrangeOrganizationAsync();
        var analyst = await AddMemberAsync(BuiltInRole.Analyst);
        await SendAsync(new UpdateMember(await RoleIdAsync(BuiltInRole.ClinicalCurator), "Curator") { OrganizationId = Org, UserId = analyst });

        RunAsUser(analyst);
        var access = await SendAsync(new GetMyAccess(Org));
        Assert.That(access.Role.Name, Is.EqualTo("Clinical Curator"));
        Assert.That(access.Permissions, Does.Contain(Permissions.SamplesViewAll));
        RunAsOwner();
        var actions = (await SendAsync(new ListActivity(Org))).Items.Select(a => a.Action);
        Assert.That(actions, Does.Contain("member.role.changed").And.Contain("member.updated"));
    }

    [Test]
    public async Task Unknown_role_is_a_field_error_and_changes_nothing()
    {
        await ArrangeOrganizationAsync();
        var analyst = await AddMemberAsync(BuiltInRole.Analyst);
        var ex = Assert.ThrowsAsync<ValidationException>(() => SendAsync(new UpdateMember(Guid.CreateVersion7(), "x") { OrganizationId = Org, UserId = analyst }));
        Assert.That(ex!.Errors.Single().PropertyName, Is.EqualTo("RoleId"));
        Assert.That(await WithDbAsync(db => db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == analyst).Select(m => m.Position).SingleAsync()), Is.Null);
    }

    [Test]
    public async Task Group_admin_cannot_escalate_anyone_or_touch_supervisors()
    {
        await ArrangeOrganizationAsync();
        var admin = await AddMemberAsync(BuiltInRole.GroupAdmin);
        var analyst = await AddMemberAsync(BuiltInRole.Analyst);
        var supervisorRole = await RoleIdAsync(BuiltInRole.Supervisor);
        RunAsUser(admin);

        Assert.ThrowsAsync<PermissionEscalationException>(() => SendAsync(new UpdateMember(supervisorRole, null) { OrganizationId = Org, UserId = analyst }));
        Assert.ThrowsAsync<PermissionEscalationException>(() => SendAsync(new UpdateMember(supervisorRole, null) { OrganizationId = Org, UserId = admin }),
            "nobody makes themselves Supervisor");
        var analystRole = await RoleIdAsync(BuiltInRole.Analyst);
        Assert.ThrowsAsync<PermissionEscalationException>(() => SendAsync(new UpdateMember(analystRole, null) { OrganizationId = Org, UserId = Owner }));
        Assert.ThrowsAsync<PermissionEscalationException>(() => SendAsync(new RemoveMember(Org, Owner)));

        // A custom role holding billing (which Group Admins lack) cannot be handed out by a Group Admin.
        RunAsOwner();
        var billing = await SendAsync(new Roles.Commands.CreateRole.CreateRole("Billing", [Permissions.OrganizationBillingManage]) { OrganizationId = Org });
        RunAsUser(admin);
        var ex = Assert.ThrowsAsync<PermissionEscalationException>(() => SendAsync(new UpdateMember(billing.Id, null) { OrganizationId = Org, UserId = analyst }));
        Assert.That(ex!.Message, Does.Contain(Permissions.OrganizationBillingManage));
        await SendAsync(new UpdateMember(await RoleIdAsync(BuiltInRole.ReportWriter), null) { OrganizationId = Org, UserId = analyst });
    }

    [Test]
    public async Task The_last_supervisor_can_neither_leave_nor_be_demoted_but_can_once_there_is_another()
    {
        await ArrangeOrganizationAsync();
        Assert.ThrowsAsync<DomainException>(() => SendAsync(new RemoveMember(Org, Owner)));
        var analystRole = await RoleIdAsync(BuiltInRole.Analyst);
        Assert.ThrowsAsync<DomainException>(() => SendAsync(new UpdateMember(analystRole, null) { OrganizationId = Org, UserId = Owner }));

        var second = await AddMemberAsync(BuiltInRole.Analyst);
        await SendAsync(new UpdateMember(await RoleIdAsync(BuiltInRole.Supervisor), null) { OrganizationId = Org, UserId = second });
        await SendAsync(new RemoveMember(Org, Owner));

        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetMyAccess(Org)), "gone at once");
        RunAsUser(second);
        Assert.That((await SendAsync(new GetMyAccess(Org))).Role.Name, Is.EqualTo("Group Supervisor"));
    }

    [Test]
    public async Task A_removed_member_loses_access_at_once_and_their_history_stays_theirs()
    {
        await ArrangeOrganizationAsync();
        var analyst = await AddMemberAsync(BuiltInRole.Analyst, displayName: "Removed Person");
        await WithDbAsync(async db =>
        {
            db.Activities.Add(new Domain.Organizations.ActivityRecord(Org, null, analyst, "test.work", "sample", null, "did work", DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        RunAsUser(analyst);
        Assert.That((await SendAsync(new GetMyAccess(Org))).Role.Name, Is.EqualTo("Analyst"));

        RunAsOwner();
        await SendAsync(new RemoveMember(Org, analyst));

        RunAsUser(analyst);
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetMyAccess(Org)));
        RunAsOwner();
        var work = (await SendAsync(new ListActivity(Org))).Items.Single(a => a.Action == "test.work");
        Assert.That((work.ActorUserId, work.ActorDisplayName), Is.EqualTo((analyst, "Removed Person")));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new RemoveMember(Org, analyst)));
    }

    [Test]
    public async Task Member_list_needs_users_manage()
    {
        await ArrangeOrganizationAsync();
        var curator = await AddMemberAsync(BuiltInRole.ClinicalCurator);
        RunAsUser(curator);
        Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new ListMembers(Org)));
    }

    [Test]
    public async Task Concurrent_edits_of_one_member_let_one_win_and_refuse_the_other()
    {
        await ArrangeOrganizationAsync();
        var analyst = await AddMemberAsync(BuiltInRole.Analyst);
        await using var first = Database.CreateContext();
        await using var second = Database.CreateContext();
        var a = await first.Memberships.IgnoreQueryFilters().SingleAsync(m => m.UserId == analyst);
        var b = await second.Memberships.IgnoreQueryFilters().SingleAsync(m => m.UserId == analyst);
        var role = await first.Roles.IgnoreQueryFilters().SingleAsync(r => r.Id == a.RoleId);
        a.SetPosition("First", role, actorIsSupervisor: true);
        b.SetPosition("Second", role, actorIsSupervisor: true);
        await first.SaveChangesAsync();
        Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }

    private static IEnumerable<Guid> Ids(MemberPage page) => page.Items.Select(m => m.UserId);
}

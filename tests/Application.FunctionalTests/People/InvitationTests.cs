using VariantMiner.Application.Invitations.Commands.AcceptInvitation;
using VariantMiner.Application.Invitations.Commands.CreateInvitation;
using VariantMiner.Application.Invitations.Commands.ResendInvitation;
using VariantMiner.Application.Invitations.Commands.RevokeInvitation;
using VariantMiner.Application.Invitations.Queries.ListInvitations;
using VariantMiner.Application.Organizations.Commands.SetInvitationPreferences;
using VariantMiner.Application.Organizations.Queries.GetMyAccess;
using VariantMiner.Application.Roles.Commands.CreateRole;
using VariantMiner.Domain.Common;
using VariantMiner.Domain.Invitations;

namespace VariantMiner.Application.FunctionalTests.People;

public class InvitationTests(DatabaseProvider provider) : PeopleTestBase(provider)
{
    private Task<Guid> AddAccountAsync(string email) => WithDbAsync(async db => (await TestData.AddUserAsync(db, email)).Id);

    [Test]
    public async Task Creating_returns_the_token_once_stores_only_its_hash_and_queues_the_mail_in_the_same_transaction()
    {
        await ArrangeOrganizationAsync();
        var issued = await SendAsync(new CreateInvitation("New.Person@Lab.example", null, [General]) { OrganizationId = Org });

        Assert.That(issued.Email, Is.EqualTo("new.person@lab.example"));
        Assert.That(issued.AcceptUrl, Does.EndWith("/invitations/accept?token=" + issued.Token));
        Assert.That(issued.ExpiresAt - DateTimeOffset.UtcNow, Is.EqualTo(TimeSpan.FromDays(7)).Within(TimeSpan.FromMinutes(1)));
        await WithDbAsync(async db =>
        {
            var row = await db.Invitations.IgnoreQueryFilters().SingleAsync();
            Assert.That(row.TokenHash, Is.EqualTo(Invitation.HashToken(issued.Token)).And.Not.Contains(issued.Token));
            var mail = await db.Outbox.SingleAsync();
            Assert.That((mail.Recipient, mail.OrganizationId), Is.EqualTo(("new.person@lab.example", (Guid?)Org)));
            Assert.That(mail.Body, Does.Contain(issued.AcceptUrl).And.Contain("Genome Lab").And.Contain("Analyst"));
            return 0;
        });
    }

    [Test]
    public async Task Accepting_as_the_invited_person_joins_with_the_role_and_workspaces()
    {
        await ArrangeOrganizationAsync();
        var curator = await RoleIdAsync(BuiltInRole.ClinicalCurator);
        var issued = await SendAsync(new CreateInvitation("newbie@lab.example", curator, [General]) { OrganizationId = Org });
        var newbie = await AddAccountAsync("NEWBIE@lab.example");

        RunAsUser(newbie);
        var accepted = await SendAsync(new AcceptInvitation(issued.Token));

        Assert.That((accepted.OrganizationId, accepted.OrganizationName), Is.EqualTo((Org, "Genome Lab")));
        var access = await SendAsync(new GetMyAccess(Org));
        Assert.That(access.Role.Name, Is.EqualTo("Clinical Curator"));
        Assert.That(await WithDbAsync(db => db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == newbie).Select(m => m.LastLoginAt).SingleAsync()),
            Is.Not.Null, "joining counts as the first sign-in to the organization");
        Assert.That(access.Workspaces.Select(w => w.Id), Is.EqualTo(new[] { General }));
        Assert.ThrowsAsync<GoneException>(() => SendAsync(new AcceptInvitation(issued.Token)), "single use");
    }

    [Test]
    public async Task Wrong_email_unknown_expired_and_revoked_tokens_are_refused_and_nobody_joins()
    {
        await ArrangeOrganizationAsync();
        var expiring = await SendAsync(new CreateInvitation("late@lab.example", null, null) { OrganizationId = Org });
        var revoked = await SendAsync(new CreateInvitation("revoked@lab.example", null, null) { OrganizationId = Org });
        var wrong = await SendAsync(new CreateInvitation("right@lab.example", null, null) { OrganizationId = Org });
        await SendAsync(new RevokeInvitation(Org, revoked.Id));
        await WithDbAsync(db => db.Invitations.IgnoreQueryFilters().Where(i => i.Id == expiring.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));

        RunAsUser(await AddAccountAsync("late@lab.example"));
        Assert.That(Assert.ThrowsAsync<GoneException>(() => SendAsync(new AcceptInvitation(expiring.Token)))!.Message, Does.Contain("expired"));
        RunAsUser(await AddAccountAsync("revoked@lab.example"));
        Assert.That(Assert.ThrowsAsync<GoneException>(() => SendAsync(new AcceptInvitation(revoked.Token)))!.Message, Does.Contain("revoked"));
        RunAsUser(await AddAccountAsync("wrong@lab.example"));
        Assert.That(Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new AcceptInvitation(wrong.Token)))!.Message, Does.Contain("right@lab.example"));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new AcceptInvitation("not-a-real-token")));

        Assert.That(await WithDbAsync(db => db.Memberships.IgnoreQueryFilters().CountAsync(m => m.OrganizationId == Org)), Is.EqualTo(1));
    }

    [Test]
    public async Task Resending_issues_a_new_token_and_the_old_link_stops_working()
    {
        await ArrangeOrganizationAsync();
        var first = await SendAsync(new CreateInvitation("again@lab.example", null, null) { OrganizationId = Org });
        var second = await SendAsync(new ResendInvitation(Org, first.Id));
        Assert.That(second.Token, Is.Not.EqualTo(first.Token));
        var listed = (await SendAsync(new ListInvitations(Org))).Single();
        Assert.That((listed.SendCount, listed.Status), Is.EqualTo((2, "Pending")));
        Assert.That(await WithDbAsync(db => db.Outbox.CountAsync()), Is.EqualTo(2));

        RunAsUser(await AddAccountAsync("again@lab.example"));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new AcceptInvitation(first.Token)));
        await SendAsync(new AcceptInvitation(second.Token));
    }

    [Test]
    public async Task Invitation_preferences_limit_domains_and_pick_the_default_role()
    {
        await ArrangeOrganizationAsync();
        var writer = await RoleIdAsync(BuiltInRole.ReportWriter);
        await SendAsync(new SetInvitationPreferences(["Lab.Example", "@hospital.example"], writer) { OrganizationId = Org });

        var ex = Assert.ThrowsAsync<ValidationException>(() => SendAsync(new CreateInvitation("someone@gmail.example", null, null) { OrganizationId = Org }));
        Assert.That(ex!.Errors.Single().ErrorMessage, Does.Contain("gmail.example").And.Contain("lab.example"));
        await SendAsync(new CreateInvitation("person@genetics.lab.example", null, null) { OrganizationId = Org });
        var listed = (await SendAsync(new ListInvitations(Org))).Single();
        Assert.That(listed.Role.Name, Is.EqualTo("Report Writer"));

        Assert.ThrowsAsync<DomainException>(() => SendAsync(new SetInvitationPreferences(["not a domain"], null) { OrganizationId = Org }));
        var supervisor = await RoleIdAsync(BuiltInRole.Supervisor);
        Assert.ThrowsAsync<ValidationException>(() => SendAsync(new SetInvitationPreferences([], supervisor) { OrganizationId = Org }));
    }

    [Test]
    public async Task Existing_members_and_already_invited_addresses_conflict()
    {
        await ArrangeOrganizationAsync();
        await AddMemberAsync(BuiltInRole.Analyst, "member@lab.example");
        Assert.ThrowsAsync<ConflictException>(() => SendAsync(new CreateInvitation("MEMBER@lab.example", null, null) { OrganizationId = Org }));
        await SendAsync(new CreateInvitation("pending@lab.example", null, null) { OrganizationId = Org });
        Assert.ThrowsAsync<ConflictException>(() => SendAsync(new CreateInvitation("pending@lab.example", null, null) { OrganizationId = Org }));
        Assert.That(await WithDbAsync(db => db.Invitations.IgnoreQueryFilters().CountAsync()), Is.EqualTo(1));
    }

    [Test]
    public async Task Inviters_cannot_offer_more_than_they_hold_nor_foreign_workspaces()
    {
        await ArrangeOrganizationAsync();
        var billing = await SendAsync(new CreateRole("Billing", [Permissions.OrganizationBillingManage]) { OrganizationId = Org });
        var supervisor = await RoleIdAsync(BuiltInRole.Supervisor);
        var admin = await AddMemberAsync(BuiltInRole.GroupAdmin);
        RunAsUser(admin);

        Assert.ThrowsAsync<PermissionEscalationException>(() => SendAsync(new CreateInvitation("a@lab.example", supervisor, null) { OrganizationId = Org }));
        Assert.ThrowsAsync<PermissionEscalationException>(() => SendAsync(new CreateInvitation("b@lab.example", billing.Id, null) { OrganizationId = Org }));
        var foreign = Assert.ThrowsAsync<ValidationException>(() => SendAsync(new CreateInvitation("c@lab.example", null, [Guid.CreateVersion7()]) { OrganizationId = Org }));
        Assert.That(foreign!.Errors.Single().PropertyName, Is.EqualTo("WorkspaceIds"));
        Assert.ThrowsAsync<ValidationException>(() => SendAsync(new CreateInvitation("d@lab.example", Guid.CreateVersion7(), null) { OrganizationId = Org }));

        var curator = await AddMemberAsync(BuiltInRole.ClinicalCurator);
        RunAsUser(curator);
        Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new CreateInvitation("e@lab.example", null, null) { OrganizationId = Org }));
        Assert.That(await WithDbAsync(db => db.Invitations.IgnoreQueryFilters().CountAsync()), Is.Zero);
    }
}

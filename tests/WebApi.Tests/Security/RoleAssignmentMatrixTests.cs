using VariantMiner.Domain.Invitations;
using VariantMiner.Domain.Organizations;
using static VariantMiner.Domain.Authorization.Permissions;

namespace VariantMiner.WebApi.Tests.Security;

/// <summary>
/// "This person will hold this role" — every path, for every caller role × target role: inviting, re-sending,
/// accepting (with the issuer's rights), changing a member's role, the default role of invitation preferences.
/// Expected: a Supervisor may give any role; anyone else only a non-Supervisor role whose permissions they all hold
/// (read off the permission table below, not from the code under test).
/// </summary>
public class RoleAssignmentMatrixTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private static readonly Dictionary<string, string[]> CustomRoles = new()
    {
        // Holds the people permissions but few data permissions: the interesting caller.
        ["Coordinator"] = [UsersInvite, UsersManage, OrganizationSettingsManage, SamplesViewAssigned],
        ["Viewer"] = [SamplesViewAll],
        ["Blank"] = [],
    };

    private static readonly string[] Callers = ["Supervisor", "GroupAdmin", "Coordinator"];
    private static readonly string[] Targets = ["Supervisor", "GroupAdmin", "Analyst", "ClinicalCurator", "ReportWriter", "Viewer"];

    private static IReadOnlyCollection<string> PermissionsOf(string role) =>
        Enum.TryParse<BuiltInRole>(role, out var builtIn) ? BuiltInRoles.DefaultPermissions(builtIn) : CustomRoles[role];

    private static bool MayGive(string caller, string target) =>
        caller == "Supervisor" || (target != "Supervisor" && PermissionsOf(target).All(PermissionsOf(caller).Contains));

    private sealed record World(Guid OrganizationId, Dictionary<string, Guid> Roles, string CallerEmail, Guid CallerId, Guid SupervisorId, Guid MemberId);

    private async Task<World> SeedAsync(string caller)
    {
        await using var db = Database.CreateContext();
        var org = await TestData.AddOrganizationAsync(db, "Assignment Lab");
        var roles = org.Roles.ToDictionary(r => r.Key.ToString(), r => r.Value.Id);
        foreach (var (name, permissions) in CustomRoles)
        {
            var role = Role.CreateCustom(org.Organization.Id, name, permissions, Permissions.All);
            db.Roles.Add(role);
            roles[name] = role.Id;
        }
        await db.SaveChangesAsync();
        var supervisor = await TestData.AddUserAsync(db, $"supervisor.{Guid.NewGuid():N}@assign.example");
        await TestData.AddMemberAsync(db, org.Organization.Id, supervisor.Id, roles["Supervisor"]);
        var callerId = supervisor.Id;
        var callerEmail = supervisor.Email!;
        if (caller != "Supervisor")
        {
            var user = await TestData.AddUserAsync(db, $"caller.{Guid.NewGuid():N}@assign.example");
            await TestData.AddMemberAsync(db, org.Organization.Id, user.Id, roles[caller]);
            (callerId, callerEmail) = (user.Id, user.Email!);
        }
        var member = await TestData.AddUserAsync(db, $"member.{Guid.NewGuid():N}@assign.example");
        await TestData.AddMemberAsync(db, org.Organization.Id, member.Id, roles["Blank"]);
        return new World(org.Organization.Id, roles, callerEmail, callerId, supervisor.Id, member.Id);
    }

    private async Task<(Guid Id, string Token, string Email)> SeedInvitationAsync(World world, string target, Guid issuer)
    {
        await using var db = Database.CreateContext();
        var email = $"invitee.{Guid.NewGuid():N}@assign.example";
        var (invitation, token) = Invitation.Create(world.OrganizationId, email, world.Roles[target], [], issuer, DateTimeOffset.UtcNow, TimeSpan.FromDays(7));
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync();
        return (invitation.Id, token, email);
    }

    private static IEnumerable<TestCaseData> Cases() =>
        from caller in Callers
        from target in Targets
        select new TestCaseData(caller, target).SetName($"{{m}}({caller} gives {target})");

    [TestCaseSource(nameof(Cases))]
    public async Task Every_path_to_a_role_applies_the_same_rule(string caller, string target)
    {
        var world = await SeedAsync(caller);
        var client = await Factory.SignedInClientAsync(world.CallerEmail);
        var org = $"/api/organizations/{world.OrganizationId}";
        var allowed = MayGive(caller, target);
        var failures = new List<string>();
        async Task Expect(string path, HttpResponseMessage response, HttpStatusCode whenAllowed, HttpStatusCode? whenRefused = null)
        {
            var expected = allowed ? whenAllowed : whenRefused ?? HttpStatusCode.Forbidden;
            if (response.StatusCode != expected)
                failures.Add($"{path}: expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        await Expect("create invitation", await client.PostUnsafeAsync($"{org}/invitations",
            new { email = $"new.{Guid.NewGuid():N}@assign.example", roleId = world.Roles[target] }), HttpStatusCode.Created);

        var bySupervisor = await SeedInvitationAsync(world, target, world.SupervisorId);
        await Expect("resend invitation", await client.PostUnsafeAsync($"{org}/invitations/{bySupervisor.Id}/resend"), HttpStatusCode.OK);

        await Expect("change member role", await client.SendUnsafeAsync(HttpMethod.Patch, $"{org}/members/{world.MemberId}",
            new { roleId = world.Roles[target] }), HttpStatusCode.NoContent);

        var preference = await client.SendUnsafeAsync(HttpMethod.Put, $"{org}/settings/invitations",
            new { allowedEmailDomains = Array.Empty<string>(), defaultRoleId = world.Roles[target] });
        if (target == "Supervisor")
        {
            if (preference.StatusCode != HttpStatusCode.BadRequest) failures.Add($"default role Supervisor: expected 400 for everyone, got {(int)preference.StatusCode}");
        }
        else await Expect("default invitation role", preference, HttpStatusCode.OK);

        var byCaller = await SeedInvitationAsync(world, target, world.CallerId);
        await using (var db = Database.CreateContext()) await TestData.AddUserAsync(db, byCaller.Email);
        var invitee = await Factory.SignedInClientAsync(byCaller.Email);
        await Expect("accept invitation issued by the caller", await invitee.PostUnsafeAsync("/api/invitations/accept", new { token = byCaller.Token }),
            HttpStatusCode.OK);

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task An_invitation_cannot_be_accepted_once_its_issuer_may_no_longer_give_the_role()
    {
        var world = await SeedAsync("GroupAdmin");
        var admin = await Factory.SignedInClientAsync(world.CallerEmail);
        var email = $"later.{Guid.NewGuid():N}@assign.example";
        var created = await admin.PostUnsafeAsync($"/api/organizations/{world.OrganizationId}/invitations", new { email, roleId = world.Roles["Analyst"] });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();

        await using (var db = Database.CreateContext())
        {
            var membership = await db.Memberships.IgnoreQueryFilters().SingleAsync(m => m.UserId == world.CallerId);
            var roles = await db.Roles.IgnoreQueryFilters().Where(r => r.OrganizationId == world.OrganizationId).ToDictionaryAsync(r => r.Id);
            // The Group Admin is demoted (by the Supervisor) before the invitee accepts.
            membership.ChangeRole(roles[membership.RoleId], roles[world.Roles["ReportWriter"]], actorIsSupervisor: true, supervisorCount: 1);
            await db.SaveChangesAsync();
            await TestData.AddUserAsync(db, email);
        }
        var invitee = await Factory.SignedInClientAsync(email);
        var refused = await invitee.PostUnsafeAsync("/api/invitations/accept", new { token });
        var problem = await Problems.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("Ask for a new invitation"));
        await using (var db = Database.CreateContext())
        {
            var inviteeAccount = await db.Users.SingleAsync(u => u.Email == email);
            Assert.That(await db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.UserId == inviteeAccount.Id), Is.False, "nobody joined");
        }
    }
}

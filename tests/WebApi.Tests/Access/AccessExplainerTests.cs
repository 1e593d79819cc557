using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Organizations;
using VariantMiner.Domain.Reports;
using VariantMiner.Domain.Samples;

namespace VariantMiner.WebApi.Tests.Access;

/// <summary>
/// The access explainer against the routes themselves. For random organizations (roles with random visibility
/// permissions, the role-based-access switch on or off, random workspace grants, sample, analysis and sub-analysis
/// assignments): for every member and every workspace, sample, analysis and report, the explainer's verdict is what
/// the member's own request answers (200 or 404). Then, for each thing a member does not see, making the first
/// change set it proposes — through the API, as a Supervisor would — lets them see it.
/// </summary>
public class AccessExplainerTests(DatabaseProvider provider) : WebTestBase(provider)
{
    /// <summary>Every combination of the two sample-visibility permissions, each role with or without an unrelated one.</summary>
    private static readonly string[][] RolePermissions =
        [[Permissions.SamplesViewAll], [Permissions.SamplesViewAssigned], [Permissions.SamplesViewAll, Permissions.SamplesViewAssigned], []];

    private sealed record World(Guid OrganizationId, HttpClient Supervisor, IReadOnlyList<(Guid UserId, string Email)> Members,
        IReadOnlyList<(string Kind, Guid WorkspaceId, Guid Id)> Targets);

    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    public async Task The_verdict_is_what_the_routes_answer_and_the_proposed_change_opens_it(int seed)
    {
        var world = await RandomOrganizationAsync(new Random(seed));
        var clients = new Dictionary<Guid, HttpClient>();
        foreach (var (userId, email) in world.Members) clients[userId] = await Factory.SignedInClientAsync(email);

        var unseen = new List<((Guid UserId, string Email) Member, (string Kind, Guid WorkspaceId, Guid Id) Target)>();
        var checkedPairs = 0;
        foreach (var member in world.Members)
            foreach (var target in world.Targets)
            {
                var explained = await ExplainAsync(world, member.UserId, target);
                var sees = await SeesAsync(clients[member.UserId], world, target);
                Assert.That(explained.GetProperty("canView").GetBoolean(), Is.EqualTo(sees),
                    $"seed {seed}: {target.Kind} {target.Id} for {member.Email}: {explained}");
                Assert.That(explained.GetProperty("reasons").GetArrayLength(), Is.GreaterThanOrEqualTo(2));
                Assert.That(explained.GetProperty("wouldGrant").GetArrayLength() > 0, Is.EqualTo(!sees), "changes are proposed exactly when they do not see it");
                if (!sees) unseen.Add((member, target));
                checkedPairs++;
            }
        Assert.That(unseen, Is.Not.Empty, $"seed {seed} hides something from someone");
        Assert.That(unseen, Has.Count.LessThan(checkedPairs), $"seed {seed} shows something to someone");

        foreach (var (member, target) in unseen)
        {
            var explained = await ExplainAsync(world, member.UserId, target);
            if (explained.GetProperty("canView").GetBoolean()) continue; // opened by an earlier change
            foreach (var change in explained.GetProperty("wouldGrant")[0].GetProperty("changes").EnumerateArray())
                await ApplyAsync(world, member.UserId, target.WorkspaceId, change);
            Assert.That(await SeesAsync(clients[member.UserId], world, target), Is.True,
                $"seed {seed}: after {explained.GetProperty("wouldGrant")[0]}, {member.Email} sees {target.Kind} {target.Id}");
            Assert.That((await ExplainAsync(world, member.UserId, target)).GetProperty("canView").GetBoolean(), Is.True);
        }
    }

    [Test]
    public async Task Only_people_managers_ask_and_only_about_what_they_see_themselves()
    {
        var world = await RandomOrganizationAsync(new Random(7));
        var org = $"/api/organizations/{world.OrganizationId}";
        var sample = world.Targets.First(t => t.Kind == "sample");
        var member = world.Members[0];
        await using (var db = Database.CreateContext())
        {
            var analystEmail = $"analyst.{Guid.NewGuid():N}@explain.example";
            var analyst = await TestData.AddUserAsync(db, analystEmail);
            var role = await db.Roles.IgnoreQueryFilters().SingleAsync(r => r.OrganizationId == world.OrganizationId && r.BuiltIn == BuiltInRole.Analyst);
            await TestData.AddMemberAsync(db, world.OrganizationId, analyst.Id, role.Id, sample.WorkspaceId);
            var client = await Factory.SignedInClientAsync(analystEmail);
            await Problems.AssertProblemAsync(await client.GetAsync($"{org}/access/explain?userId={member.UserId}&sampleId={sample.Id}"),
                HttpStatusCode.Forbidden);
        }
        var noTarget = await Problems.AssertProblemAsync(await world.Supervisor.GetAsync($"{org}/access/explain?userId={member.UserId}"),
            HttpStatusCode.BadRequest);
        Assert.That(noTarget.ToString(), Does.Contain("exactly one"));
        await Problems.AssertProblemAsync(await world.Supervisor.GetAsync($"{org}/access/explain?userId={Guid.NewGuid()}&sampleId={sample.Id}"),
            HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await world.Supervisor.GetAsync($"{org}/access/explain?userId={member.UserId}&sampleId={Guid.NewGuid()}"),
            HttpStatusCode.NotFound);
    }

    [Test]
    public async Task An_analyst_without_the_workspace_and_the_assignment_is_told_both_and_the_narrowest_option_first()
    {
        var world = await RandomOrganizationAsync(new Random(11));
        Guid analystId, sampleId, workspaceId;
        await using (var db = Database.CreateContext())
        {
            var analyst = await TestData.AddUserAsync(db, $"analyst.{Guid.NewGuid():N}@explain.example");
            var role = await db.Roles.IgnoreQueryFilters().SingleAsync(r => r.OrganizationId == world.OrganizationId && r.BuiltIn == BuiltInRole.Analyst);
            await TestData.AddMemberAsync(db, world.OrganizationId, analyst.Id, role.Id);
            analystId = analyst.Id;
            var target = world.Targets.First(t => t.Kind == "sample");
            (sampleId, workspaceId) = (target.Id, target.WorkspaceId);
        }
        var explained = await world.Supervisor.GetFromJsonAsync<JsonElement>(
            $"/api/organizations/{world.OrganizationId}/access/explain?userId={analystId}&sampleId={sampleId}");
        Assert.That(explained.GetProperty("canView").GetBoolean(), Is.False);
        var failing = explained.GetProperty("reasons").EnumerateArray().Where(r => !r.GetProperty("holds").GetBoolean())
            .Select(r => r.GetProperty("kind").GetString()).ToList();
        Assert.That(failing, Is.EqualTo(new[] { "workspace", "assignment" }));
        var first = explained.GetProperty("wouldGrant")[0];
        Assert.That(first.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("kind").GetString()),
            Is.EqualTo(new[] { "grant-workspace", "assign-sample" }));
        Assert.That(first.GetProperty("changes")[0].GetProperty("workspaceId").GetGuid(), Is.EqualTo(workspaceId));
        Assert.That(first.GetProperty("reach").GetString(), Does.StartWith("Only "));
        Assert.That(explained.GetProperty("wouldGrant")[1].GetProperty("reach").GetString(), Does.StartWith("Every member with the role"));
        Assert.That(explained.GetProperty("canAct").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task A_manager_who_sees_the_run_only_by_its_assignment_is_not_told_about_its_samples()
    {
        var world = await RandomOrganizationAsync(new Random(5));
        var workspaceId = world.Targets.First(t => t.Kind == "workspace").Id;
        var managerEmail = $"manager.{Guid.NewGuid():N}@explain.example";
        Guid runId, targetId;
        await using (var db = Database.CreateContext())
        {
            var manager = await TestData.AddUserAsync(db, managerEmail);
            var role = Role.CreateCustom(world.OrganizationId, "People manager", [Permissions.UsersManage, Permissions.SamplesViewAssigned], Permissions.All);
            db.Roles.Add(role);
            await db.SaveChangesAsync();
            await TestData.AddMemberAsync(db, world.OrganizationId, manager.Id, role.Id, workspaceId);
            var target = await TestData.AddUserAsync(db, $"target.{Guid.NewGuid():N}@explain.example");
            var analyst = await db.Roles.IgnoreQueryFilters().SingleAsync(r => r.OrganizationId == world.OrganizationId && r.BuiltIn == BuiltInRole.Analyst);
            await TestData.AddMemberAsync(db, world.OrganizationId, target.Id, analyst.Id, workspaceId);
            var sample = new Sample(world.OrganizationId, workspaceId, "SECRET-SAMPLE-7", "WES", null, manager.Id, DateTimeOffset.UtcNow);
            db.Samples.Add(sample);
            var run = new Analysis(world.OrganizationId, workspaceId, "germline-fastq", "{}", [sample.Id], [], ["align"], manager.Id, DateTimeOffset.UtcNow);
            run.ReplaceAssignees([manager.Id], manager.Id, DateTimeOffset.UtcNow);
            db.Analyses.Add(run);
            await db.SaveChangesAsync();
            (runId, targetId) = (run.Id, target.Id);
        }
        var client = await Factory.SignedInClientAsync(managerEmail);
        var response = await client.GetAsync($"/api/organizations/{world.OrganizationId}/access/explain?userId={targetId}&analysisId={runId}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var explained = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(explained.GetProperty("canView").GetBoolean(), Is.False);
        // The run is named as its page names it to the manager; the reasons say nothing of the sample itself.
        Assert.That(explained.GetProperty("reasons").ToString(), Does.Not.Contain("SECRET-SAMPLE-7"), "a sample the manager cannot see is not named");
        Assert.That(explained.GetProperty("reasons").ToString(), Does.Contain("you cannot see yourself"));
        var changes = explained.GetProperty("wouldGrant").EnumerateArray().SelectMany(o => o.GetProperty("changes").EnumerateArray())
            .Select(c => c.GetProperty("kind").GetString()).ToList();
        Assert.That(changes, Is.EqualTo(new[] { "assign-analysis" }), "no change to a sample the manager cannot see");
    }

    private async Task<JsonElement> ExplainAsync(World world, Guid userId, (string Kind, Guid WorkspaceId, Guid Id) target)
    {
        var response = await world.Supervisor.GetAsync($"/api/organizations/{world.OrganizationId}/access/explain?userId={userId}&{target.Kind}Id={target.Id}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<bool> SeesAsync(HttpClient client, World world, (string Kind, Guid WorkspaceId, Guid Id) target)
    {
        var workspace = $"/api/organizations/{world.OrganizationId}/workspaces/{target.WorkspaceId}";
        var path = target.Kind switch
        {
            "workspace" => workspace,
            "sample" => $"{workspace}/samples/{target.Id}",
            "analysis" => $"{workspace}/analyses/{target.Id}",
            _ => $"{workspace}/reports/{target.Id}",
        };
        var response = await client.GetAsync(path);
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.NotFound), await response.Content.ReadAsStringAsync());
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task ApplyAsync(World world, Guid userId, Guid workspaceId, JsonElement change)
    {
        var org = $"/api/organizations/{world.OrganizationId}";
        var workspace = $"{org}/workspaces/{workspaceId}";
        HttpResponseMessage response;
        switch (change.GetProperty("kind").GetString())
        {
            case "grant-workspace":
                response = await world.Supervisor.SendUnsafeAsync(HttpMethod.Put, $"{org}/workspaces/{change.GetProperty("workspaceId").GetGuid()}/access/{userId}", new { });
                break;
            case "assign-sample":
                response = await world.Supervisor.PostUnsafeAsync($"{workspace}/samples/assignments",
                    new { sampleIds = new[] { change.GetProperty("sampleId").GetGuid() }, userIds = new[] { userId }, mode = "add" });
                break;
            case "assign-analysis":
                var path = $"{workspace}/analyses/{change.GetProperty("analysisId").GetGuid()}/assignees";
                var current = (await world.Supervisor.GetFromJsonAsync<JsonElement>(path)).EnumerateArray().Select(a => a.GetProperty("userId").GetGuid());
                response = await world.Supervisor.SendUnsafeAsync(HttpMethod.Put, path, new { userIds = current.Append(userId).ToArray() });
                break;
            case "add-permission":
                var role = $"{org}/roles/{change.GetProperty("roleId").GetGuid()}";
                var permissions = (await world.Supervisor.GetFromJsonAsync<JsonElement>(role)).GetProperty("permissions").EnumerateArray()
                    .Select(p => p.GetString()!).Append(change.GetProperty("permission").GetString()!).Distinct();
                response = await world.Supervisor.SendUnsafeAsync(HttpMethod.Put, role, new { permissions });
                break;
            default:
                Assert.Fail($"unknown change {change}");
                return;
        }
        Assert.That(response.IsSuccessStatusCode, Is.True, $"{change}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// Two workspaces; custom roles with each combination of the sample-visibility permissions and the built-in Analyst;
    /// a member with each, random grants; samples with random assignees; runs over one or two samples, some assigned, one with an
    /// assigned sub-analysis; a report on some runs.
    /// </summary>
    private async Task<World> RandomOrganizationAsync(Random random)
    {
        await using var db = Database.CreateContext();
        var org = await TestData.AddOrganizationAsync(db, $"Explain {Guid.NewGuid():N}", roleBasedAccess: random.Next(4) > 0);
        var orgId = org.Organization.Id;
        var workspaces = new[] { await TestData.AddWorkspaceAsync(db, orgId, "Exomes"), await TestData.AddWorkspaceAsync(db, orgId, "Genomes") };
        var supervisorEmail = $"supervisor.{Guid.NewGuid():N}@explain.example";
        var supervisor = await TestData.AddUserAsync(db, supervisorEmail);
        await TestData.AddMemberAsync(db, orgId, supervisor.Id, org.Roles[BuiltInRole.Supervisor].Id);

        var roles = RolePermissions.Select((permissions, i) => Role.CreateCustom(orgId, $"Role {i}",
            random.Next(2) == 0 ? permissions : [.. permissions, Permissions.ReportsWrite], Permissions.All)).ToList();
        db.Roles.AddRange(roles);
        await db.SaveChangesAsync();
        var roleIds = roles.Select(r => r.Id).Append(org.Roles[BuiltInRole.Analyst].Id).OrderBy(_ => random.Next()).ToList();

        var members = new List<(Guid, string)>();
        for (var i = 0; i < roleIds.Count; i++)
        {
            var email = $"member{i}.{Guid.NewGuid():N}@explain.example";
            var user = await TestData.AddUserAsync(db, email);
            await TestData.AddMemberAsync(db, orgId, user.Id, roleIds[i],
                workspaces.Where(_ => random.Next(3) > 0).Select(w => w.Id).ToArray());
            members.Add((user.Id, email));
        }
        var memberIds = members.Select(m => m.Item1).ToList();
        var now = DateTimeOffset.UtcNow;
        var targets = workspaces.Select(w => ("workspace", w.Id, w.Id)).ToList();
        var samples = new List<Sample>();
        for (var i = 0; i < 5; i++)
        {
            var workspace = workspaces[random.Next(2)];
            var sample = new Sample(orgId, workspace.Id, $"S-{i}", "WES", null, supervisor.Id, now.AddMinutes(i));
            foreach (var userId in memberIds.Where(_ => random.Next(2) == 0)) sample.Assign(userId, supervisor.Id, now);
            samples.Add(sample);
            targets.Add(("sample", workspace.Id, sample.Id));
        }
        db.Samples.AddRange(samples);
        foreach (var group in samples.GroupBy(s => s.WorkspaceId))
        {
            var inWorkspace = group.ToList();
            var runs = new List<Analysis>();
            for (var i = 0; i < 3; i++)
            {
                var over = i == 2 ? runs[0].Samples.Select(s => s.SampleId).ToList()
                    : inWorkspace.OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(2, inWorkspace.Count) + 1)).Select(s => s.Id).ToList();
                var run = new Analysis(orgId, group.Key, "germline-fastq", "{}", over, [], ["align"], supervisor.Id, now,
                    parentId: i == 2 ? runs[0].Id : null, kind: i == 2 ? "gene-list" : null);
                run.ReplaceAssignees(memberIds.Where(_ => random.Next(4) == 0).ToList(), supervisor.Id, now);
                run.Finish(AnalysisStatus.COMPLETE, now);
                runs.Add(run);
                targets.Add(("analysis", group.Key, run.Id));
                if (random.Next(2) == 0)
                {
                    var report = new Report(orgId, group.Key, run.Id, null, $"Report {i}", ReportContent.Empty, supervisor.Id, now);
                    db.Reports.Add(report);
                    targets.Add(("report", group.Key, report.Id));
                }
            }
            db.Analyses.AddRange(runs);
        }
        await db.SaveChangesAsync();
        return new World(orgId, await Factory.SignedInClientAsync(supervisorEmail), members, targets);
    }
}

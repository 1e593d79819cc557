using VariantMiner.Application.Organizations.Queries.ListActivity;
using VariantMiner.Application.Samples.Commands.AssignSamples;
using VariantMiner.Application.Samples.Queries.GetSampleAssignees;
using VariantMiner.Application.Samples.Queries.ListSamples;

namespace VariantMiner.Application.FunctionalTests.Samples;

public class AssignmentTests(DatabaseProvider provider) : SampleTestBase(provider)
{
    private Guid[] _wgs = [];
    private Guid _wes;

    private async Task ArrangeAsync()
    {
        await ArrangeOrganizationAsync();
        _wgs = [(await DefineAsync("W1")).Id, (await DefineAsync("W2")).Id, (await DefineAsync("W3")).Id];
        _wes = (await DefineAsync("E1", "WES")).Id;
    }

    [Test]
    public async Task Bulk_add_of_the_rows_of_an_assay_filter_assigns_many_users_on_many_samples()
    {
        await ArrangeAsync();
        var wgsRows = (await SendAsync(new ListSamples(Org, General) { Assay = "wgs" })).Items.Select(i => i.Id).ToArray();
        Assert.That(wgsRows.Order(), Is.EqualTo(_wgs.Order()));

        var result = await AssignAsync("add", wgsRows, Analyst, ReportWriter);
        Assert.That(result, Is.EqualTo(new AssignmentResultDto(3, 6, 0)));
        RunAsUser(ReportWriter);
        Assert.That((await SendAsync(new ListSamples(Org, General))).Items.Select(i => i.Id).Order(), Is.EqualTo(_wgs.Order()));

        RunAsOwner();
        Assert.That(await AssignAsync("add", wgsRows, Analyst), Is.EqualTo(new AssignmentResultDto(0, 0, 0)), "adding again changes nothing");
        Assert.That(await AssignAsync("replace", [_wgs[0]], Curator), Is.EqualTo(new AssignmentResultDto(1, 1, 3)), "replace: the owner, analyst and report writer go");
        Assert.That((await SendAsync(new GetSampleAssignees(Org, General, _wgs[0]))).Select(a => a.UserId), Is.EqualTo(new[] { Curator }));
        Assert.That(await AssignAsync("remove", [_wgs[1], _wgs[2]], Analyst), Is.EqualTo(new AssignmentResultDto(2, 0, 2)));
    }

    [Test]
    public async Task Every_change_is_an_activity_record_naming_who_assigned_whom()
    {
        await ArrangeAsync();
        var before = await WithDbAsync(db => db.Activities.IgnoreQueryFilters().CountAsync(a => a.Action == "sample.assignees.changed"));
        await AssignAsync("add", [_wgs[0], _wgs[1]], Analyst);
        var records = await WithDbAsync(db => db.Activities.IgnoreQueryFilters().Where(a => a.Action == "sample.assignees.changed")
            .OrderBy(a => a.OccurredAt).ToListAsync());
        Assert.That(records, Has.Count.EqualTo(before + 2), "one per changed sample");
        var last = records.TakeLast(2).ToList();
        Assert.That(last.Select(r => r.TargetId), Is.EquivalentTo(new Guid?[] { _wgs[0], _wgs[1] }));
        Assert.That(last.All(r => r.ActorUserId == Owner && r.WorkspaceId == General && r.Summary.Contains("Assigned Analyst.")), Is.True,
            string.Join(" | ", last.Select(r => r.Summary)));
        var listed = (await SendAsync(new ListActivity(Org))).Items.Where(a => a.Action == "sample.assignees.changed").ToList();
        Assert.That(listed, Has.Count.EqualTo(before + 2));
    }

    [Test]
    public async Task One_bad_sample_or_user_and_nothing_changes_and_the_problem_names_it()
    {
        await ArrangeAsync();
        var otherWorkspaceSample = (await DefineAsync("X1", workspace: Other)).Id;
        var outsider = (await WithDbAsync(db => TestData.AddUserAsync(db, "outsider@else.example"))).Id;
        var noAccess = await AddMemberAsync(Domain.Authorization.BuiltInRole.Analyst); // a member without a grant to General
        var count = await AssignmentCountAsync();

        var e1 = Assert.ThrowsAsync<ValidationException>(() => AssignAsync("add", [.. _wgs, otherWorkspaceSample], Analyst));
        Assert.That(e1!.Message, Does.Contain(otherWorkspaceSample.ToString()));
        var e2 = Assert.ThrowsAsync<ValidationException>(() => AssignAsync("add", _wgs, Analyst, outsider));
        Assert.That(e2!.Message, Does.Contain(outsider.ToString()).And.Not.Contain(Analyst.ToString()));
        var e3 = Assert.ThrowsAsync<ValidationException>(() => AssignAsync("replace", _wgs, noAccess));
        Assert.That(e3!.Message, Does.Contain(noAccess.ToString()));
        var random = Guid.CreateVersion7();
        Assert.That(Assert.ThrowsAsync<ValidationException>(() => AssignAsync("add", [_wes, random], Analyst))!.Message, Does.Contain(random.ToString()));

        Assert.That(await AssignmentCountAsync(), Is.EqualTo(count), "all or nothing");
    }

    [Test]
    public async Task Supervisors_can_be_assigned_anywhere_without_a_grant()
    {
        await ArrangeAsync();
        var supervisor = await AddMemberAsync(Domain.Authorization.BuiltInRole.Supervisor);
        Assert.That((await AssignAsync("add", [_wes], supervisor)).AssignmentsAdded, Is.EqualTo(1));
    }

    [Test]
    public async Task Empty_lists_too_many_samples_and_unknown_modes_are_400s()
    {
        await ArrangeAsync();
        var count = await AssignmentCountAsync();
        Assert.That(Assert.ThrowsAsync<ValidationException>(() => AssignAsync("add", [], Analyst))!.Message, Does.Contain("at least one sample"));
        Assert.That(Assert.ThrowsAsync<ValidationException>(() => AssignAsync("add", _wgs))!.Message, Does.Contain("at least one person"));
        var many = Enumerable.Range(0, 1001).Select(_ => Guid.CreateVersion7()).ToArray();
        Assert.That(Assert.ThrowsAsync<ValidationException>(() => AssignAsync("add", many, Analyst))!.Message, Does.Contain("1000"));
        Assert.That(Assert.ThrowsAsync<ValidationException>(() => AssignAsync("swap", _wgs, Analyst))!.Message, Does.Contain("add, remove or replace"));
        Assert.That(await AssignmentCountAsync(), Is.EqualTo(count));
    }

    [Test]
    public async Task A_thousand_samples_in_one_call_is_fine()
    {
        await ArrangeAsync();
        var ids = await WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var samples = Enumerable.Range(0, 1000).Select(i => new Domain.Samples.Sample(Org, General, $"B{i:0000}", "WGS", null, Owner, now.AddTicks(i))).ToList();
            db.Samples.AddRange(samples);
            await db.SaveChangesAsync();
            return samples.Select(s => s.Id).ToArray();
        });
        Assert.That((await AssignAsync("add", ids, Analyst, ReportWriter)).AssignmentsAdded, Is.EqualTo(2000));
        RunAsUser(Analyst);
        var page = await SendAsync(new ListSamples(Org, General) { AssignedTo = "me" });
        Assert.That(page.Total, Is.EqualTo(1000));
        Assert.That(page.TotalCapped, Is.False);
    }

    [Test]
    public async Task Only_holders_of_samples_assign_may_assign()
    {
        await ArrangeAsync();
        RunAsUser(Analyst);
        Assert.ThrowsAsync<ForbiddenException>(() => AssignAsync("add", _wgs, Analyst));
        RunAsUser(Curator);
        Assert.ThrowsAsync<ForbiddenException>(() => AssignAsync("add", _wgs, Curator));
    }
}

public class AssignableMembersTests(DatabaseProvider provider) : SampleTestBase(provider)
{
    [Test]
    public async Task Assigners_get_the_members_who_can_enter_the_workspace_and_nobody_else()
    {
        await ArrangeOrganizationAsync();
        var outsider = await AddMemberAsync(Domain.Authorization.BuiltInRole.Analyst, Other);

        var general = await SendAsync(new Application.Samples.Queries.ListAssignableMembers.ListAssignableMembers(Org, General));
        Assert.That(general.Select(m => m.UserId), Is.EquivalentTo(new[] { Owner, Analyst, ReportWriter, Curator, GroupAdmin, Custom }));
        var other = await SendAsync(new Application.Samples.Queries.ListAssignableMembers.ListAssignableMembers(Org, Other));
        Assert.That(other.Select(m => m.UserId), Is.EquivalentTo(new[] { Owner, outsider }), "Supervisors enter every workspace");

        RunAsUser(Analyst);
        Assert.ThrowsAsync<Common.Exceptions.ForbiddenException>(() =>
            SendAsync(new Application.Samples.Queries.ListAssignableMembers.ListAssignableMembers(Org, General)));
    }
}

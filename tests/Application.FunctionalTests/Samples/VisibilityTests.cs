using VariantMiner.Application.Organizations.Commands.CreateOrganization;
using VariantMiner.Application.Organizations.Commands.SetAccessControl;
using VariantMiner.Application.Samples.Commands.CreateSample;
using VariantMiner.Application.Samples.Commands.DeleteSample;
using VariantMiner.Application.Samples.Commands.SetSampleAssignees;
using VariantMiner.Application.Samples.Commands.UpdateSample;
using VariantMiner.Application.Samples.Queries.GetSample;
using VariantMiner.Application.Samples.Queries.GetSampleAssignees;
using VariantMiner.Application.Samples.Queries.ListSamples;
using VariantMiner.Application.Subjects.Queries.GetSubject;
using VariantMiner.Application.Subjects.Queries.ListSubjects;

namespace VariantMiner.Application.FunctionalTests.Samples;

/// <summary>
/// Sample visibility (docs/architecture.md, "Sample visibility"), exact sets and counts, for every kind of role, with
/// the switch on and off; invisible samples are 404 on every direct route; ids of other workspaces and organizations
/// are 404.
/// </summary>
public class VisibilityTests(DatabaseProvider provider) : SampleTestBase(provider)
{
    private Guid _s1, _s2, _s3, _s4, _s5, _s6, _patient;

    private async Task ArrangeAsync()
    {
        await ArrangeOrganizationAsync();
        _patient = await SubjectAsync("P-001");
        _s1 = (await DefineAsync("S1", subjectId: _patient)).Id;
        _s2 = (await DefineAsync("S2", "WES", subjectId: _patient)).Id;
        _s3 = (await DefineAsync("S3", "RNA-seq")).Id;
        _s4 = (await DefineAsync("S4", "Gene panel")).Id;
        _s5 = (await DefineAsync("S5", subjectId: _patient)).Id;
        _s6 = (await DefineAsync("S6", workspace: Other)).Id;
        await AssignAsync("add", [_s1, _s3], Analyst);
        await AssignAsync("add", [_s2, _s3], ReportWriter);
        await AssignAsync("add", [_s4], Custom);
        await AssignAsync("remove", [_s1, _s2, _s3, _s4, _s5], Owner); // the owner was assigned as creator
    }

    private async Task<(Guid[] Ids, int? Total)> TableAsync(Guid user, Guid? workspace = null)
    {
        RunAsUser(user, platformAdmin: user == Owner);
        var page = await SendAsync(new ListSamples(Org, workspace ?? General));
        return (page.Items.Select(i => i.Id).Order().ToArray(), page.Total);
    }

    private Guid[] Set(params Guid[] ids) => ids.Order().ToArray();

    [Test]
    public async Task With_role_based_access_on_each_role_sees_exactly_its_samples_and_counts()
    {
        await ArrangeAsync();
        var all = Set(_s1, _s2, _s3, _s4, _s5);
        var expected = new Dictionary<string, (Guid User, Guid[] Ids)>
        {
            ["Supervisor"] = (Owner, all),
            ["Group Admin"] = (GroupAdmin, all),
            ["Clinical Curator"] = (Curator, all),
            ["Analyst"] = (Analyst, Set(_s1, _s3)),
            ["Report Writer"] = (ReportWriter, Set(_s2, _s3)),
            ["custom role without view permissions"] = (Custom, []),
        };
        foreach (var (who, (user, ids)) in expected)
        {
            var (visible, total) = await TableAsync(user);
            Assert.That(visible, Is.EqualTo(ids), who);
            Assert.That(total, Is.EqualTo(ids.Length), $"{who}: the total counts only visible samples");
            foreach (var id in new[] { _s1, _s2, _s3, _s4, _s5 })
            {
                if (ids.Contains(id)) Assert.That((await SendAsync(new GetSample(Org, General, id))).Id, Is.EqualTo(id), who);
                else Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetSample(Org, General, id)), $"{who} must not get {id}");
            }
        }
    }

    [Test]
    public async Task Subject_pages_show_only_visible_samples_with_their_count()
    {
        await ArrangeAsync();
        var expected = new[] { (Owner, 3), (Curator, 3), (GroupAdmin, 3), (Analyst, 1), (ReportWriter, 1) };
        foreach (var (user, count) in expected)
        {
            RunAsUser(user, platformAdmin: user == Owner);
            var page = await SendAsync(new GetSubject(Org, General, _patient));
            Assert.That(page.VisibleSampleCount, Is.EqualTo(count));
            Assert.That(page.Samples, Has.Count.EqualTo(count));
        }
        RunAsUser(Analyst);
        Assert.That((await SendAsync(new GetSubject(Org, General, _patient))).Samples.Single().Id, Is.EqualTo(_s1));
        RunAsUser(Custom);
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetSubject(Org, General, _patient)), "no view permission: no subject either");
        Assert.That((await SendAsync(new ListSubjects(Org, General))).Items, Is.Empty);
    }

    [Test]
    public async Task Search_and_filters_never_reach_invisible_samples()
    {
        await ArrangeAsync();
        RunAsUser(Analyst);
        Assert.That((await SendAsync(new ListSamples(Org, General) { Search = "S" })).Items.Select(i => i.Name), Is.EquivalentTo(new[] { "S1", "S3" }));
        Assert.That((await SendAsync(new ListSamples(Org, General) { Search = "p-001" })).Items.Select(i => i.Name), Is.EqualTo(new[] { "S1" }));
        Assert.That((await SendAsync(new ListSamples(Org, General) { Assay = "WES" })).Total, Is.Zero);
        Assert.That((await SendAsync(new ListSamples(Org, General) { AssignedTo = ReportWriter.ToString() })).Items.Select(i => i.Name),
            Is.EqualTo(new[] { "S3" }), "filtering by someone else intersects with what I see");
    }

    [Test]
    public async Task Every_direct_route_answers_404_for_an_invisible_sample()
    {
        await ArrangeAsync();
        RunAsUser(Analyst); // sees S1 and S3; holds samples.define
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetSample(Org, General, _s2)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetSampleAssignees(Org, General, _s2)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new UpdateSample("Renamed") { OrganizationId = Org, WorkspaceId = General, SampleId = _s2 }));
        RunAsUser(GroupAdmin);
        Assert.That((await SendAsync(new GetSample(Org, General, _s2))).Name, Is.EqualTo("S2"), "nothing was changed");
    }

    [Test]
    public async Task With_role_based_access_off_everyone_sees_everything_and_assignment_only_tracks()
    {
        await ArrangeAsync();
        RunAsOwner();
        await SendAsync(new SetAccessControl(false) { OrganizationId = Org });
        var all = Set(_s1, _s2, _s3, _s4, _s5);
        foreach (var user in new[] { Owner, GroupAdmin, Curator, Analyst, ReportWriter, Custom })
        {
            var (visible, total) = await TableAsync(user);
            Assert.That(visible, Is.EqualTo(all));
            Assert.That(total, Is.EqualTo(5));
            Assert.That((await SendAsync(new GetSample(Org, General, _s5))).Id, Is.EqualTo(_s5));
            Assert.That((await SendAsync(new GetSubject(Org, General, _patient))).VisibleSampleCount, Is.EqualTo(3));
        }
        RunAsUser(Analyst);
        Assert.That((await SendAsync(new ListSamples(Org, General) { AssignedTo = "me" })).Items.Select(i => i.Id).Order(), Is.EqualTo(Set(_s1, _s3)),
            "assignment still works as a tracking aid");
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new ListSamples(Org, Other)), "workspace access still applies");

        RunAsOwner();
        await SendAsync(new SetAccessControl(true) { OrganizationId = Org });
        Assert.That((await TableAsync(Analyst)).Ids, Is.EqualTo(Set(_s1, _s3)), "switching back restores the restriction; assignments were kept");
    }

    [Test]
    public async Task Unassigning_hides_the_sample_on_the_next_request()
    {
        await ArrangeAsync();
        Assert.That((await TableAsync(Analyst)).Ids, Is.EqualTo(Set(_s1, _s3)));
        RunAsUser(GroupAdmin);
        await SendAsync(new SetSampleAssignees([]) { OrganizationId = Org, WorkspaceId = General, SampleId = _s1 });
        Assert.That((await TableAsync(Analyst)).Ids, Is.EqualTo(Set(_s3)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetSample(Org, General, _s1)));
    }

    [Test]
    public async Task Samples_of_another_workspace_or_organization_are_not_found()
    {
        await ArrangeAsync();
        RunAsOwner();
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetSample(Org, General, _s6)), "S6 lives in Other");
        Assert.That((await SendAsync(new GetSample(Org, Other, _s6))).Id, Is.EqualTo(_s6));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetSubject(Org, Other, _patient)));

        var second = await SendAsync(new CreateOrganization("Second Lab", null, null));
        var foreign = await SendAsync(new CreateSample("F1", "WGS") { OrganizationId = second.Id, WorkspaceId = second.InitialWorkspaceId });
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetSample(Org, General, foreign.Id)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetSample(second.Id, second.InitialWorkspaceId, _s1)));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new ListSamples(Org, second.InitialWorkspaceId)), "a workspace of another organization");
        var bulk = Assert.ThrowsAsync<ValidationException>(() => AssignAsync("add", [_s1, foreign.Id], Analyst));
        Assert.That(bulk!.Message, Does.Contain(foreign.ToString() == "" ? "" : foreign.Id.ToString()));
        RunAsUser(Analyst);
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetSample(Org, Other, _s6)), "Other is not granted to the analyst");
    }
}

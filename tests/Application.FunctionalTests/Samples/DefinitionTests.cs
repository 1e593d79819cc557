using VariantMiner.Application.Assays.Commands.AddAssay;
using VariantMiner.Application.Assays.Queries.ListAssays;
using VariantMiner.Application.Samples.Commands.CreateSample;
using VariantMiner.Application.Samples.Commands.UpdateSample;
using VariantMiner.Application.Samples.Queries.ListSamples;
using VariantMiner.Application.Subjects.Commands.CreateSubject;
using VariantMiner.Application.Subjects.Commands.DeleteSubject;
using VariantMiner.Application.Subjects.Commands.UpdateSubject;
using VariantMiner.Application.Subjects.Queries.ListSubjects;

namespace VariantMiner.Application.FunctionalTests.Samples;

public class DefinitionTests(DatabaseProvider provider) : SampleTestBase(provider)
{
    private Task<int> SampleCountAsync() => WithDbAsync(db => db.Samples.IgnoreQueryFilters().CountAsync());

    [Test]
    public async Task The_creator_who_defines_is_assigned_automatically()
    {
        await ArrangeOrganizationAsync();
        RunAsUser(Analyst);
        var sample = await DefineAsync("NA12878");
        Assert.That(sample.Assignees.Select(a => a.UserId), Is.EqualTo(new[] { Analyst }));
        Assert.That(sample.CreatedBy.UserId, Is.EqualTo(Analyst));
        Assert.That(sample.Status, Is.EqualTo("Defined"));
        Assert.That((await SendAsync(new ListSamples(Org, General))).Items.Select(i => i.Id), Is.EqualTo(new[] { sample.Id }), "so the analyst sees it");
    }

    [Test]
    public async Task Assignees_at_definition_need_samples_assign()
    {
        await ArrangeOrganizationAsync();
        RunAsUser(Analyst);
        var e = Assert.ThrowsAsync<ForbiddenException>(() => DefineAsync("NA12878", assignees: ReportWriter));
        Assert.That(e!.Message, Does.Contain("samples.assign"));
        Assert.That(await SampleCountAsync(), Is.Zero);

        RunAsUser(GroupAdmin);
        var sample = await DefineAsync("NA12878", assignees: [ReportWriter, Curator]);
        Assert.That(sample.Assignees.Select(a => a.UserId), Is.EquivalentTo(new[] { GroupAdmin, ReportWriter, Curator }));
        var outsider = (await WithDbAsync(db => TestData.AddUserAsync(db, "outsider@else.example"))).Id;
        Assert.That(Assert.ThrowsAsync<ValidationException>(() => DefineAsync("NA12891", assignees: outsider))!.Message, Does.Contain(outsider.ToString()));
        Assert.That(await SampleCountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task Roles_without_samples_define_cannot_define()
    {
        await ArrangeOrganizationAsync();
        foreach (var user in new[] { Curator, ReportWriter, Custom })
        {
            RunAsUser(user);
            Assert.ThrowsAsync<ForbiddenException>(() => DefineAsync("NA12878"));
            Assert.ThrowsAsync<ForbiddenException>(() => SubjectAsync("P-1"));
        }
    }

    [Test]
    public async Task A_sample_defined_with_a_new_subject_is_all_or_nothing()
    {
        await ArrangeOrganizationAsync();
        await DefineAsync("NA12878");
        var duplicate = new CreateSample("na12878", "WGS", NewSubject: new CreateSubject("P-NEW", "Female")) { OrganizationId = Org, WorkspaceId = General };
        Assert.ThrowsAsync<ConflictException>(() => SendAsync(duplicate), "the sample name is taken");
        Assert.That((await SendAsync(new ListSubjects(Org, General))).Items, Is.Empty, "the subject of the refused form was not kept");

        var both = new CreateSample("S-2", "WGS", SubjectId: Guid.NewGuid(), NewSubject: new CreateSubject("P-NEW")) { OrganizationId = Org, WorkspaceId = General };
        Assert.ThrowsAsync<ValidationException>(() => SendAsync(both));
        var future = new CreateSample("S-2", "WGS", NewSubject: new CreateSubject("P-NEW", DateOfBirth: DateOnly.FromDateTime(DateTime.UtcNow.AddDays(3))))
        { OrganizationId = Org, WorkspaceId = General };
        var error = Assert.ThrowsAsync<ValidationException>(() => SendAsync(future))!;
        Assert.That(error.Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Does.Contain(("NewSubject.DateOfBirth", "A date of birth cannot be in the future.")));

        var sample = await SendAsync(new CreateSample("S-2", "WGS", NewSubject: new CreateSubject("P-NEW", "Female")) { OrganizationId = Org, WorkspaceId = General });
        var subject = (await SendAsync(new ListSubjects(Org, General))).Items.Single();
        Assert.That((subject.ExternalId, sample.Subject!.Id), Is.EqualTo(("P-NEW", subject.Id)));
    }

    [Test]
    public async Task Bad_input_is_refused_and_nothing_is_written()
    {
        await ArrangeOrganizationAsync();
        var foreignSubject = await SubjectAsync("P-9", Other);
        await DefineAsync("NA12878");
        var before = await SampleCountAsync();

        Assert.That(Assert.ThrowsAsync<ValidationException>(() => DefineAsync("X", "Nanopore"))!.Message, Does.Contain("Nanopore").And.Contain("WGS"));
        Assert.That(Assert.ThrowsAsync<ValidationException>(() => DefineAsync("X", subjectId: foreignSubject))!.Message, Does.Contain("subject"));
        Assert.That(Assert.ThrowsAsync<ValidationException>(() => DefineAsync("X", subjectId: Guid.CreateVersion7()))!.Message, Does.Contain("subject"));
        Assert.That(Assert.ThrowsAsync<ConflictException>(() => DefineAsync(" na12878 "))!.Message, Does.Contain("already exists"));
        Assert.ThrowsAsync<ValidationException>(() => DefineAsync("   "));
        Assert.ThrowsAsync<ValidationException>(() => DefineAsync(new string('x', 201)));
        Assert.That(await SampleCountAsync(), Is.EqualTo(before));
        Assert.That((await DefineAsync("NA12878", workspace: Other)).Name, Is.EqualTo("NA12878"), "names are unique per workspace only");
    }

    [Test]
    public async Task Subjects_validate_hpo_ids_and_unique_external_ids()
    {
        await ArrangeOrganizationAsync();
        var e = Assert.ThrowsAsync<ValidationException>(() =>
            SendAsync(new CreateSubject("P-1", "Male", null, ["HP:0001250", "HP:123", "hp:0000001"]) { OrganizationId = Org, WorkspaceId = General }));
        Assert.That(e!.Message, Does.Contain("HP:123").And.Contain("hp:0000001").And.Not.Contain("\"HP:0001250\""));
        Assert.ThrowsAsync<ValidationException>(() => SendAsync(new CreateSubject("P-1", "Robot") { OrganizationId = Org, WorkspaceId = General }));
        await SubjectAsync("P-1");
        Assert.ThrowsAsync<ConflictException>(() => SubjectAsync("p-1"));
        Assert.That(await WithDbAsync(db => db.Subjects.IgnoreQueryFilters().CountAsync()), Is.EqualTo(1));
        Assert.That((await SubjectAsync("P-1", Other)) != Guid.Empty, "external ids are unique per workspace only");
    }

    [Test]
    public async Task Subjects_can_be_edited_and_deleted_only_when_no_sample_refers_to_them()
    {
        await ArrangeOrganizationAsync();
        var subject = await SubjectAsync("P-1");
        var sample = await DefineAsync("NA12878", subjectId: subject);
        var updated = await SendAsync(new UpdateSubject("P-1b", "Male", PhenotypeTerms: ["HP:0000118"], Notes: "proband")
        { OrganizationId = Org, WorkspaceId = General, SubjectId = subject });
        Assert.That((updated.ExternalId, updated.Sex, updated.PhenotypeTerms.Single(), updated.DateOfBirth), Is.EqualTo(("P-1b", "Male", "HP:0000118", (DateOnly?)new DateOnly(1990, 1, 2))));
        Assert.ThrowsAsync<ValidationException>(() => SendAsync(new UpdateSubject(PhenotypeTerms: ["HP:1"]) { OrganizationId = Org, WorkspaceId = General, SubjectId = subject }));

        Assert.ThrowsAsync<ConflictException>(() => SendAsync(new DeleteSubject(Org, General, subject)));
        await SendAsync(new UpdateSample(RemoveSubject: true) { OrganizationId = Org, WorkspaceId = General, SampleId = sample.Id });
        await SendAsync(new DeleteSubject(Org, General, subject));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new DeleteSubject(Org, General, subject)));
    }

    [Test]
    public async Task Assays_start_with_the_defaults_and_can_be_extended()
    {
        await ArrangeOrganizationAsync();
        Assert.That((await SendAsync(new ListAssays(Org))).Select(a => a.Name), Is.EquivalentTo(new[] { "WGS", "WES", "Gene panel", "RNA-seq" }));
        await SendAsync(new AddAssay("Long-read WGS") { OrganizationId = Org });
        Assert.ThrowsAsync<ConflictException>(() => SendAsync(new AddAssay("long-read wgs") { OrganizationId = Org }));
        Assert.That((await DefineAsync("LR1", "long-read WGS")).Assay, Is.EqualTo("Long-read WGS"), "the list's spelling is kept");
        RunAsUser(Analyst);
        Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new AddAssay("Exome+") { OrganizationId = Org }));
        Assert.That((await SendAsync(new ListAssays(Org))), Has.Count.EqualTo(5));
    }

    [Test]
    public async Task An_organization_without_a_stored_list_reads_the_defaults()
    {
        var seeded = await WithDbAsync(db => TestData.AddOrganizationAsync(db, "Old Lab"));
        var user = await WithDbAsync(db => TestData.AddUserAsync(db, "old@lab.example"));
        await WithDbAsync(db => TestData.AddMemberAsync(db, seeded.Organization.Id, user.Id, seeded.Roles[BuiltInRole.Supervisor].Id));
        RunAsUser(user.Id);
        Assert.That(await SendAsync(new ListAssays(seeded.Organization.Id)), Has.Count.EqualTo(4));
        await SendAsync(new AddAssay("Panel v2") { OrganizationId = seeded.Organization.Id });
        Assert.That(await SendAsync(new ListAssays(seeded.Organization.Id)), Has.Count.EqualTo(5), "adding one keeps the defaults");
    }

    [Test]
    public async Task Samples_can_be_renamed_and_relinked_with_the_same_rules()
    {
        await ArrangeOrganizationAsync();
        var a = await DefineAsync("A");
        await DefineAsync("B");
        var subject = await SubjectAsync("P-1");
        Assert.ThrowsAsync<ConflictException>(() => SendAsync(new UpdateSample("b") { OrganizationId = Org, WorkspaceId = General, SampleId = a.Id }));
        Assert.ThrowsAsync<ValidationException>(() => SendAsync(new UpdateSample(Assay: "Nanopore") { OrganizationId = Org, WorkspaceId = General, SampleId = a.Id }));
        var updated = await SendAsync(new UpdateSample("A2", "wes", subject) { OrganizationId = Org, WorkspaceId = General, SampleId = a.Id });
        Assert.That((updated.Name, updated.Assay, updated.Subject!.ExternalId), Is.EqualTo(("A2", "WES", "P-1")));
    }

    [Test]
    public async Task Subject_list_pages_by_external_id()
    {
        await ArrangeOrganizationAsync();
        foreach (var id in new[] { "P-3", "P-1", "P-2", "Q-1" }) await SubjectAsync(id);
        var first = await SendAsync(new ListSubjects(Org, General) { Limit = 2 });
        var second = await SendAsync(new ListSubjects(Org, General) { Limit = 2, Cursor = first.NextCursor });
        Assert.That(first.Items.Concat(second.Items).Select(s => s.ExternalId), Is.EqualTo(new[] { "P-1", "P-2", "P-3", "Q-1" }));
        Assert.That(second.NextCursor, Is.Null);
        Assert.That((await SendAsync(new ListSubjects(Org, General) { Search = "q" })).Items.Single().ExternalId, Is.EqualTo("Q-1"));
    }
}

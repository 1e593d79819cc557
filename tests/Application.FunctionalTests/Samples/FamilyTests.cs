using VariantMiner.Application.Subjects;
using VariantMiner.Application.Subjects.Commands.CreateSubject;
using VariantMiner.Application.Subjects.Commands.DeleteSubject;
using VariantMiner.Application.Subjects.Commands.UpdateSubject;
using VariantMiner.Application.Subjects.Queries.GetSubject;
using VariantMiner.Application.Trash;
using VariantMiner.Domain.Common;

namespace VariantMiner.Application.FunctionalTests.Samples;

/// <summary>Families of subjects (father, mother, affected): the inheritance filters read them by role.</summary>
public class FamilyTests(DatabaseProvider provider) : SampleTestBase(provider)
{
    private Task<SubjectDto> CreateAsync(string id, string sex, string? affected = null, Guid? father = null, Guid? mother = null, Guid? workspace = null) =>
        SendAsync(new CreateSubject(id, sex, Affected: affected, FatherId: father, MotherId: mother) { OrganizationId = Org, WorkspaceId = workspace ?? General });

    private Task<SubjectDto> UpdateAsync(Guid subject, UpdateSubject change) =>
        SendAsync(change with { OrganizationId = Org, WorkspaceId = General, SubjectId = subject });

    [Test]
    public async Task A_trio_is_recorded_and_shown_on_each_members_page()
    {
        await ArrangeOrganizationAsync();
        var father = await CreateAsync("F-1", "Male", "Unaffected");
        var mother = await CreateAsync("M-1", "Female", "Unaffected");
        var child = await CreateAsync("C-1", "Female", "Affected", father.Id, mother.Id);
        Assert.That((child.FatherId, child.MotherId, child.Affected), Is.EqualTo(((Guid?)father.Id, (Guid?)mother.Id, "Affected")));

        var page = await SendAsync(new GetSubject(Org, General, child.Id));
        Assert.That((page.Family.Father!.ExternalId, page.Family.Mother!.ExternalId), Is.EqualTo(("F-1", "M-1")));
        Assert.That(page.Family.Children, Is.Empty);
        var fathers = await SendAsync(new GetSubject(Org, General, father.Id));
        Assert.That(fathers.Family.Children.Select(c => (c.ExternalId, c.Affected)), Is.EqualTo(new[] { ("C-1", "Affected") }));
        Assert.That(fathers.Family.Father, Is.Null);

        var cleared = await UpdateAsync(child.Id, new UpdateSubject(ClearFather: true, Affected: "unknown"));
        Assert.That((cleared.FatherId, cleared.MotherId, cleared.Affected), Is.EqualTo(((Guid?)null, (Guid?)mother.Id, "Unknown")), "only the father goes");
    }

    [Test]
    public async Task Impossible_families_are_refused_and_change_nothing()
    {
        await ArrangeOrganizationAsync();
        var father = await CreateAsync("F-1", "Male");
        var mother = await CreateAsync("M-1", "Female");
        var child = await CreateAsync("C-1", "Unknown", father: father.Id, mother: mother.Id);
        var elsewhere = await CreateAsync("X-1", "Male", workspace: Other);
        var aunt = await CreateAsync("A-1", "Female");
        var uncle = await CreateAsync("U-1", "Male");

        Assert.That(Assert.ThrowsAsync<DomainException>(() => UpdateAsync(child.Id, new UpdateSubject(FatherId: child.Id)))!.Message,
            Does.Contain("its own father"));
        Assert.That(Assert.ThrowsAsync<DomainException>(() => UpdateAsync(child.Id, new UpdateSubject(FatherId: aunt.Id)))!.Message,
            Does.Contain("recorded as female"));
        Assert.That(Assert.ThrowsAsync<DomainException>(() => UpdateAsync(child.Id, new UpdateSubject(FatherId: mother.Id)))!.Message,
            Does.Contain("two different subjects"));
        Assert.That(Assert.ThrowsAsync<DomainException>(() => UpdateAsync(child.Id, new UpdateSubject(MotherId: uncle.Id)))!.Message,
            Does.Contain("recorded as male"));
        Assert.That(Assert.ThrowsAsync<DomainException>(() => UpdateAsync(father.Id, new UpdateSubject(MotherId: child.Id)))!.Message,
            Does.Contain("its own ancestor"), "a child cannot become its parent's parent");
        var other = Assert.ThrowsAsync<ValidationException>(() => UpdateAsync(child.Id, new UpdateSubject(FatherId: elsewhere.Id)));
        Assert.That(other!.Errors.Select(e => (e.PropertyName, e.ErrorMessage)),
            Is.EqualTo(new[] { ("FatherId", "The father was not found among this workspace's subjects.") }), "another workspace's subject is not found");
        Assert.ThrowsAsync<ValidationException>(() => UpdateAsync(child.Id, new UpdateSubject(Affected: "Sometimes")));
        Assert.ThrowsAsync<ValidationException>(() => UpdateAsync(child.Id, new UpdateSubject(FatherId: father.Id, ClearFather: true)));
        Assert.That(Assert.ThrowsAsync<DomainException>(() => UpdateAsync(father.Id, new UpdateSubject(Sex: "Female")))!.Message,
            Does.Contain("recorded as the father"));

        var unchanged = (await SendAsync(new GetSubject(Org, General, child.Id))).Subject;
        Assert.That((unchanged.FatherId, unchanged.MotherId), Is.EqualTo(((Guid?)father.Id, (Guid?)mother.Id)));
        Assert.That((await SendAsync(new GetSubject(Org, General, father.Id))).Subject.Sex, Is.EqualTo("Male"));
        Assert.That((await SendAsync(new GetSubject(Org, General, father.Id))).Subject.MotherId, Is.Null);
    }

    [Test]
    public async Task Parents_follow_visibility_and_a_purged_parent_leaves_the_child_without_that_parent()
    {
        await ArrangeOrganizationAsync();
        var father = await CreateAsync("F-1", "Male");
        var mother = await CreateAsync("M-1", "Female");
        var child = await CreateAsync("C-1", "Male", father: father.Id, mother: mother.Id);
        // The Analyst sees the child (an assigned sample of it), not the parents (no sample of theirs is assigned to them).
        await DefineAsync("S-C", subjectId: child.Id, assignees: [Analyst]);
        RunAsUser(Analyst);
        var seen = await SendAsync(new GetSubject(Org, General, child.Id));
        Assert.That((seen.Family.Father, seen.Family.Mother), Is.EqualTo(((RelativeDto?)null, (RelativeDto?)null)), "hidden parents are left out");
        Assert.ThrowsAsync<ValidationException>(() => UpdateAsync(child.Id, new UpdateSubject(MotherId: mother.Id)), "an invisible subject cannot be named");

        RunAsOwner();
        await SendAsync(new DeleteSubject(Org, General, father.Id));
        Assert.That((await SendAsync(new GetSubject(Org, General, child.Id))).Family.Father, Is.Null, "a trashed father is not shown");
        RunAsAnonymous();
        await InScopeAsync<TrashPurge, int>(p => p.PurgeDeletedBeforeAsync(DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None));
        RunAsOwner();
        var after = (await SendAsync(new GetSubject(Org, General, child.Id))).Subject;
        Assert.That((after.FatherId, after.MotherId), Is.EqualTo(((Guid?)null, (Guid?)mother.Id)));
    }
}

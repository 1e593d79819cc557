using VariantMiner.Domain.Common;
using VariantMiner.Domain.Samples;

namespace VariantMiner.Domain.UnitTests;

public class SampleInvariantsTests
{
    private static readonly Guid Org = Guid.CreateVersion7(), Workspace = Guid.CreateVersion7(), User = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [TestCase("HP:0001250", true)]
    [TestCase("HP:0000001", true)]
    [TestCase("HP:123", false)]
    [TestCase("HP:00012500", false)]
    [TestCase("hp:0001250", false)]
    [TestCase("HP0001250", false)]
    [TestCase("HP:000125a", false)]
    [TestCase(" HP:0001250", false)]
    [TestCase("", false)]
    public void Hpo_ids_must_have_the_exact_shape(string term, bool valid) => Assert.That(Subject.IsHpoTerm(term), Is.EqualTo(valid));

    [Test]
    public void A_subject_keeps_distinct_trimmed_terms_and_refuses_bad_ones()
    {
        var subject = new Subject(Org, Workspace, " P-1 ", Sex.Female, null, ["HP:0001250", "HP:0001250", " HP:0000118"], null, User, Now);
        Assert.That(subject.ExternalId, Is.EqualTo("P-1"));
        Assert.That(subject.PhenotypeTerms, Is.EqualTo(new[] { "HP:0001250", "HP:0000118" }));
        var e = Assert.Throws<DomainException>(() => subject.Describe(Sex.Male, null, ["HP:1"], null, Now));
        Assert.That(e!.Message, Does.Contain("HP:1"));
        Assert.That(subject.Sex, Is.EqualTo(Sex.Female), "a refused edit changes nothing");
        Assert.Throws<DomainException>(() => subject.Describe(Sex.Male, new DateOnly(2030, 1, 1), [], null, Now));
        Assert.Throws<DomainException>(() => subject.Describe((Sex)42, null, [], null, Now));
        Assert.Throws<DomainException>(() => subject.Describe(Sex.Male, null, Enumerable.Range(0, 101).Select(i => $"HP:{i:0000000}"), null, Now));
        Assert.Throws<DomainException>(() => subject.Describe(Sex.Male, null, [], new string('n', Subject.NotesMaxLength + 1), Now));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Names_and_external_ids_cannot_be_empty(string value)
    {
        Assert.Throws<DomainException>(() => new Sample(Org, Workspace, value, "WGS", null, User, Now));
        Assert.Throws<DomainException>(() => new Sample(Org, Workspace, "S1", value, null, User, Now));
        Assert.Throws<DomainException>(() => new Subject(Org, Workspace, value, Sex.Unknown, null, null, null, User, Now));
        Assert.Throws<DomainException>(() => new Assay(Org, value));
    }

    [Test]
    public void Names_have_a_maximum_length()
    {
        Assert.That(new Sample(Org, Workspace, new string('s', Sample.NameMaxLength), "WGS", null, User, Now).Name, Has.Length.EqualTo(200));
        Assert.Throws<DomainException>(() => new Sample(Org, Workspace, new string('s', Sample.NameMaxLength + 1), "WGS", null, User, Now));
        Assert.Throws<DomainException>(() => new Subject(Org, Workspace, new string('p', Subject.ExternalIdMaxLength + 1), Sex.Unknown, null, null, null, User, Now));
        Assert.Throws<DomainException>(() => new Assay(Org, new string('a', Assay.NameMaxLength + 1)));
    }

    [Test]
    public void Assignment_adds_once_removes_and_replaces_exactly()
    {
        var sample = new Sample(Org, Workspace, "S1", "WGS", null, User, Now);
        Assert.That(sample.Status, Is.EqualTo(SampleStatus.Defined));
        var (a, b, c) = (Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7());
        Assert.That(sample.Assign(a, User, Now), Is.True);
        Assert.That(sample.Assign(a, User, Now), Is.False);
        Assert.That(sample.Assign(b, User, Now), Is.True);
        var assignment = sample.Assignments.First();
        Assert.That((assignment.OrganizationId, assignment.WorkspaceId, assignment.SampleId, assignment.AssignedBy), Is.EqualTo((Org, Workspace, sample.Id, User)));
        var (added, removed) = sample.ReplaceAssignees([b, c], User, Now);
        Assert.That(added, Is.EqualTo(new[] { c }));
        Assert.That(removed, Is.EqualTo(new[] { a }));
        Assert.That(sample.Unassign(b), Is.True);
        Assert.That(sample.Unassign(b), Is.False);
        Assert.That(sample.Assignments.Select(x => x.UserId), Is.EqualTo(new[] { c }));
    }

    [Test]
    public void Every_edit_renews_the_concurrency_version()
    {
        var sample = new Sample(Org, Workspace, "S1", "WGS", null, User, Now);
        var v = sample.Version;
        sample.Rename("S2");
        Assert.That(sample.Version, Is.Not.EqualTo(v));
    }

    [Test]
    public void The_default_assays_are_the_four_of_the_issue() =>
        Assert.That(Assay.Defaults, Is.EqualTo(new[] { "WGS", "WES", "Gene panel", "RNA-seq" }));
}

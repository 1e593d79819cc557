using VariantMiner.Application.Organizations.Queries.ListActivity;
using VariantMiner.Application.Samples.Commands.DeleteSample;

namespace VariantMiner.Application.FunctionalTests.Samples;

/// <summary>The activity page names what the reader may see and filters by person, kind and day.</summary>
public class ActivityTests(DatabaseProvider provider) : SampleTestBase(provider)
{
    [Test]
    public async Task Entries_name_the_sample_for_those_who_see_it_and_filter_by_person_kind_and_day()
    {
        await ArrangeOrganizationAsync();
        var subject = await SubjectAsync("P-42");
        var sample = await DefineAsync("NA12878", subjectId: subject, assignees: [Analyst]);
        await DefineAsync("Hidden-from-analyst");
        RunAsUser(GroupAdmin);
        await SendAsync(new DeleteSample(Org, General, sample.Id));

        RunAsOwner();
        var all = (await SendAsync(new ListActivity(Org) { Limit = 200 })).Items;
        Assert.That(all.Select(a => a.Summary), Has.Some.EqualTo("Defined the WGS sample \"NA12878\""));
        Assert.That(all.Select(a => a.Summary), Has.Some.EqualTo("Created the subject \"P-42\""));

        var byAdmin = (await SendAsync(new ListActivity(Org) { ActorUserId = GroupAdmin })).Items;
        Assert.That(byAdmin.Select(a => (a.Action, a.Summary)), Is.EqualTo(new[] { ("sample.deleted", "Moved the sample \"NA12878\" to the trash") }));

        var subjects = (await SendAsync(new ListActivity(Org) { Kind = "subject" })).Items;
        Assert.That(subjects.Select(a => a.TargetType).Distinct(), Is.EqualTo(new[] { "subject" }));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.That((await SendAsync(new ListActivity(Org) { From = today.AddDays(1) })).Items, Is.Empty);
        Assert.That((await SendAsync(new ListActivity(Org) { From = today, To = today, Kind = "sample" })).Items, Has.Count.GreaterThanOrEqualTo(3));
        Assert.That((await SendAsync(new ListActivity(Org) { To = today.AddDays(-1) })).Items, Is.Empty);
        Assert.ThrowsAsync<ValidationException>(() => SendAsync(new ListActivity(Org) { From = today, To = today.AddDays(-1) }));
        Assert.ThrowsAsync<ValidationException>(() => SendAsync(new ListActivity(Org) { Kind = "everything" }));

        RunAsUser(Analyst); // sees only the sample assigned to them, and no longer once it is in the trash
        var mine = (await SendAsync(new ListActivity(Org) { Kind = "sample", Limit = 200 })).Items;
        Assert.That(mine.Select(a => a.Summary), Has.None.Contains("Hidden-from-analyst"));
        Assert.That(mine.Select(a => a.Summary), Has.None.Contains("NA12878"), "a trashed sample's history is for those who see every sample");
    }
}

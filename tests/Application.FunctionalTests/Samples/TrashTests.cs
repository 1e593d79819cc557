using VariantMiner.Application.Samples.Commands.DeleteSample;
using VariantMiner.Application.Samples.Queries.GetSample;
using VariantMiner.Application.Samples.Queries.ListSamples;
using VariantMiner.Application.Subjects.Commands.DeleteSubject;
using VariantMiner.Application.Subjects.Queries.GetSubject;
using VariantMiner.Application.Trash;
using VariantMiner.Application.Trash.Commands;
using VariantMiner.Application.Trash.Queries;
using VariantMiner.Domain.Auditing;

namespace VariantMiner.Application.FunctionalTests.Samples;

/// <summary>
/// Deleting is two steps: into the workspace's trash (samples.delete, hidden everywhere, name free, restorable with
/// its assignments), then purged by the job after the retention period — each step audited.
/// </summary>
public class TrashTests(DatabaseProvider provider) : SampleTestBase(provider)
{
    [Test]
    public async Task A_deleted_sample_disappears_frees_its_name_and_comes_back_with_its_assignees()
    {
        await ArrangeOrganizationAsync();
        var subject = await SubjectAsync("P-7");
        var sample = await DefineAsync("NA12878", subjectId: subject, assignees: [Analyst, ReportWriter]);

        RunAsUser(GroupAdmin);
        await SendAsync(new DeleteSample(Org, General, sample.Id));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetSample(Org, General, sample.Id)));
        Assert.That((await SendAsync(new ListSamples(Org, General))).Total, Is.Zero);
        RunAsUser(Analyst);
        Assert.That((await SendAsync(new ListSamples(Org, General))).Total, Is.Zero, "not through the assignment either");

        RunAsUser(GroupAdmin);
        var item = (await SendAsync(new ListTrash(Org, General))).Single();
        Assert.That((item.Kind, item.Id, item.Name, item.DeletedBy.UserId), Is.EqualTo(("sample", sample.Id, "NA12878", GroupAdmin)));
        Assert.That(item.Assignees.Select(a => a.UserId), Is.EquivalentTo(new[] { Owner, Analyst, ReportWriter }), "the trash says who worked on it");
        Assert.That(item.PurgeAfter, Is.EqualTo(item.DeletedAt.AddDays(30)), "default retention");

        var replacement = await DefineAsync("nA12878");
        Assert.ThrowsAsync<ConflictException>(() => SendAsync(new RestoreSample(Org, General, sample.Id)), "the name was taken meanwhile");
        await SendAsync(new DeleteSample(Org, General, replacement.Id));
        await SendAsync(new RestoreSample(Org, General, sample.Id));

        RunAsUser(Analyst);
        var back = await SendAsync(new GetSample(Org, General, sample.Id));
        Assert.That(back.Assignees.Select(a => a.UserId), Is.EquivalentTo(new[] { Owner, Analyst, ReportWriter }));
        Assert.That(back.Subject!.Id, Is.EqualTo(subject));
    }

    [Test]
    public async Task Restoring_a_sample_restores_its_trashed_subject()
    {
        await ArrangeOrganizationAsync();
        var subject = await SubjectAsync("P-8");
        var sample = await DefineAsync("S-8", subjectId: subject);
        Assert.ThrowsAsync<ConflictException>(() => SendAsync(new DeleteSubject(Org, General, subject)), "a live sample still refers to it");
        await SendAsync(new DeleteSample(Org, General, sample.Id));
        await SendAsync(new DeleteSubject(Org, General, subject));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetSubject(Org, General, subject)));
        Assert.That((await SendAsync(new ListTrash(Org, General))).Select(i => i.Kind), Is.EqualTo(new[] { "subject", "sample" }), "newest first");

        await SendAsync(new RestoreSample(Org, General, sample.Id));
        Assert.That((await SendAsync(new GetSubject(Org, General, subject))).Subject.ExternalId, Is.EqualTo("P-8"));
        Assert.That(await SendAsync(new ListTrash(Org, General)), Is.Empty);
    }

    [Test]
    public async Task Defining_a_sample_is_not_enough_to_delete_it_and_the_trash_shows_only_what_one_may_see()
    {
        await ArrangeOrganizationAsync();
        var mine = await DefineAsync("Mine", assignees: [Analyst]);
        var hidden = await DefineAsync("Hidden");
        RunAsUser(Analyst);
        Assert.ThrowsAsync<ForbiddenException>(() => SendAsync(new DeleteSample(Org, General, mine.Id)), "samples.define does not include delete");

        RunAsOwner();
        await SendAsync(new DeleteSample(Org, General, mine.Id));
        await SendAsync(new DeleteSample(Org, General, hidden.Id));
        var cleaner = await AddCustomMemberAsync("Cleaner", [Permissions.SamplesDelete, Permissions.SamplesViewAssigned], General);
        await WithDbAsync(async db =>
        {
            var row = await db.Samples.IgnoreQueryFilters().SingleAsync(s => s.Id == mine.Id);
            row.Assign(cleaner, Owner, DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        RunAsUser(cleaner);
        Assert.That((await SendAsync(new ListTrash(Org, General))).Select(i => i.Name), Is.EqualTo(new[] { "Mine" }));
        Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new RestoreSample(Org, General, hidden.Id)));
    }

    [Test]
    public async Task The_purge_removes_only_what_outlived_the_retention_and_every_step_is_audited()
    {
        await ArrangeOrganizationAsync();
        var subject = await SubjectAsync("P-9");
        var old = await DefineAsync("Old", subjectId: subject, assignees: [Analyst]);
        var kept = await DefineAsync("Kept");
        await SendAsync(new DeleteSample(Org, General, old.Id));
        await SendAsync(new DeleteSubject(Org, General, subject));
        var cutoff = DateTimeOffset.UtcNow.AddSeconds(1);
        await Task.Delay(1100);
        await SendAsync(new DeleteSample(Org, General, kept.Id));

        RunAsAnonymous(); // the job runs without a signed-in user
        var purged = await InScopeAsync<TrashPurge, int>(p => p.PurgeDeletedBeforeAsync(cutoff, CancellationToken.None));
        RunAsOwner();

        Assert.That(purged, Is.EqualTo(2), "the old sample and its subject");
        Assert.That((await SendAsync(new ListTrash(Org, General))).Select(i => i.Name), Is.EqualTo(new[] { "Kept" }));
        await WithDbAsync(async db =>
        {
            Assert.That(await db.Samples.IgnoreQueryFilters().AnyAsync(s => s.Id == old.Id), Is.False);
            Assert.That(await db.SampleAssignments.IgnoreQueryFilters().AnyAsync(a => a.SampleId == old.Id), Is.False);
            var trail = await db.AuditRecords.IgnoreQueryFilters().Where(r => r.OrganizationId == Org && r.EntityId == old.Id.ToString())
                .OrderBy(r => r.Sequence).Select(r => new { r.Action, r.Changes, r.ActorUserId }).ToListAsync();
            Assert.That(trail.Select(r => r.Action), Is.EqualTo(new[] { AuditRecord.Created, AuditRecord.Updated, AuditRecord.Deleted }), "defined, trashed, purged");
            Assert.That(trail[1].Changes, Does.Contain("DeletedAt"));
            Assert.That(trail[2].ActorUserId, Is.Null, "the purge is the system's");
            Assert.That(await db.Activities.IgnoreQueryFilters().AnyAsync(a => a.TargetId == old.Id && a.Action == "sample.purged" && a.ActorUserId == Guid.Empty),
                Is.True, "the purge is in the activity, by the system");
            return 0;
        });
        Assert.That(await InScopeAsync<TrashPurge, int>(p => p.PurgeDeletedBeforeAsync(cutoff, CancellationToken.None)), Is.Zero, "nothing left to purge");
    }
}

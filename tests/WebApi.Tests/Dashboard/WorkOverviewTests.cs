using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Application.Files;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Reports;
using VariantMiner.Domain.Samples;

namespace VariantMiner.WebApi.Tests.Dashboard;

/// <summary>
/// The dashboard's work lists: runs in progress and failed, orders due, reports awaiting a signature — each only what
/// the member may see, reports only for those who sign; storage and processing against the quotas.
/// </summary>
public class WorkOverviewTests(DatabaseProvider provider) : WebTestBase(provider)
{
    [Test]
    public async Task Each_member_sees_the_work_they_may_see_and_signers_the_reports_awaiting_them()
    {
        SeededLab lab;
        SeededSamples seeded;
        await using (var db = Database.CreateContext()) lab = await SeededLab.CreateAsync(db, "Dashboard Lab");
        await using (var db = Database.CreateContext()) seeded = await SeededSamples.CreateAsync(db, lab, Factory.Services.GetRequiredService<IFileStore>());
        var supervisorId = lab.Members[BuiltInRole.Supervisor].UserId;
        Guid hiddenFailure;
        await using (var db = Database.CreateContext())
        {
            // A failed run of a sample assigned to nobody: the Analyst (who sees assigned samples only) is not told of it.
            var unassigned = new Sample(lab.OrganizationId, lab.WorkspaceId, "UNASSIGNED-1", "WES", null, supervisorId, DateTimeOffset.UtcNow);
            db.Samples.Add(unassigned);
            var run = new Analysis(lab.OrganizationId, lab.WorkspaceId, "germline-fastq", "{}", [unassigned.Id], [], ["align"], supervisorId, DateTimeOffset.UtcNow);
            run.Finish(AnalysisStatus.SYSTEM_ERROR, DateTimeOffset.UtcNow);
            db.Analyses.Add(run);
            hiddenFailure = run.Id;
            var draft = await db.Reports.IgnoreQueryFilters().Include(r => r.Versions).SingleAsync(r => r.Id == seeded.ReportId);
            draft.Edit(null, null, ReportStatus.Preliminary, supervisorId, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        var url = $"/api/organizations/{lab.OrganizationId}/dashboard";
        static List<Guid> Ids(JsonElement list) => list.EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();

        var supervisor = await (await Factory.SignedInClientAsync(lab.Members[BuiltInRole.Supervisor].Email)).GetFromJsonAsync<JsonElement>(url);
        Assert.That(Ids(supervisor.GetProperty("running")), Is.EqualTo(new[] { seeded.AnalysisId }));
        Assert.That(supervisor.GetProperty("running")[0].GetProperty("name").GetString(), Does.Contain("NA12878"));
        Assert.That(Ids(supervisor.GetProperty("failed")), Is.EquivalentTo(new[] { seeded.FailedAnalysisId, hiddenFailure }));
        Assert.That(supervisor.GetProperty("failedCount").GetInt32(), Is.EqualTo(2));
        var order = supervisor.GetProperty("ordersDue")[0];
        Assert.That(order.GetProperty("id").GetGuid(), Is.EqualTo(seeded.OrderId));
        Assert.That(order.GetProperty("overdue").GetBoolean(), Is.True, "the seeded order was due yesterday");
        Assert.That(Ids(supervisor.GetProperty("awaitingSignature")), Is.EqualTo(new[] { seeded.ReportId }));
        Assert.That(supervisor.GetProperty("storageQuotaBytes").GetInt64(), Is.GreaterThan(0));

        var analyst = await (await Factory.SignedInClientAsync(lab.Members[BuiltInRole.Analyst].Email)).GetFromJsonAsync<JsonElement>(url);
        Assert.That(Ids(analyst.GetProperty("failed")), Is.EqualTo(new[] { seeded.FailedAnalysisId }));
        Assert.That(analyst.GetProperty("failedCount").GetInt32(), Is.EqualTo(1));
        Assert.That(analyst.GetProperty("awaitingSignatureCount").GetInt32(), Is.Zero, "an Analyst does not sign reports");
        Assert.That(analyst.GetProperty("processingHoursThisMonth").ValueKind, Is.EqualTo(JsonValueKind.Null), "the organization's usage is not an Analyst's to see");
        Assert.That(supervisor.GetProperty("processingHoursThisMonth").ValueKind, Is.EqualTo(JsonValueKind.Number));

        var curator = await (await Factory.SignedInClientAsync(lab.Members[BuiltInRole.ClinicalCurator].Email)).GetFromJsonAsync<JsonElement>(url);
        Assert.That(Ids(curator.GetProperty("awaitingSignature")), Is.EqualTo(new[] { seeded.ReportId }));
        var writer = await (await Factory.SignedInClientAsync(lab.Members[BuiltInRole.ReportWriter].Email)).GetFromJsonAsync<JsonElement>(url);
        Assert.That(writer.GetProperty("awaitingSignatureCount").GetInt32(), Is.Zero, "a Report Writer drafts, not signs");
    }
}

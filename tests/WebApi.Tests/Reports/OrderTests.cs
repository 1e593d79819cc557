namespace VariantMiner.WebApi.Tests.Reports;

/// <summary>
/// Orders through the real host: recorded for visible samples of one subject with HPO terms, listed overdue first and
/// filtered, moved through their states only forward (cancelled while open), seen by whoever sees all their samples or
/// is assigned the order, and named by a report only when visible.
/// </summary>
public class OrderTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;
    private SeededSamples _samples = null!;

    private string Orders => $"/api/organizations/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}/orders";

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Order Lab");
        await using (var db = Database.CreateContext()) _samples = await SeededSamples.CreateAsync(db, _lab);
    }

    [Test]
    public async Task An_order_is_recorded_listed_overdue_first_and_moves_only_forward()
    {
        var curator = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.ClinicalCurator].Email);
        var created = await curator.PostUnsafeAsync(Orders, new
        {
            sampleIds = new[] { _samples.SampleId },
            test = "Exome",
            orderingClinician = "Dr. B. Neurologist",
            phenotypeTerms = new[] { "hp:0001263", "HP:0001250" },
            priority = "stat",
            dueDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(10),
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var order = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(order.GetProperty("subjectId").GetGuid(), Is.EqualTo(_samples.SubjectId), "the samples' subject");
        Assert.That(order.GetProperty("phenotypeTerms").EnumerateArray().Select(t => t.GetString()), Is.EqualTo(new[] { "HP:0001263", "HP:0001250" }));
        Assert.That((order.GetProperty("status").GetString(), order.GetProperty("overdue").GetBoolean()), Is.EqualTo(("received", false)));

        var list = await curator.GetFromJsonAsync<JsonElement>(Orders);
        Assert.That(list.EnumerateArray().Select(o => o.GetProperty("id").GetGuid()), Is.EqualTo(new[] { _samples.OrderId, order.GetProperty("id").GetGuid() }),
            "the seeded order, due yesterday, comes first");
        Assert.That(list[0].GetProperty("overdue").GetBoolean(), Is.True);
        Assert.That((await curator.GetFromJsonAsync<JsonElement>($"{Orders}?overdue=true")).GetArrayLength(), Is.EqualTo(1));
        Assert.That((await curator.GetFromJsonAsync<JsonElement>($"{Orders}?priority=stat")).GetArrayLength(), Is.EqualTo(1));

        var id = order.GetProperty("id").GetGuid();
        foreach (var status in new[] { "in-progress", "reported", "closed" })
        {
            var moved = await curator.SendUnsafeAsync(HttpMethod.Patch, $"{Orders}/{id}", new { status });
            Assert.That(moved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await moved.Content.ReadAsStringAsync());
        }
        var backwards = await curator.SendUnsafeAsync(HttpMethod.Patch, $"{Orders}/{id}", new { status = "received" });
        Assert.That((await Problems.AssertProblemAsync(backwards, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), Does.Contain("closed"));
        var cancelled = await curator.SendUnsafeAsync(HttpMethod.Patch, $"{Orders}/{_samples.OrderId}", new { status = "cancelled" });
        Assert.That((await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("overdue").GetBoolean(), Is.False, "a cancelled order is not overdue");
    }

    [Test]
    public async Task Bad_orders_are_refused_with_the_field_and_nothing_is_recorded()
    {
        var curator = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.ClinicalCurator].Email);
        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { sampleIds = Array.Empty<Guid>(), test = "Exome", orderingClinician = "Dr. B" }, "sampleIds"),
                     (new { sampleIds = new[] { _samples.TrashedSampleId }, test = "Exome", orderingClinician = "Dr. B" }, "sampleIds"),
                     (new { sampleIds = new[] { _samples.SampleId }, test = "Exome", orderingClinician = "Dr. B", priority = "whenever" }, "priority"),
                 })
        {
            var refused = await Problems.AssertProblemAsync(await curator.PostUnsafeAsync(Orders, body), HttpStatusCode.BadRequest);
            Assert.That(refused.GetProperty("errors").TryGetProperty(field, out _), Is.True, refused.ToString());
        }
        var notHpo = await curator.PostUnsafeAsync(Orders, new { sampleIds = new[] { _samples.SampleId }, test = "Exome", orderingClinician = "Dr. B", phenotypeTerms = new[] { "seizures" } });
        Assert.That((await Problems.AssertProblemAsync(notHpo, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), Does.Contain("HPO"));
        await using var db = Database.CreateContext();
        Assert.That(await db.Orders.IgnoreQueryFilters().CountAsync(o => o.OrganizationId == _lab.OrganizationId), Is.EqualTo(1), "only the seeded one");
    }

    [Test]
    public async Task An_order_is_seen_through_all_its_samples_or_its_own_assignment()
    {
        var analyst = _lab.Members[BuiltInRole.Analyst].UserId;
        await using (var db = Database.CreateContext())
        {
            var sample = await db.Samples.IgnoreQueryFilters().Include(s => s.Assignments).SingleAsync(s => s.Id == _samples.SampleId);
            sample.Unassign(analyst);
            await db.SaveChangesAsync();
        }
        var client = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email);
        await Problems.AssertProblemAsync(await client.GetAsync($"{Orders}/{_samples.OrderId}"), HttpStatusCode.NotFound);
        Assert.That((await client.GetFromJsonAsync<JsonElement>(Orders)).GetArrayLength(), Is.Zero);

        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        var assigned = await supervisor.SendUnsafeAsync(HttpMethod.Patch, $"{Orders}/{_samples.OrderId}", new { assigneeIds = new[] { analyst } });
        Assert.That(assigned.StatusCode, Is.EqualTo(HttpStatusCode.OK), await assigned.Content.ReadAsStringAsync());
        Assert.That((await client.GetAsync($"{Orders}/{_samples.OrderId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "assigned the order itself");

        // A report may name only an order its writer sees.
        var writer = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.ReportWriter].Email);
        var reports = $"/api/organizations/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}/reports";
        var named = await writer.PostUnsafeAsync(reports, new { analysisId = _samples.CompleteAnalysisId, title = "For the order", variantIds = new[] { 1 }, orderId = _samples.OrderId });
        Assert.That(named.StatusCode, Is.EqualTo(HttpStatusCode.Created), await named.Content.ReadAsStringAsync());
        await Problems.AssertProblemAsync(await writer.PostUnsafeAsync(reports,
            new { analysisId = _samples.CompleteAnalysisId, title = "Stranger", variantIds = new[] { 1 }, orderId = Guid.CreateVersion7() }), HttpStatusCode.NotFound);
    }
}

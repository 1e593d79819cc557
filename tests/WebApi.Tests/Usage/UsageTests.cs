using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Application.Common.Security;
using VariantMiner.Application.Files;
using VariantMiner.Application.Usage;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Samples;
using VariantMiner.Domain.Usage;

namespace VariantMiner.WebApi.Tests.Usage;

/// <summary>
/// Usage from recorded facts, the processing quota (launches refused at 100 %, alerts at 80/95/100 % once per month),
/// and monthly statements that never change once their month closed.
/// </summary>
public class UsageTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;
    private SeededSamples _samples = null!;
    private HttpClient _supervisor = null!;

    private string Org => $"/api/organizations/{_lab.OrganizationId}";
    private static Month ThisMonth => Month.Of(DateTimeOffset.UtcNow);
    private static Month LastMonth => ThisMonth.Previous;

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Usage Lab");
        await using (var db = Database.CreateContext()) _samples = await SeededSamples.CreateAsync(db, _lab, Factory.Services.GetRequiredService<IFileStore>());
        _supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
    }

    /// <summary>A finished run of <paramref name="by"/> that used <paramref name="cpuSeconds"/>, ended at <paramref name="endedAt"/>.</summary>
    private async Task AddRunAsync(Guid by, DateTimeOffset endedAt, double cpuSeconds, double wallSeconds)
    {
        await using var db = Database.CreateContext();
        var run = new Analysis(_lab.OrganizationId, _lab.WorkspaceId, "germline-fastq", "{}", [_samples.SampleId], [], ["align"], by, endedAt.AddHours(-1));
        run.Measured(wallSeconds, cpuSeconds);
        run.Finish(AnalysisStatus.COMPLETE, endedAt);
        db.Analyses.Add(run);
        await db.SaveChangesAsync();
    }

    private async Task UsageRoundAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<OrganizationContext>().Enter(OrganizationAccess.ForSystem(_lab.OrganizationId, Guid.Empty), null);
        await scope.ServiceProvider.GetRequiredService<UsageRound>().RunAsync(_lab.OrganizationId, CancellationToken.None);
    }

    private async Task<List<string>> NotificationTitlesAsync(BuiltInRole role)
    {
        var list = await (await Factory.SignedInClientAsync(_lab.Members[role].Email)).GetFromJsonAsync<JsonElement>($"{Org}/notifications");
        return list.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("title").GetString()!).ToList();
    }

    private async Task SetQuotaAsync(double? hours)
    {
        var response = await _supervisor.SendUnsafeAsync(HttpMethod.Put, $"{Org}/settings/billing", new { processingHoursQuota = hours });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Usage_counts_processing_in_the_month_a_run_ended_storage_by_day_and_who_used_it()
    {
        var analyst = _lab.Members[BuiltInRole.Analyst].UserId;
        var supervisor = _lab.Members[BuiltInRole.Supervisor].UserId;
        await AddRunAsync(analyst, LastMonth.Start.AddDays(3), cpuSeconds: 7200, wallSeconds: 3600);
        await AddRunAsync(analyst, ThisMonth.Start.AddHours(2), cpuSeconds: 1800, wallSeconds: 900);
        await AddRunAsync(supervisor, ThisMonth.Start.AddHours(3), cpuSeconds: 360, wallSeconds: 360);
        await using (var db = Database.CreateContext())
        {
            // 3 GB held from the first day of last month; 1 GB from its 11th day on (every later day carries it).
            db.StorageSnapshots.Add(new StorageSnapshot(_lab.OrganizationId, _lab.WorkspaceId, LastMonth.FirstDay, 3_000_000_000, 3, DateTimeOffset.UtcNow));
            db.StorageSnapshots.Add(new StorageSnapshot(_lab.OrganizationId, _lab.WorkspaceId, LastMonth.FirstDay.AddDays(10), 1_000_000_000, 1, DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var usage = await _supervisor.GetFromJsonAsync<JsonElement>($"{Org}/usage?from={LastMonth}&to={ThisMonth}");
        var months = usage.GetProperty("months").EnumerateArray().Where(m => m.GetProperty("workspaceId").GetGuid() == _lab.WorkspaceId)
            .ToDictionary(m => m.GetProperty("month").GetString()!);
        var last = months[LastMonth.ToString()];
        Assert.That(last.GetProperty("processingHours").GetDouble(), Is.EqualTo(2.0).Within(1e-6), "CPU hours, in the month the run ended");
        Assert.That(last.GetProperty("wallHours").GetDouble(), Is.EqualTo(1.0).Within(1e-6));
        var expectedGbMonths = (10 * 3.0 + (LastMonth.Days - 10) * 1.0) / LastMonth.Days;
        Assert.That(last.GetProperty("storageGbMonths").GetDouble(), Is.EqualTo(expectedGbMonths).Within(1e-6));
        Assert.That(last.GetProperty("storageBytes").GetInt64(), Is.EqualTo(1_000_000_000));
        Assert.That(months[ThisMonth.ToString()].GetProperty("processingHours").GetDouble(), Is.EqualTo(0.6).Within(1e-6));
        Assert.That(usage.GetProperty("processingHoursThisMonth").GetDouble(), Is.EqualTo(0.6).Within(1e-6));
        var top = usage.GetProperty("topUsers").EnumerateArray().ToList();
        Assert.That(top[0].GetProperty("userId").GetGuid(), Is.EqualTo(analyst));
        Assert.That(top[0].GetProperty("processingHours").GetDouble(), Is.EqualTo(2.5).Within(1e-6));
        Assert.That(usage.GetProperty("storageDaily").EnumerateArray().First().GetProperty("bytes").GetInt64(), Is.EqualTo(3_000_000_000));

        // A member sees their own usage only.
        var mine = await (await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email))
            .GetFromJsonAsync<JsonElement>($"{Org}/usage/me?from={LastMonth}&to={ThisMonth}");
        Assert.That(mine.GetProperty("months").EnumerateArray().Select(m => m.GetProperty("processingHours").GetDouble()),
            Is.EqualTo(new[] { 2.0, 0.5 }).Within(1e-6));

        var backwards = await _supervisor.GetAsync($"{Org}/usage?from={ThisMonth}&to={LastMonth}");
        Assert.That((await Problems.AssertProblemAsync(backwards, HttpStatusCode.BadRequest)).ToString(), Does.Contain("before to"));
        var garbled = await _supervisor.GetAsync($"{Org}/usage?from=last-year");
        Assert.That((await Problems.AssertProblemAsync(garbled, HttpStatusCode.BadRequest)).ToString(), Does.Contain("yyyy-MM"));
    }

    [Test]
    public async Task A_deleted_workspace_stops_counting_from_the_next_measurement()
    {
        var created = await _supervisor.PostUnsafeAsync($"{Org}/workspaces", new { name = "Short-lived" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var workspaceId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        await using (var db = Database.CreateContext())
        {
            db.StorageSnapshots.Add(new StorageSnapshot(_lab.OrganizationId, workspaceId, yesterday, 5_000_000_000, 5, DateTimeOffset.UtcNow.AddDays(-1)));
            await db.SaveChangesAsync();
        }
        var deleted = await _supervisor.SendUnsafeAsync(HttpMethod.Delete, $"{Org}/workspaces/{workspaceId}", null);
        Assert.That(deleted.IsSuccessStatusCode, Is.True, await deleted.Content.ReadAsStringAsync());

        await UsageRoundAsync();
        var usage = await _supervisor.GetFromJsonAsync<JsonElement>($"{Org}/usage");
        var days = usage.GetProperty("storageDaily").EnumerateArray().ToDictionary(d => DateOnly.Parse(d.GetProperty("day").GetString()!), d => d.GetProperty("bytes").GetInt64());
        Assert.That(days[yesterday], Is.GreaterThanOrEqualTo(5_000_000_000));
        Assert.That(days[yesterday.AddDays(1)], Is.LessThan(5_000_000_000), "today the deleted workspace holds nothing");
    }

    [Test]
    public async Task A_used_up_processing_quota_refuses_launches_with_a_clear_problem_until_it_is_raised()
    {
        var cancel = await _supervisor.PostUnsafeAsync($"{Org}/workspaces/{_lab.WorkspaceId}/analyses/{_samples.AnalysisId}/cancel");
        Assert.That(cancel.StatusCode, Is.EqualTo(HttpStatusCode.OK), await cancel.Content.ReadAsStringAsync());
        await AddRunAsync(_lab.Members[BuiltInRole.Analyst].UserId, DateTimeOffset.UtcNow.AddMinutes(-5), cpuSeconds: 3600, wallSeconds: 3600);
        await SetQuotaAsync(1);

        var refused = await _supervisor.PostUnsafeAsync($"{Org}/workspaces/{_lab.WorkspaceId}/analyses/{_samples.AnalysisId}/retry");
        var problem = await Problems.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("reason").GetString(), Is.EqualTo("processing-quota"));
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("processing quota").And.Contain("1 of 1 CPU hours"));

        await SetQuotaAsync(2);
        var retried = await _supervisor.PostUnsafeAsync($"{Org}/workspaces/{_lab.WorkspaceId}/analyses/{_samples.AnalysisId}/retry");
        Assert.That(retried.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await retried.Content.ReadAsStringAsync());

        var invalid = await _supervisor.SendUnsafeAsync(HttpMethod.Put, $"{Org}/settings/billing", new { processingHoursQuota = -1 });
        Assert.That((await Problems.AssertProblemAsync(invalid, HttpStatusCode.BadRequest)).ToString(), Does.Contain("above 0"));
        Assert.That((await _supervisor.GetFromJsonAsync<JsonElement>($"{Org}/settings/billing")).GetProperty("processingHoursQuota").GetDouble(), Is.EqualTo(2));
    }

    [Test]
    public async Task Quota_alerts_reach_the_billing_managers_once_per_threshold_and_month()
    {
        await SetQuotaAsync(10);
        await AddRunAsync(_lab.Members[BuiltInRole.Analyst].UserId, DateTimeOffset.UtcNow.AddMinutes(-5), cpuSeconds: 8.5 * 3600, wallSeconds: 3600);
        await UsageRoundAsync();
        await UsageRoundAsync();
        var titles = await NotificationTitlesAsync(BuiltInRole.Supervisor);
        Assert.That(titles.Count(t => t.StartsWith("The processing quota is 80 % used", StringComparison.Ordinal)), Is.EqualTo(1), string.Join("\n", titles));
        Assert.That(await NotificationTitlesAsync(BuiltInRole.GroupAdmin), Has.None.Contains("quota"), "Group Admins do not manage billing");

        await AddRunAsync(_lab.Members[BuiltInRole.Analyst].UserId, DateTimeOffset.UtcNow.AddMinutes(-4), cpuSeconds: 2 * 3600, wallSeconds: 3600);
        await UsageRoundAsync();
        titles = await NotificationTitlesAsync(BuiltInRole.Supervisor);
        Assert.That(titles.Count(t => t.StartsWith("The processing quota is used up", StringComparison.Ordinal)), Is.EqualTo(1), string.Join("\n", titles));
        Assert.That(titles.Count(t => t.Contains("quota", StringComparison.Ordinal)), Is.EqualTo(2), "95 % is recorded with 100 %, told once");
        await using var db = Database.CreateContext();
        var alerts = await db.QuotaAlerts.IgnoreQueryFilters().Where(a => a.OrganizationId == _lab.OrganizationId).Select(a => a.Threshold).ToListAsync();
        Assert.That(alerts.Order(), Is.EqualTo(new[] { 80, 95, 100 }));
        var email = _lab.Members[BuiltInRole.Supervisor].Email;
        Assert.That(await db.Outbox.CountAsync(m => m.Recipient == email && m.Subject.StartsWith("The processing quota")), Is.EqualTo(2));
    }

    [Test]
    public async Task A_closed_months_statement_is_stored_line_by_line_and_never_changes()
    {
        await using (var db = Database.CreateContext())
        {
            await db.Organizations.Where(o => o.Id == _lab.OrganizationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.CreatedAt, LastMonth.Start.AddDays(-40)));
            db.StorageSnapshots.Add(new StorageSnapshot(_lab.OrganizationId, _lab.WorkspaceId, LastMonth.FirstDay, 2_000_000_000, 2, DateTimeOffset.UtcNow));
            db.Samples.Add(new Sample(_lab.OrganizationId, _lab.WorkspaceId, "LAST-MONTH-1", "WGS", null, _lab.Members[BuiltInRole.Supervisor].UserId,
                LastMonth.Start.AddDays(2)));
            await db.SaveChangesAsync();
        }
        await AddRunAsync(_lab.Members[BuiltInRole.Analyst].UserId, LastMonth.Start.AddDays(5), cpuSeconds: 4 * 3600, wallSeconds: 3600);
        var adminEmail = $"root.{Guid.NewGuid():N}@platform.example";
        await using (var db = Database.CreateContext()) await TestData.AddUserAsync(db, adminEmail, platformAdmin: true);
        var admin = await Factory.SignedInClientAsync(adminEmail);
        var arrangement = await admin.SendUnsafeAsync(HttpMethod.Put, $"/api/admin/organizations/{_lab.OrganizationId}/billing",
            new { planName = "Clinical", currency = "CHF", pricePerGbMonth = 0.5m, pricePerCpuHour = 1.25m, pricePerSample = 10m, monthlyFee = 100m });
        Assert.That(arrangement.StatusCode, Is.EqualTo(HttpStatusCode.OK), await arrangement.Content.ReadAsStringAsync());
        var refused = await _supervisor.SendUnsafeAsync(HttpMethod.Put, $"/api/admin/organizations/{_lab.OrganizationId}/billing",
            new { planName = "Free", currency = "CHF", pricePerGbMonth = 0m, pricePerCpuHour = 0m, pricePerSample = 0m, monthlyFee = 0m });
        await Problems.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        await using (var db = Database.CreateContext())
            Assert.That(await db.AuditRecords.IgnoreQueryFilters().CountAsync(a => a.OrganizationId == _lab.OrganizationId && a.EntityType == "BillingArrangement"),
                Is.EqualTo(1), "the platform administrator's prices are in the organization's audit trail");

        await UsageRoundAsync();
        var statement = await _supervisor.GetFromJsonAsync<JsonElement>($"{Org}/billing/statements/{LastMonth}");
        Assert.That(statement.GetProperty("closed").GetBoolean(), Is.True);
        Assert.That(statement.GetProperty("currency").GetString(), Is.EqualTo("CHF"));
        var lines = statement.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("description").GetString()!, l => l.GetProperty("amount").GetDecimal());
        Assert.That(lines["Storage — Genomes"], Is.EqualTo(1.00m), "2 GB for the whole month at 0.50");
        Assert.That(lines["Processing — Genomes"], Is.EqualTo(5.00m), "4 CPU hours at 1.25");
        Assert.That(lines["Clinical plan"], Is.EqualTo(100m));
        Assert.That(lines.Keys.Single(k => k.StartsWith("Samples", StringComparison.Ordinal)), Is.EqualTo("Samples — Genomes"));
        var total = statement.GetProperty("total").GetDecimal();
        Assert.That(total, Is.EqualTo(lines.Values.Sum()));

        // Later runs, prices and rounds change nothing in a closed month.
        await AddRunAsync(_lab.Members[BuiltInRole.Analyst].UserId, LastMonth.Start.AddDays(6), cpuSeconds: 100 * 3600, wallSeconds: 3600);
        await admin.SendUnsafeAsync(HttpMethod.Put, $"/api/admin/organizations/{_lab.OrganizationId}/billing",
            new { planName = "Clinical", currency = "CHF", pricePerGbMonth = 5m, pricePerCpuHour = 5m, pricePerSample = 5m, monthlyFee = 5m });
        await UsageRoundAsync();
        var again = await _supervisor.GetFromJsonAsync<JsonElement>($"{Org}/billing/statements/{LastMonth}");
        Assert.That(again.ToString(), Is.EqualTo(statement.ToString()));
        var open = await _supervisor.GetFromJsonAsync<JsonElement>($"{Org}/billing/statements/{ThisMonth}");
        Assert.That(open.GetProperty("closed").GetBoolean(), Is.False);

        var csv = await _supervisor.GetAsync($"{Org}/billing/statements/{LastMonth}?format=csv");
        Assert.That(csv.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/csv"));
        var text = await csv.Content.ReadAsStringAsync();
        Assert.That(text, Does.StartWith("month,description,quantity,unit,unit_price,amount,currency\n"));
        Assert.That(text, Does.Contain($"{LastMonth},Processing — Genomes,4,CPU hour,1.25,5.00,CHF"));
        Assert.That(text.TrimEnd().Split('\n').Last(), Is.EqualTo($"{LastMonth},Total,,,,{total.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)},CHF"));

        var list = await _supervisor.GetFromJsonAsync<JsonElement>($"{Org}/billing/statements");
        Assert.That(list.EnumerateArray().Select(s => (s.GetProperty("month").GetString(), s.GetProperty("closed").GetBoolean())).Take(2),
            Is.EqualTo(new[] { (ThisMonth.ToString(), false), (LastMonth.ToString(), true) }));

        // The database itself refuses to change a closed statement.
        await using var raw = Database.CreateContext();
        Assert.CatchAsync(async () => await raw.Database.ExecuteSqlRawAsync("UPDATE \"Statements\" SET \"Total\" = 0"));
    }

}

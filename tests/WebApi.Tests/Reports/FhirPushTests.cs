using System.Security.Cryptography;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VariantMiner.Application.Files;
using VariantMiner.Domain.Integrations;
using VariantMiner.Domain.Reports;
using VariantMiner.Infrastructure.Integrations;
using Task = System.Threading.Tasks.Task;

namespace VariantMiner.WebApi.Tests.Reports;

/// <summary>
/// Final reports pushed to the organization's FHIR server (integration settings) through the delivery outbox, against a
/// real HTTP server this test starts (<see cref="HttpReceiver"/>): what arrives (a valid transaction with the signed PDF,
/// the credentials), Polly's retries of passing failures honouring Retry-After, refusals failing at once and telling
/// the people concerned, rounds that give up, and a worker that died mid-send.
/// </summary>
public class FhirPushTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    /// <summary>A worker's clock the round tests move forward (the next round is minutes away).</summary>
    private sealed class MovableClock : TimeProvider
    {
        public TimeSpan Ahead { get; set; }
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Ahead;
    }

    private SeededLab _lab = null!;
    private SeededSamples _samples = null!;
    private HttpReceiver _receiver = null!;
    private readonly MovableClock _clock = new();

    protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["Integrations:AllowPrivateNetworkEndpoints"] = "true", // the receiver is on this machine, over http
        ["Integrations:RetryDelay"] = "00:00:00.200",
    };

    private string Reports => $"/api/organizations/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}/reports";
    private string Integrations => $"/api/organizations/{_lab.OrganizationId}/settings/integrations";

    [SetUp]
    public async Task Seed()
    {
        _clock.Ahead = TimeSpan.Zero;
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Push Lab");
        await using (var db = Database.CreateContext()) _samples = await SeededSamples.CreateAsync(db, _lab, Factory.Services.GetRequiredService<IFileStore>());
        _receiver = await HttpReceiver.StartAsync();
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        var set = await supervisor.SendUnsafeAsync(HttpMethod.Put, Integrations,
            new { fhirBaseUrl = _receiver.BaseUrl, fhirAuthentication = "bearer", fhirSecret = "ehr-token-123" });
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), await set.Content.ReadAsStringAsync());
    }

    [TearDown]
    public async Task StopReceiver() => await _receiver.DisposeAsync();

    /// <summary>A worker of its own on <see cref="_clock"/>, beside the host's (which keeps the real time).</summary>
    private ReportDeliveryWorker Worker() => new(Factory.Services.GetRequiredService<IServiceScopeFactory>(),
        new DeliveryHttp(Factory.Services.GetRequiredService<IOptions<IntegrationOptions>>(), _clock), _clock, NullLogger<ReportDeliveryWorker>.Instance);

    private async Task<(HttpClient Curator, Guid Id)> SignAsync()
    {
        var curator = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.ClinicalCurator].Email);
        var created = await curator.PostUnsafeAsync(Reports, new
        {
            analysisId = _samples.CompleteAnalysisId,
            orderId = _samples.OrderId,
            title = "Epilepsy panel",
            variantIds = new[] { 1, 2 },
            conclusion = "Likely pathogenic variant in vmA1.",
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var signed = await curator.PostUnsafeAsync($"{Reports}/{id}/sign", new { password = BrowserClientExtensions.Password, meaning = "approved" });
        Assert.That(signed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await signed.Content.ReadAsStringAsync());
        return (curator, id);
    }

    private async Task<List<ReportDelivery>> DeliveriesAsync(Guid reportId)
    {
        await using var db = Database.CreateContext();
        return await db.ReportDeliveries.IgnoreQueryFilters().AsNoTracking().Where(d => d.ReportId == reportId).OrderBy(d => d.CreatedAt).ToListAsync();
    }

    /// <summary>Runs rounds (this test's worker, or the host's if it is first) until the newest delivery has had <paramref name="rounds"/>.</summary>
    private async Task<ReportDelivery> AfterRoundsAsync(Guid reportId, int rounds = 1)
    {
        var worker = Worker();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var delivery = (await DeliveriesAsync(reportId)).Last();
            if (delivery.Rounds >= rounds || delivery.Status != DeliveryStatus.Pending) return delivery;
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), $"the delivery had {delivery.Rounds} round(s) after a minute");
            if (!await worker.DeliverNextAsync(CancellationToken.None)) await Task.Delay(100);
        }
    }

    [Test]
    public async Task A_final_report_reaches_the_FHIR_server_as_a_valid_transaction_with_the_signed_PDF()
    {
        var (curator, id) = await SignAsync();
        var delivery = await AfterRoundsAsync(id);

        Assert.That(delivery.Status, Is.EqualTo(DeliveryStatus.Delivered), delivery.LastError);
        var request = _receiver.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.Path, Is.EqualTo("/fhir"), "a transaction goes to the server's base");
            Assert.That(request.Authorization, Is.EqualTo("Bearer ehr-token-123"));
            Assert.That(request.ContentType, Does.StartWith("application/fhir+json"));
        });
        var transaction = JsonSerializer.Deserialize<Bundle>(request.Body, Fhir)!;
        Assert.That(FhirExportTests.Errors(transaction), Is.Empty);
        Assert.That(transaction.Type, Is.EqualTo(Bundle.BundleType.Transaction));
        Assert.That(transaction.Entry.Select(e => e.Request!.Method), Is.All.EqualTo(Bundle.HTTPVerb.POST));
        var reportEntry = transaction.Entry.Single(e => e.Resource is DiagnosticReport);
        var report = (DiagnosticReport)reportEntry.Resource!;
        Assert.That(report.Status, Is.EqualTo(DiagnosticReport.DiagnosticReportStatus.Final));
        Assert.That(reportEntry.Request!.IfNoneExist, Is.EqualTo($"identifier=urn%3Avariantminer%3Areport|{id}%2F1"), "sent twice, stored once");
        // The patient is matched by an identifier of this workspace's subjects: another organization's "P-001" is another patient.
        Assert.That(transaction.Entry.Single(e => e.Resource is Patient).Request!.IfNoneExist,
            Does.StartWith($"identifier={Uri.EscapeDataString(Application.Reports.FhirReport.SubjectSystem(_lab.WorkspaceId))}|"));
        Assert.That(transaction.Entry.Count(e => e.Resource is Observation), Is.GreaterThanOrEqualTo(2));

        await using (var db = Database.CreateContext())
        {
            var version = await db.ReportVersions.IgnoreQueryFilters().SingleAsync(v => v.ReportId == id);
            Assert.That(Convert.ToHexStringLower(SHA256.HashData(report.PresentedForm.Single().Data!)), Is.EqualTo(version.PdfSha256), "the PDF exactly as signed");
            var settings = await db.IntegrationSettings.IgnoreQueryFilters().SingleAsync(s => s.OrganizationId == _lab.OrganizationId);
            Assert.That(settings.ProtectedFhirSecret, Does.Not.Contain("ehr-token-123"), "kept encrypted");
        }

        // The report shows where it went.
        var shown = await curator.GetFromJsonAsync<JsonElement>($"{Reports}/{id}");
        var delivered = shown.GetProperty("deliveries").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(delivered.GetProperty("status").GetString(), Is.EqualTo("delivered"));
            Assert.That(delivered.GetProperty("version").GetInt32(), Is.EqualTo(1));
            Assert.That(delivered.GetProperty("endpoint").GetString(), Is.EqualTo(_receiver.BaseUrl));
            Assert.That(delivered.GetProperty("remoteLocation").GetString(), Is.EqualTo(HttpReceiver.ReportLocation));
            Assert.That(delivered.GetProperty("lastStatusCode").GetInt32(), Is.EqualTo(200));
        });
        // The settings never show the secret again.
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        var settingsText = await supervisor.GetStringAsync(Integrations);
        Assert.That(settingsText, Does.Not.Contain("ehr-token-123"));
        Assert.That(JsonDocument.Parse(settingsText).RootElement.GetProperty("fhirSecretSet").GetBoolean(), Is.True);
    }

    [Test]
    public async Task The_kept_secret_is_not_sent_to_another_server()
    {
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        var elsewhere = _receiver.BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        var moved = await supervisor.SendUnsafeAsync(HttpMethod.Put, Integrations, new { fhirBaseUrl = elsewhere, fhirAuthentication = "bearer" });
        Assert.That((await Problems.AssertProblemAsync(moved, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(),
            Does.Contain("not sent to another server"));
        // The same server, another path: the kept token stays.
        var same = await supervisor.SendUnsafeAsync(HttpMethod.Put, Integrations, new { fhirBaseUrl = _receiver.BaseUrl + "/r4", fhirAuthentication = "bearer" });
        Assert.That(same.StatusCode, Is.EqualTo(HttpStatusCode.OK), await same.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_passing_failure_is_tried_again_after_the_servers_Retry_After()
    {
        _receiver.Then(new HttpReceiver.Answer(503, RetryAfter: "2"), new HttpReceiver.Answer(502));
        var (_, id) = await SignAsync();
        var delivery = await AfterRoundsAsync(id);

        Assert.That(delivery.Status, Is.EqualTo(DeliveryStatus.Delivered), delivery.LastError);
        Assert.That(delivery.Rounds, Is.EqualTo(1), "all within one round");
        var requests = _receiver.Requests.ToList();
        Assert.That(requests, Has.Count.EqualTo(3));
        // The retry delay here is 0.2 s, doubling: only the server's Retry-After makes the first wait two seconds.
        Assert.That(requests[1].At - requests[0].At, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1.9)));
        Assert.That(requests[2].At - requests[1].At, Is.LessThan(TimeSpan.FromSeconds(1.9)));
    }

    [Test]
    public async Task A_refusal_fails_at_once_and_tells_the_signer_and_the_settings_managers_then_it_can_be_sent_again()
    {
        _receiver.Then(new HttpReceiver.Answer(422, """
            {"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"required","diagnostics":"Patient.identifier is required here"}]}
            """));
        var (curator, id) = await SignAsync();
        var delivery = await AfterRoundsAsync(id);

        Assert.That(delivery.Status, Is.EqualTo(DeliveryStatus.Failed));
        Assert.That(_receiver.Requests, Has.Count.EqualTo(1), "a refusal is not tried again");
        Assert.That(delivery.LastStatusCode, Is.EqualTo(422));
        Assert.That(delivery.LastError, Does.Contain("Patient.identifier is required here"));
        await using (var db = Database.CreateContext())
        {
            var told = await db.Outbox.Where(m => m.OrganizationId == _lab.OrganizationId && m.Subject.StartsWith("Report not delivered")).ToListAsync();
            var recipients = told.Select(m => m.Recipient).ToList();
            Assert.That(recipients, Is.SupersetOf(new[] { BuiltInRole.ClinicalCurator, BuiltInRole.Supervisor, BuiltInRole.GroupAdmin }.Select(r => _lab.Members[r].Email)));
            Assert.That(recipients, Has.None.EqualTo(_lab.Members[BuiltInRole.Analyst].Email).And.None.EqualTo(_lab.Members[BuiltInRole.ReportWriter].Email));
            Assert.That(told.First().Body, Does.Contain($"/reports/{id}").And.Not.Contain("Patient.identifier"), "the server's answer stays on the report's page");
        }
        var bell = await curator.GetFromJsonAsync<JsonElement>($"/api/organizations/{_lab.OrganizationId}/notifications");
        Assert.That(bell.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("title").GetString()),
            Has.Some.StartsWith("Report not delivered to the FHIR server: Epilepsy panel (version 1)"), "told in the app too");

        // Sent again (the server is fixed): a new delivery, delivered; the failed one stays in the history.
        var again = await curator.PostUnsafeAsync($"{Reports}/{id}/deliveries", new { });
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), await again.Content.ReadAsStringAsync());
        var redelivered = await AfterRoundsAsync(id);
        Assert.That(redelivered.Status, Is.EqualTo(DeliveryStatus.Delivered), redelivered.LastError);
        Assert.That((await DeliveriesAsync(id)).Select(d => d.Status), Is.EqualTo(new[] { DeliveryStatus.Failed, DeliveryStatus.Delivered }));
    }

    [Test]
    public async Task Sending_again_is_refused_for_a_draft_and_when_no_server_is_set()
    {
        var curator = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.ClinicalCurator].Email);
        var draft = await curator.PostUnsafeAsync($"{Reports}/{_samples.ReportId}/deliveries", new { });
        Assert.That((await Problems.AssertProblemAsync(draft, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), Does.Contain("sign the report first"));

        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        await supervisor.SendUnsafeAsync(HttpMethod.Put, Integrations, new { fhirBaseUrl = "" });
        var none = await curator.PostUnsafeAsync($"{Reports}/{_samples.SignedReportId}/deliveries", new { });
        Assert.That((await Problems.AssertProblemAsync(none, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), Does.Contain("integration settings"));
        // And signing queues nothing without a server.
        var (_, id) = await SignAsync();
        Assert.That(await DeliveriesAsync(id), Is.Empty);
    }

    [Test]
    public async Task Passing_failures_end_a_round_and_after_five_rounds_the_delivery_fails()
    {
        // A Retry-After of an hour is longer than a round waits: each round is one request, the next round that much later.
        _receiver.Otherwise = new HttpReceiver.Answer(503, RetryAfter: "3600");
        var (_, id) = await SignAsync();
        var first = await AfterRoundsAsync(id);
        Assert.That(first.Status, Is.EqualTo(DeliveryStatus.Pending));
        Assert.That(_receiver.Requests, Has.Count.EqualTo(1));
        Assert.That(first.NextAttemptAt, Is.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(59)), "the server's hour, not our first minute");

        for (var round = 2; round <= ReportDelivery.MaxRounds; round++)
        {
            _clock.Ahead += TimeSpan.FromHours(2);
            await AfterRoundsAsync(id, round);
        }
        var last = (await DeliveriesAsync(id)).Single();
        Assert.That(last.Status, Is.EqualTo(DeliveryStatus.Failed));
        Assert.That(last.LastStatusCode, Is.EqualTo(503));
        Assert.That(_receiver.Requests, Has.Count.EqualTo(ReportDelivery.MaxRounds));
        await using var db = Database.CreateContext();
        Assert.That(await db.Outbox.CountAsync(m => m.Recipient == _lab.Members[BuiltInRole.ClinicalCurator].Email && m.Subject.StartsWith("Report not delivered")), Is.EqualTo(1));
    }

    [Test]
    public async Task A_delivery_whose_worker_died_mid_send_is_sent_once_its_claim_runs_out()
    {
        _receiver.Then(new HttpReceiver.Answer(503, RetryAfter: "3600"));
        var (_, id) = await SignAsync();
        await AfterRoundsAsync(id); // the first round fails: the delivery waits an hour, out of the host worker's way
        _clock.Ahead = TimeSpan.FromHours(2);

        // A worker claims it and dies before it records anything (kill -9).
        await using (var scope = Factory.Services.CreateAsyncScope())
            Assert.That(await scope.ServiceProvider.GetRequiredService<DeliveryQueue>().ClaimAsync(DeliveryQueue.Reports, _clock.GetUtcNow(), TimeSpan.FromMinutes(5), CancellationToken.None),
                Is.Not.Null);
        Assert.That(await Worker().DeliverNextAsync(CancellationToken.None), Is.False, "claimed: nobody else sends it meanwhile");

        _clock.Ahead += TimeSpan.FromMinutes(6);
        Assert.That(await Worker().DeliverNextAsync(CancellationToken.None), Is.True);
        var delivery = (await DeliveriesAsync(id)).Single();
        Assert.That(delivery.Status, Is.EqualTo(DeliveryStatus.Delivered), delivery.LastError);
        Assert.That(_receiver.Requests, Has.Count.EqualTo(2));
    }
}

using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Application.Files;
using VariantMiner.Infrastructure.Integrations;

namespace VariantMiner.WebApi.Tests.Integrations;

/// <summary>
/// The organization's webhook against a real receiver on this machine (<see cref="HttpReceiver"/>): every event its
/// members are notified of is posted once, signed with HMAC-SHA256 over the timestamp and body; passing failures are
/// retried (Polly) within the round, a refusal fails at once; the delivery log says what happened; the secret is
/// write-only and does not follow the address to another server.
/// </summary>
public class WebhookTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private const string Secret = "a-shared-webhook-secret-123";

    private SeededLab _lab = null!;
    private SeededSamples _samples = null!;
    private HttpReceiver _receiver = null!;
    private HttpClient _supervisor = null!;

    protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        ["Integrations:AllowPrivateNetworkEndpoints"] = "true", // the receiver is on this machine, over http
        ["Integrations:RetryDelay"] = "00:00:00.200",
    };

    private string Org => $"/api/organizations/{_lab.OrganizationId}";
    private string Integrations => $"{Org}/settings/integrations";

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Webhook Lab");
        await using (var db = Database.CreateContext()) _samples = await SeededSamples.CreateAsync(db, _lab, Factory.Services.GetRequiredService<IFileStore>());
        _receiver = await HttpReceiver.StartAsync();
        _supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        var set = await _supervisor.SendUnsafeAsync(HttpMethod.Put, Integrations, new { webhookUrl = _receiver.WebhookUrl, webhookSecret = Secret });
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), await set.Content.ReadAsStringAsync());
    }

    [TearDown]
    public async Task StopReceiver() => await _receiver.DisposeAsync();

    /// <summary>The seeded sample is assigned to everyone: unassigned first (no event: no one is assigned), then assigned to the Analyst.</summary>
    private async Task AssignAsync()
    {
        foreach (var userIds in new[] { Array.Empty<Guid>(), [_lab.Members[BuiltInRole.Analyst].UserId] })
        {
            var response = await _supervisor.SendUnsafeAsync(HttpMethod.Put, $"{Org}/workspaces/{_lab.WorkspaceId}/samples/{_samples.SampleId}/assignees",
                new { userIds });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        }
    }

    /// <summary>Sends what is due (this test's worker beside the host's; the claim keeps them from sending twice) until the log's newest entry is settled.</summary>
    private async Task<JsonElement> SettledAsync()
    {
        var worker = Factory.Services.GetRequiredService<WebhookWorker>();
        for (var i = 0; i < 200; i++)
        {
            await worker.DeliverNextAsync(CancellationToken.None);
            var log = await _supervisor.GetFromJsonAsync<JsonElement>($"{Integrations}/webhook/deliveries");
            if (log.GetArrayLength() > 0 && log[0].GetProperty("status").GetString() != "pending") return log[0];
            await Task.Delay(100);
        }
        Assert.Fail("the webhook delivery never settled");
        return default;
    }

    [Test]
    public async Task An_event_is_posted_once_signed_with_the_shared_secret()
    {
        await AssignAsync();
        var entry = await SettledAsync();
        Assert.That(entry.GetProperty("status").GetString(), Is.EqualTo("delivered"));
        Assert.That(entry.GetProperty("event").GetString(), Is.EqualTo("sample.assigned"));
        Assert.That(entry.GetProperty("lastStatusCode").GetInt32(), Is.EqualTo(200));

        var request = _receiver.Requests.Single();
        Assert.That(request.Path, Is.EqualTo("/hooks/variantminer"));
        Assert.That(request.ContentType, Does.StartWith("application/json"));
        var timestamp = request.Headers[WebhookWorker.TimestampHeader];
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}.{request.Body}")));
        Assert.That(request.Headers[WebhookWorker.SignatureHeader], Is.EqualTo(expected));
        Assert.That(long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture),
            Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Within(120));
        Assert.That(request.Headers[WebhookWorker.EventHeader], Is.EqualTo("sample.assigned"));
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.That(body.GetProperty("id").GetGuid(), Is.EqualTo(entry.GetProperty("id").GetGuid()));
        Assert.That(request.Headers[WebhookWorker.DeliveryHeader], Is.EqualTo(entry.GetProperty("id").GetString()));
        Assert.That(body.GetProperty("event").GetString(), Is.EqualTo("sample.assigned"));
        Assert.That(body.GetProperty("organizationId").GetGuid(), Is.EqualTo(_lab.OrganizationId));
        Assert.That(body.GetProperty("url").GetString(), Does.EndWith($"/orgs/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}/samples/{_samples.SampleId}"));

        // Unassigning assigns no one: nothing is posted.
        var unassigned = await _supervisor.SendUnsafeAsync(HttpMethod.Put, $"{Org}/workspaces/{_lab.WorkspaceId}/samples/{_samples.SampleId}/assignees",
            new { userIds = Array.Empty<Guid>() });
        Assert.That(unassigned.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await _supervisor.GetFromJsonAsync<JsonElement>($"{Integrations}/webhook/deliveries")).GetArrayLength(), Is.EqualTo(1));

        // A forged body does not match the signature a receiver computes.
        var forged = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret),
            Encoding.UTF8.GetBytes($"{timestamp}.{request.Body.Replace("sample.assigned", "report.signed")}")));
        Assert.That(request.Headers[WebhookWorker.SignatureHeader], Is.Not.EqualTo(forged));
    }

    [Test]
    public async Task A_passing_failure_is_retried_within_the_round_and_a_refusal_fails_at_once()
    {
        _receiver.Then(new HttpReceiver.Answer(503), new HttpReceiver.Answer(502));
        await AssignAsync();
        var retried = await SettledAsync();
        Assert.That(retried.GetProperty("status").GetString(), Is.EqualTo("delivered"));
        var attempts = _receiver.Requests.ToList();
        Assert.That(attempts, Has.Count.EqualTo(3), "two passing failures, then delivered");
        Assert.That(attempts.Select(r => r.Headers[WebhookWorker.DeliveryHeader]).Distinct().Count(), Is.EqualTo(1), "the same delivery each time");

        _receiver.Then(new HttpReceiver.Answer(400, """{"error":"unknown event"}"""));
        var test = await _supervisor.PostUnsafeAsync($"{Integrations}/webhook/test");
        Assert.That(test.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await test.Content.ReadAsStringAsync());
        var refused = await SettledAsync();
        Assert.That(refused.GetProperty("event").GetString(), Is.EqualTo("webhook.test"));
        Assert.That(refused.GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(refused.GetProperty("rounds").GetInt32(), Is.EqualTo(1));
        Assert.That(refused.GetProperty("lastStatusCode").GetInt32(), Is.EqualTo(400));
        Assert.That(refused.GetProperty("lastError").GetString(), Does.Contain("unknown event"));
        Assert.That(_receiver.Requests, Has.Count.EqualTo(4), "a refusal is not tried again");
    }

    [Test]
    public async Task The_secret_is_write_only_and_does_not_follow_the_address_elsewhere()
    {
        // Setting the FHIR server alone leaves the webhook as it is (and the other way round).
        var fhirOnly = await _supervisor.SendUnsafeAsync(HttpMethod.Put, Integrations, new { fhirBaseUrl = _receiver.BaseUrl, fhirAuthentication = "none" });
        Assert.That(fhirOnly.StatusCode, Is.EqualTo(HttpStatusCode.OK), await fhirOnly.Content.ReadAsStringAsync());
        var both = await fhirOnly.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(both.GetProperty("webhookUrl").GetString(), Is.EqualTo(_receiver.WebhookUrl));
        Assert.That(both.GetProperty("fhirBaseUrl").GetString(), Is.EqualTo(_receiver.BaseUrl));

        var settings = await _supervisor.GetFromJsonAsync<JsonElement>(Integrations);
        Assert.That(settings.GetProperty("webhookSecretSet").GetBoolean(), Is.True);
        Assert.That(settings.ToString(), Does.Not.Contain(Secret));

        // The same server keeps the kept secret; another server needs its own.
        var samePlace = await _supervisor.SendUnsafeAsync(HttpMethod.Put, Integrations, new { webhookUrl = _receiver.WebhookUrl + "/v2" });
        Assert.That(samePlace.StatusCode, Is.EqualTo(HttpStatusCode.OK), await samePlace.Content.ReadAsStringAsync());
        Assert.That((await samePlace.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("fhirBaseUrl").GetString(), Is.EqualTo(_receiver.BaseUrl));
        var elsewhere = await _supervisor.SendUnsafeAsync(HttpMethod.Put, Integrations, new { webhookUrl = "http://127.0.0.2:9/hooks" });
        Assert.That((await Problems.AssertProblemAsync(elsewhere, HttpStatusCode.BadRequest)).ToString(), Does.Contain("not sent to another server"));
        var shortSecret = await _supervisor.SendUnsafeAsync(HttpMethod.Put, Integrations, new { webhookUrl = _receiver.WebhookUrl, webhookSecret = "short" });
        Assert.That((await Problems.AssertProblemAsync(shortSecret, HttpStatusCode.BadRequest)).ToString(), Does.Contain("16 to 200 characters"));
        Assert.That((await _supervisor.GetFromJsonAsync<JsonElement>(Integrations)).GetProperty("webhookUrl").GetString(), Is.EqualTo(_receiver.WebhookUrl + "/v2"),
            "refused changes change nothing");

        await using var db = Database.CreateContext();
        var stored = await db.IntegrationSettings.IgnoreQueryFilters().SingleAsync(s => s.OrganizationId == _lab.OrganizationId);
        Assert.That(stored.ProtectedWebhookSecret, Is.Not.Null.And.Not.Contains(Secret), "kept encrypted");

        // Without a webhook, a test event is a clear 409.
        var cleared = await _supervisor.SendUnsafeAsync(HttpMethod.Put, Integrations, new { webhookUrl = "" });
        Assert.That(cleared.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await Problems.AssertProblemAsync(await _supervisor.PostUnsafeAsync($"{Integrations}/webhook/test"), HttpStatusCode.Conflict))
            .GetProperty("detail").GetString(), Does.Contain("No webhook is set"));
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using VariantMiner.Cli;
using VariantMiner.Domain.Samples;
using VariantMiner.Infrastructure.Identity.OAuth;
using VariantMiner.WebApi.Tests.Analyses;

namespace VariantMiner.WebApi.Tests.Sdk;

/// <summary>
/// The command line (cli/, on the C# SDK) run in-process against the real API: signed in with an Analyst's personal
/// access token it lists exactly the samples assigned to them, with an organization client's id and secret the ones
/// assigned to the client (a new access token fetched when the saved one expires), by the device code with a refresh
/// token; uploads through tus resume after an interruption; launches; and each failure has its exit code.
/// </summary>
public class CliTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private const string Server = "https://localhost";
    private static readonly string Pipelines = AnalysisWorld.PipelinesWithTestOnes();
    private SeededLab _lab = null!;
    private string _config = null!;

    protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string> { ["Pipelines:Directory"] = Pipelines };

    private string Org => $"/api/organizations/{_lab.OrganizationId}";

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Cli Lab");
        await using (var db = Database.CreateContext())
            await db.Organizations.Where(o => o.Id == _lab.OrganizationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.StorageQuotaBytes, 1L << 30));
        _config = Directory.CreateTempSubdirectory("vm-cli-").FullName;
    }

    [TearDown]
    public void RemoveConfig() => Directory.Delete(_config, recursive: true);

    private sealed record Run(int Code, string Out, string Error);

    private async Task<Run> VmAsync(params string[] args) => await VmAsync(null, null, args);

    private async Task<Run> VmAsync(HttpMessageHandler? handler, TextWriter? error, params string[] args)
    {
        var output = new StringWriter();
        error ??= new StringWriter();
        var context = new CliContext
        {
            Out = output,
            Error = error,
            ConfigDirectory = _config,
            Handler = handler ?? Factory.Server.CreateHandler(),
            PollInterval = TimeSpan.FromMilliseconds(50),
        };
        var code = await Vm.RunAsync(args, context);
        return new Run(code, output.ToString(), error.ToString()!);
    }

    private static List<string> Names(Run run)
    {
        Assert.That(run.Code, Is.EqualTo(ExitCodes.Ok), run.Error);
        return JsonDocument.Parse(run.Out).RootElement.EnumerateArray().Select(s => s.GetProperty("name").GetString()!).Order(StringComparer.Ordinal).ToList();
    }

    private async Task<string> TokenAsync(BuiltInRole role)
    {
        var session = await Factory.SignedInClientAsync(_lab.Members[role].Email);
        var created = await session.PostUnsafeAsync($"{Org}/tokens", new { name = "CLI", expiresInDays = 7 });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private async Task AddSamplesAsync(params (string Name, Guid? AssignedTo)[] samples)
    {
        await using var db = Database.CreateContext();
        var creator = _lab.Members[BuiltInRole.Supervisor].UserId;
        foreach (var (name, assignee) in samples)
        {
            var sample = new Sample(_lab.OrganizationId, _lab.WorkspaceId, name, "WGS", null, creator, DateTimeOffset.UtcNow);
            if (assignee is { } user) sample.Assign(user, creator, DateTimeOffset.UtcNow);
            db.Samples.Add(sample);
        }
        await db.SaveChangesAsync();
    }

    /// <summary>Moves the saved access token's expiry into the past, so the next command must fetch a new one.</summary>
    private string ExpireSavedToken()
    {
        var path = Path.Combine(_config, "credentials.json");
        var saved = JsonNode.Parse(File.ReadAllText(path))!;
        var token = saved["token"]!.GetValue<string>();
        saved["tokenExpiresAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        File.WriteAllText(path, saved.ToJsonString());
        return token;
    }

    private string SavedToken() => JsonNode.Parse(File.ReadAllText(Path.Combine(_config, "credentials.json")))!["token"]!.GetValue<string>();

    [Test]
    public async Task An_analysts_token_and_an_organization_client_each_list_exactly_the_samples_assigned_to_them()
    {
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        var roleId = await Database.CreateContext().Roles.IgnoreQueryFilters()
            .Where(r => r.OrganizationId == _lab.OrganizationId && r.Name == "Analyst").Select(r => r.Id).SingleAsync();
        var client = await (await supervisor.PostUnsafeAsync($"{Org}/clients", new { name = "LIMS", roleId })).Content.ReadFromJsonAsync<JsonElement>();
        Guid serviceUser;
        await using (var db = Database.CreateContext())
        {
            var id = client.GetProperty("details").GetProperty("id").GetGuid();
            serviceUser = await db.OrganizationClients.IgnoreQueryFilters().Where(c => c.Id == id).Select(c => c.ServiceUserId).SingleAsync();
        }
        await AddSamplesAsync(("ASSIGNED-1", _lab.Members[BuiltInRole.Analyst].UserId), ("FOR-LIMS-2", serviceUser), ("OTHER-3", null));

        var login = await VmAsync("login", "--server", Server, "--token", await TokenAsync(BuiltInRole.Analyst));
        Assert.That(login.Code, Is.EqualTo(ExitCodes.Ok), login.Error);
        Assert.That(login.Out, Does.Contain("Cli Lab"));
        Assert.That(Names(await VmAsync("samples", "list", "--json")), Is.EqualTo(new[] { "ASSIGNED-1" }));
        var organizations = await VmAsync("orgs", "--json");
        var organization = JsonDocument.Parse(organizations.Out).RootElement.EnumerateArray().Single();
        Assert.That(organization.GetProperty("role").GetString(), Is.EqualTo("Analyst"));
        Assert.That((await VmAsync("samples", "list")).Out, Does.Contain("ASSIGNED-1").And.Not.Contain("OTHER-3"), "the table for people");

        login = await VmAsync("login", "--server", Server, "--client-id", client.GetProperty("details").GetProperty("clientId").GetString()!,
            "--client-secret", client.GetProperty("clientSecret").GetString()!);
        Assert.That(login.Code, Is.EqualTo(ExitCodes.Ok), login.Error);
        Assert.That(Names(await VmAsync("samples", "list", "--json")), Is.EqualTo(new[] { "FOR-LIMS-2" }));

        var expired = ExpireSavedToken();
        Assert.That(Names(await VmAsync("samples", "list", "--json")), Is.EqualTo(new[] { "FOR-LIMS-2" }));
        Assert.That(SavedToken(), Is.Not.EqualTo(expired), "a new access token was fetched with the client's secret and saved");
    }

    [Test]
    public async Task The_device_sign_in_waits_for_the_approval_and_refreshes_its_token()
    {
        await OAuthServer.EnsureCliClientAsync(Factory.Services, CancellationToken.None);
        await AddSamplesAsync(("ASSIGNED-1", _lab.Members[BuiltInRole.Analyst].UserId), ("OTHER-2", null));
        var prompt = new StringWriter();
        var login = VmAsync(null, TextWriter.Synchronized(prompt), "login", "--server", Server);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? userCode = null;
        while (userCode is null && DateTime.UtcNow < deadline && !login.IsCompleted)
        {
            var match = System.Text.RegularExpressions.Regex.Match(prompt.ToString(), @"approve the code (\S+)\.");
            if (match.Success) userCode = match.Groups[1].Value;
            else await Task.Delay(50);
        }
        Assert.That(userCode, Is.Not.Null, $"the command line showed no code: {prompt}");
        Assert.That(prompt.ToString(), Does.Contain("http://localhost:5080/device?user_code="), "it names the page to open (the site's public address)");

        var analyst = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email);
        using (var approve = new HttpRequestMessage(HttpMethod.Post, "/device")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["user_code"] = userCode!, ["organization_id"] = _lab.OrganizationId.ToString() }),
        })
        {
            approve.Headers.Add("X-XSRF-TOKEN", (await analyst.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery")).GetProperty("token").GetString());
            Assert.That((int)(await analyst.SendAsync(approve)).StatusCode, Is.InRange(200, 399));
        }
        var signedIn = await login;
        Assert.That(signedIn.Code, Is.EqualTo(ExitCodes.Ok), signedIn.Error);
        Assert.That(signedIn.Out, Does.Contain("device sign-in"));
        Assert.That(Names(await VmAsync("samples", "list", "--json")), Is.EqualTo(new[] { "ASSIGNED-1" }));

        var expired = ExpireSavedToken();
        Assert.That(Names(await VmAsync("samples", "list", "--json")), Is.EqualTo(new[] { "ASSIGNED-1" }));
        Assert.That(SavedToken(), Is.Not.EqualTo(expired), "a new access token from the refresh token, without the browser");

        // Signing out ends the refresh token at the server, not only on this machine.
        var refresh = JsonNode.Parse(File.ReadAllText(Path.Combine(_config, "credentials.json")))!["refreshToken"]!.GetValue<string>();
        var logout = await VmAsync("logout");
        Assert.That(logout.Code, Is.EqualTo(ExitCodes.Ok), logout.Error);
        Assert.That(File.Exists(Path.Combine(_config, "credentials.json")), Is.False);
        var reuse = await Factory.CreateClient(new() { BaseAddress = new Uri(Server), HandleCookies = false }).PostAsync("/connect/token",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["client_id"] = OAuthServer.CliClientId, ["refresh_token"] = refresh }));
        Assert.That((await reuse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString(), Is.EqualTo("invalid_grant"));
    }

    /// <summary>Fails the second chunk as a dropped connection would.</summary>
    private sealed class DropSecondChunk(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _patches;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.Method == HttpMethod.Patch && Interlocked.Increment(ref _patches) == 2
                ? throw new HttpRequestException("The connection was reset.")
                : base.SendAsync(request, cancellationToken);
    }

    [Test]
    public async Task An_interrupted_upload_resumes_where_the_server_has_it()
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < Upload.ChunkBytes + (1 << 20); i++) text.Append($"@read{i}\nACGTACGTNNACGTACGTAC\n+\nIIIIIIIIIIIIIIIIIIII\n");
        var path = Path.Combine(_config, "reads_R1.fastq");
        await File.WriteAllTextAsync(path, text.ToString());
        await AddSamplesAsync(("CLI-SAMPLE", null));
        Assert.That((await VmAsync("login", "--server", Server, "--token", await TokenAsync(BuiltInRole.Supervisor))).Code, Is.EqualTo(ExitCodes.Ok));

        var dropped = await VmAsync(new DropSecondChunk(Factory.Server.CreateHandler()), null, "upload", path, "--sample", "CLI-SAMPLE", "--read", "1");
        Assert.That(dropped.Code, Is.EqualTo(ExitCodes.Failed));
        Assert.That(dropped.Error, Does.Contain("Cannot reach the server"));
        Assert.That(dropped.Error, Does.Contain("reads_R1.fastq: 0%"), "progress, a line per tenth when not on a terminal");

        var resumed = await VmAsync("upload", path, "--sample", "CLI-SAMPLE", "--read", "1", "--json");
        Assert.That(resumed.Code, Is.EqualTo(ExitCodes.Ok), resumed.Error);
        var result = JsonDocument.Parse(resumed.Out).RootElement;
        Assert.That(result.GetProperty("resumed").GetBoolean(), Is.True, "continued from the first chunk");
        await using var db = Database.CreateContext();
        var stored = await db.StoredFiles.IgnoreQueryFilters().SingleAsync(f => f.Id == result.GetProperty("fileId").GetGuid());
        Assert.That(stored.Sha256, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path)))), "the whole file, once");
        Assert.That(stored.SizeBytes, Is.EqualTo(new FileInfo(path).Length));
    }

    [Test]
    public async Task Launching_a_workflow_queues_the_analysis_of_the_named_sample()
    {
        SeededSamples samples;
        await using (var db = Database.CreateContext()) samples = await SeededSamples.CreateAsync(db, _lab);
        string sampleName;
        await using (var db = Database.CreateContext()) sampleName = await db.Samples.IgnoreQueryFilters().Where(s => s.Id == samples.SampleId).Select(s => s.Name).SingleAsync();
        Assert.That((await VmAsync("login", "--server", Server, "--token", await TokenAsync(BuiltInRole.Analyst))).Code, Is.EqualTo(ExitCodes.Ok));

        var launched = await VmAsync("analyses", "launch", "--sample", sampleName, "--workflow", samples.WorkflowId.ToString(), "--json");
        Assert.That(launched.Code, Is.EqualTo(ExitCodes.Ok), launched.Error + launched.Out);
        var id = JsonDocument.Parse(launched.Out).RootElement.GetProperty("id").GetGuid();
        await using var read = Database.CreateContext();
        var analysis = await read.Analyses.IgnoreQueryFilters().SingleAsync(a => a.Id == id);
        Assert.That(analysis.OrganizationId, Is.EqualTo(_lab.OrganizationId));

        // The Analyst may launch workflows only: the server's refusal, as an exit code and its detail.
        var direct = await VmAsync("analyses", "launch", "--sample", sampleName, "--pipeline", "germline-fastq", "--param", $"reference={samples.ReferenceId}");
        Assert.That(direct.Code, Is.EqualTo(ExitCodes.Forbidden));
        Assert.That(direct.Error, Does.Contain("analyses.launch.direct"));
    }

    [Test]
    public async Task Reports_are_listed_and_a_signed_pdf_is_saved_exactly_as_signed()
    {
        SeededSamples samples;
        await using (var db = Database.CreateContext()) samples = await SeededSamples.CreateAsync(db, _lab);
        Assert.That((await VmAsync("login", "--server", Server, "--token", await TokenAsync(BuiltInRole.Analyst))).Code, Is.EqualTo(ExitCodes.Ok));

        var listed = await VmAsync("reports", "list", "--json");
        Assert.That(listed.Code, Is.EqualTo(ExitCodes.Ok), listed.Error);
        Assert.That(JsonDocument.Parse(listed.Out).RootElement.EnumerateArray().Select(r => r.GetProperty("title").GetString()),
            Is.EquivalentTo(new[] { "Seeded draft", "Seeded signed report" }));

        var path = Path.Combine(_config, "signed.pdf");
        var saved = await VmAsync("reports", "get", samples.SignedReportId.ToString(), "--pdf", path, "--json");
        Assert.That(saved.Code, Is.EqualTo(ExitCodes.Ok), saved.Error);
        await using var db2 = Database.CreateContext();
        var stored = await db2.ReportDocuments.IgnoreQueryFilters().Join(db2.ReportVersions.IgnoreQueryFilters(), d => d.VersionId, v => v.Id, (d, v) => new { d, v })
            .Where(x => x.v.ReportId == samples.SignedReportId).Select(x => x.d.Pdf).SingleAsync();
        Assert.That(await File.ReadAllBytesAsync(path), Is.EqualTo(stored), "byte for byte");
        Assert.That(JsonDocument.Parse(saved.Out).RootElement.GetProperty("signed").GetBoolean(), Is.True);

        var versions = await VmAsync("reports", "get", samples.SignedReportId.ToString());
        Assert.That(versions.Out, Does.Contain("final").And.Contain("Seeded Supervisor").And.Contain("approved"));
        Assert.That((await VmAsync("reports", "get", samples.SignedReportId.ToString(), "--pdf", path, "--version", "7")).Code, Is.EqualTo(ExitCodes.NotFound));
    }

    [Test]
    public async Task Each_failure_has_its_exit_code_and_a_readable_line()
    {
        var unknown = await VmAsync("frobnicate");
        Assert.That(unknown.Code, Is.EqualTo(ExitCodes.Usage));
        Assert.That(unknown.Error, Does.Contain("vm --help"));

        var signedOut = await VmAsync("samples", "list");
        Assert.That(signedOut.Code, Is.EqualTo(ExitCodes.NotSignedIn));
        Assert.That(signedOut.Error, Does.Contain("vm login"));

        var badToken = await VmAsync("login", "--server", Server, "--token", "vm_pat_not-a-real-one");
        Assert.That(badToken.Code, Is.EqualTo(ExitCodes.NotSignedIn), badToken.Error);
        Assert.That(File.Exists(Path.Combine(_config, "credentials.json")), Is.False, "a refused token is not saved");

        var token = await TokenAsync(BuiltInRole.ReportWriter);
        Assert.That((await VmAsync("login", "--server", Server, "--token", token)).Code, Is.EqualTo(ExitCodes.Ok));
        Assert.That((await VmAsync("samples", "list", "--workspace", "No Such Workspace")).Code, Is.EqualTo(ExitCodes.NotFound));
        var file = Path.Combine(_config, "calls.vcf");
        await File.WriteAllTextAsync(file, "##fileformat=VCFv4.2\n");
        var forbidden = await VmAsync("upload", file);
        Assert.That(forbidden.Code, Is.EqualTo(ExitCodes.Forbidden), forbidden.Error);
        Assert.That(forbidden.Error, Does.Contain("samples.define"));
        Assert.That((await VmAsync("upload", Path.Combine(_config, "missing.vcf"))).Code, Is.EqualTo(ExitCodes.Usage));

        // Revoked on its page: the next command says to sign in again.
        var session = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.ReportWriter].Email);
        var tokens = await session.GetFromJsonAsync<JsonElement>($"{Org}/tokens");
        foreach (var t in tokens.EnumerateArray())
            await session.PostUnsafeAsync($"{Org}/tokens/{t.GetProperty("id").GetGuid()}/revoke");
        var revoked = await VmAsync("workspaces");
        Assert.That(revoked.Code, Is.EqualTo(ExitCodes.NotSignedIn), revoked.Error);
        Assert.That(revoked.Error, Does.Contain("vm login"));
    }
}

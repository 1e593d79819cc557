using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using VariantMiner.Application.Common.Interfaces;
using VariantMiner.Application.Common.Security;
using VariantMiner.Application.Samples.Queries.GetSample;
using VariantMiner.Application.Samples.Queries.ListSamples;
using VariantMiner.Bench;
using VariantMiner.Infrastructure.Persistence;

internal static class BenchProgram
{
// Alternating wrk rounds (bare, full, bare, full, …) after a warm-up; medians are reported.
private const int Rounds = 5;

public static async Task Main(string[] args)
{
// Usage: VariantMiner.Bench <sqlite|postgres> <samples> [--http [--serve]] [--iterations N]
// PostgreSQL: VARIANTMINER_BENCH_POSTGRES (default Host=localhost;Username=postgres;Password=postgres).
var provider = Enum.Parse<DatabaseProvider>(args[0], ignoreCase: true);
var samples = long.Parse(args[1], CultureInfo.InvariantCulture);
var http = args.Contains("--http");
var iterations = args.SkipWhile(a => a != "--iterations").Skip(1).Select(int.Parse).FirstOrDefault(31);

var root = Path.Combine(Path.GetTempPath(), "variantminer-bench");
Directory.CreateDirectory(root);
var name = $"vm_bench_{samples}";
DatabaseSettings settings;
if (provider == DatabaseProvider.Postgres)
{
    var admin = Environment.GetEnvironmentVariable("VARIANTMINER_BENCH_POSTGRES") ?? "Host=localhost;Username=postgres;Password=postgres";
    await using (var c = new NpgsqlConnection(admin))
    {
        await c.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", c);
        await drop.ExecuteNonQueryAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c);
        await create.ExecuteNonQueryAsync();
    }
    settings = new DatabaseSettings(provider, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, root);
}
else
{
    var file = Path.Combine(root, name + ".db");
    foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
    settings = new DatabaseSettings(provider, $"Data Source={file}", root);
}

Console.Error.WriteLine($"Seeding {samples:N0} samples on {provider}…");
await using (var db = Seeder.Context(settings)) await DatabaseSetup.MigrateAsync(db, settings);
var world = await Seeder.SeedAsync(settings, samples);

// ---- 1. Page latency through the real mediator pipeline and handlers ----
var currentUser = new BenchUser();
var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["DataDirectory"] = root,
    ["Database:Provider"] = provider.ToString(),
    [$"ConnectionStrings:{provider}"] = settings.ConnectionString,
    ["Performance:SlowRequestMilliseconds"] = "100000",
}).Build();
var services = new ServiceCollection()
    .AddSingleton<IConfiguration>(configuration)
    .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
    .AddApplication()
    .AddInfrastructure()
    .AddSingleton<ICurrentUser>(currentUser)
    .BuildServiceProvider();

async Task<SamplePage> Send(ListSamples query)
{
    await using var scope = services.CreateAsyncScope();
    return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
}

var results = new List<string>();
foreach (var (who, user) in new[] { ("Clinical Curator (view all)", world.CuratorId), ("Analyst (assigned only)", world.AnalystId) })
{
    currentUser.UserId = user;
    foreach (var assay in new[] { null, "WES" })
    {
        var query = new ListSamples(world.OrganizationId, world.WorkspaceId) { Assay = assay, Limit = 50 };
        // Deep page: walk 80 % of the visible rows once (limit 200), then measure the 50-row page at that cursor.
        var first = await Send(query);
        var visible = first.TotalCapped ? (int)Math.Min(samples / Seeder.Workspaces, int.MaxValue) : first.Total ?? 0;
        string? cursor = null;
        var walked = 0;
        var step = visible > 2000 ? 200 : 50;
        while (walked + step < visible * 0.8)
        {
            var p = await Send(query with { Limit = step, Cursor = cursor });
            if (p.NextCursor is null) break;
            cursor = p.NextCursor;
            walked += p.Items.Count;
        }
        var firstMs = await Median(() => Send(query), iterations);
        var deepMs = cursor is null ? double.NaN : await Median(() => Send(query with { Cursor = cursor }), iterations);
        var line = $"| {provider} | {samples:N0} | {who} | {assay ?? "any"} | {first.Total}{(first.TotalCapped ? "+" : "")} | {firstMs:0.00} | {deepMs:0.00} (row {walked:N0}) |";
        results.Add(line);
        Console.WriteLine(line);
    }
}

static async Task<double> Median(Func<Task> action, int n)
{
    for (var i = 0; i < 5; i++) await action();
    var times = new List<double>();
    for (var i = 0; i < n; i++)
    {
        var sw = Stopwatch.StartNew();
        await action();
        times.Add(sw.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return times[times.Count / 2];
}

// ---- 2. What authorization costs: the real host vs a bare endpoint in the same process ----
if (http)
{
    // WebApplicationFactory looks for the content root beside a solution file; tell it where the WebApi project is.
    var repo = new DirectoryInfo(AppContext.BaseDirectory);
    while (repo is not null && !File.Exists(Path.Combine(repo.FullName, "VariantMiner.sln"))) repo = repo.Parent;
    Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_VARIANTMINER_WEBAPI", Path.Combine(repo!.FullName, "src", "WebApi"));
    await using var factory = new BenchFactory(settings, world);
    factory.UseKestrel(0);
    factory.StartServer();
    var address = factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
    Console.Error.WriteLine($"Host listening on {address}");
    var cookie = await SignInAsync(address, world.CuratorEmail);
    var bearer = $"Authorization: Bearer {await CreateTokenAsync(address, cookie, world.OrganizationId)}";
    // An organization client with the Group Admin role (sees every sample, as the curator does), created by member 3, a
    // Group Admin; compared with member 3's own cookie, so both requests are the same role's work.
    var adminCookie = await SignInAsync(address, "member0003@bench.example");
    var oauth = $"Authorization: Bearer {await ClientAccessTokenAsync(address, adminCookie, world.OrganizationId)}";
    var real = $"{address}/api/organizations/{world.OrganizationId}/workspaces/{world.WorkspaceId}/samples/{world.SampleId}";
    var bare = $"{address}/bare/samples/{world.SampleId}";
    using (var check = new HttpClient())
    {
        var r = new HttpRequestMessage(HttpMethod.Get, real);
        r.Headers.Add("Cookie", cookie);
        var response = await check.SendAsync(r);
        var body = await response.Content.ReadAsStringAsync();
        var bareBody = await check.GetStringAsync(bare);
        if (!response.IsSuccessStatusCode || body != bareBody) throw new InvalidOperationException($"Responses differ:\n{body}\n{bareBody}");
    }
    if (args.Contains("--serve"))
    {
        // For profiling (e.g. dotnet-trace): keep the host up and print what to hammer.
        Console.WriteLine($"pid {Environment.ProcessId}\nreal {real}\nbare {bare}\ncookie {cookie}\n{bearer}\n{oauth}");
        await Task.Delay(Timeout.Infinite);
    }
    // Warm both paths up (JIT tiering, connection pools, caches) before anything is counted.
    Wrk(bare, null, "10s");
    Wrk(real, $"Cookie: {cookie}", "10s");
    Wrk(real, bearer, "10s");
    Wrk(real, oauth, "10s");
    var realRps = new List<double>();
    var oauthRps = new List<double>();
    var adminRps = new List<double>();
    var oauthRatios = new List<double>();
    var bareRps = new List<double>();
    var tokenRps = new List<double>();
    var ratios = new List<double>();
    var tokenRatios = new List<double>();
    for (var round = 0; round < Rounds; round++)
    {
        bareRps.Add(Wrk(bare, null));
        realRps.Add(Wrk(real, $"Cookie: {cookie}"));
        tokenRps.Add(Wrk(real, bearer));
        adminRps.Add(Wrk(real, $"Cookie: {adminCookie}"));
        oauthRps.Add(Wrk(real, oauth));
        ratios.Add(realRps[^1] / bareRps[^1]);
        tokenRatios.Add(tokenRps[^1] / realRps[^1]);
        oauthRatios.Add(oauthRps[^1] / adminRps[^1]);
    }
    var ratio = MedianOf(realRps) / MedianOf(bareRps);
    var line = $"| {provider} | {samples:N0} | {MedianOf(realRps):0} | {MedianOf(bareRps):0} | {ratio:0.00} | {string.Join(" ", ratios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))} |";
    results.Add(line);
    Console.WriteLine(line);
    // The same route with a personal access token instead of the cookie (issue "Accounts and access": ≥ 0.95 × cookie).
    Console.WriteLine($"| {provider} | {samples:N0} | token {MedianOf(tokenRps):0} | cookie {MedianOf(realRps):0} | {MedianOf(tokenRps) / MedianOf(realRps):0.00} | " +
        $"{string.Join(" ", tokenRatios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))} |");
    // And with an organization client's OAuth access token against the cookie of a person of the same role.
    Console.WriteLine($"| {provider} | {samples:N0} | OAuth {MedianOf(oauthRps):0} | Group Admin cookie {MedianOf(adminRps):0} | {MedianOf(oauthRps) / MedianOf(adminRps):0.00} | " +
        $"{string.Join(" ", oauthRatios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))} |");
}

static double MedianOf(List<double> values) => values.Order().ElementAt(values.Count / 2);

static double Wrk(string url, string? header, string duration = "10s")
{
    var psi = new ProcessStartInfo("wrk") { RedirectStandardOutput = true };
    foreach (var a in new[] { "-t1", "-c16", "-d" + duration, "--latency" }) psi.ArgumentList.Add(a);
    if (header is not null) { psi.ArgumentList.Add("-H"); psi.ArgumentList.Add(header); }
    psi.ArgumentList.Add(url);
    using var process = Process.Start(psi)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (output.Contains("Non-2xx")) throw new InvalidOperationException("wrk saw errors:\n" + output);
    var rps = double.Parse(Regex.Match(output, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
    Console.Error.WriteLine($"  wrk {url}: {rps:0} req/s");
    return rps;
}

static async Task<string> SignInAsync(string address, string email)
{
    using var client = new HttpClient(new HttpClientHandler { UseCookies = false });
    var tokenResponse = await client.GetAsync($"{address}/api/auth/antiforgery");
    var cookies = Cookies(tokenResponse);
    var token = (await tokenResponse.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["token"];
    var login = new HttpRequestMessage(HttpMethod.Post, $"{address}/api/auth/login") { Content = JsonContent.Create(new { email, password = Seeder.Password }) };
    login.Headers.Add("X-XSRF-TOKEN", token);
    login.Headers.Add("Cookie", string.Join("; ", cookies));
    var response = await client.SendAsync(login);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"sign-in failed: {await response.Content.ReadAsStringAsync()}");
    return string.Join("; ", Cookies(response).Where(c => c.StartsWith("__Host-VariantMiner=", StringComparison.Ordinal)));
}

static async Task<string> CreateTokenAsync(string address, string cookie, Guid organizationId) =>
    (await PostAsync(address, cookie, $"/api/organizations/{organizationId}/tokens", new { name = "bench", expiresInDays = 1 })).GetProperty("token").GetString()!;

static async Task<string> ClientAccessTokenAsync(string address, string cookie, Guid organizationId)
{
    using var client = new HttpClient(new HttpClientHandler { UseCookies = false });
    var rolesRequest = new HttpRequestMessage(HttpMethod.Get, $"{address}/api/organizations/{organizationId}/roles");
    rolesRequest.Headers.Add("Cookie", cookie);
    var roles = await (await client.SendAsync(rolesRequest)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    var role = roles.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "Group Admin").GetProperty("id").GetGuid();
    var created = await PostAsync(address, cookie, $"/api/organizations/{organizationId}/clients", new { name = "Bench LIMS", roleId = role });
    var token = await client.PostAsync($"{address}/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = created.GetProperty("details").GetProperty("clientId").GetString()!,
        ["client_secret"] = created.GetProperty("clientSecret").GetString()!,
    }));
    if (!token.IsSuccessStatusCode) throw new InvalidOperationException($"client token: {await token.Content.ReadAsStringAsync()}");
    return (await token.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("access_token").GetString()!;
}

/// <summary>An unsafe API call as the signed-in cookie (with the antiforgery token, as the SPA sends it).</summary>
static async Task<System.Text.Json.JsonElement> PostAsync(string address, string cookie, string path, object body)
{
    using var client = new HttpClient(new HttpClientHandler { UseCookies = false });
    var tokenRequest = new HttpRequestMessage(HttpMethod.Get, $"{address}/api/auth/antiforgery");
    tokenRequest.Headers.Add("Cookie", cookie);
    var antiforgery = await client.SendAsync(tokenRequest);
    var xsrf = (await antiforgery.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["token"];
    var request = new HttpRequestMessage(HttpMethod.Post, $"{address}{path}") { Content = JsonContent.Create(body) };
    request.Headers.Add("X-XSRF-TOKEN", xsrf);
    request.Headers.Add("Cookie", string.Join("; ", new[] { cookie }.Concat(Cookies(antiforgery))));
    var response = await client.SendAsync(request);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"POST {path}: {await response.Content.ReadAsStringAsync()}");
    return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
}

static IEnumerable<string> Cookies(HttpResponseMessage response) =>
    response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]).ToList() : [];

}
}

internal sealed class BenchUser : ICurrentUser
{
    public Guid? UserId { get; set; }
    public bool IsPlatformAdmin => false;
}

/// <summary>The product's real host (Program) on the benchmark database, plus a bare endpoint that is not the product.</summary>
internal sealed class BenchFactory(DatabaseSettings settings, World world) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("DataDirectory", settings.DataDirectory);
        builder.UseSetting("Database:Provider", settings.Provider.ToString());
        builder.UseSetting($"ConnectionStrings:{settings.Provider}", settings.ConnectionString);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(s => s.AddTransient<IStartupFilter>(_ => new BareEndpoint(world)));
    }
}

/// <summary>
/// GET /bare/samples/{id}: runs the very same read (GetSampleHandler, same scoped DbContext and tenant filter) with a
/// pre-built access object — no authentication, no membership lookup, no mediator behaviors, no exception handler.
/// </summary>
internal sealed class BareEndpoint(World world) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Map("/bare/samples", branch => branch.Run(async context =>
        {
            var id = Guid.Parse(context.Request.Path.Value!.Trim('/'));
            var sp = context.RequestServices;
            var access = new OrganizationAccess(world.OrganizationId, Guid.Empty, Guid.Empty, "Clinical Curator", VariantMiner.Domain.Authorization.BuiltInRole.ClinicalCurator, true,
                new HashSet<string> { "samples.view.all", "samples.view.assigned" }, new HashSet<Guid> { world.WorkspaceId });
            var scope = sp.GetRequiredService<OrganizationContext>();
            scope.Enter(access, world.WorkspaceId);
            var handler = new GetSampleHandler(sp.GetRequiredService<IApplicationDbContext>(), scope, new BenchUser { UserId = world.CuratorId },
                sp.GetRequiredService<IUserAccounts>());
            var dto = await handler.Handle(new GetSample(world.OrganizationId, world.WorkspaceId, id), context.RequestAborted);
            await Results.Ok(dto).ExecuteAsync(context);
        }));
        next(app);
    };
}

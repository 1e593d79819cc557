// The one place build logic lives; build.sh and build.ps1 only call it:  dotnet run build/build.cs -- <target>
// Targets: build, test, run, worker, clean, openapi.  Needs the .NET 10 SDK and Node.js (npm) on PATH.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

var root = FindRoot();
var client = Path.Combine(root, "clientapp");
var oidcProvider = Path.Combine(root, "tests", "oidc-provider");
var typeScriptSdk = Path.Combine(root, "sdk", "typescript");
var target = args.Length > 0 ? args[0] : "build";
var totals = new Totals();

try
{
    switch (target)
    {
        case "build": Build(); break;
        case "test": Build(); Test(); break;
        case "run": Run(); break;
        case "worker": Worker(); break;
        case "clean": Clean(); break;
        case "openapi": OpenApi(); break;
        default:
            Console.Error.WriteLine($"Unknown target '{target}'. Use: build | test | run | worker | clean | openapi");
            return 2;
    }
    return 0;
}
catch (BuildFailed failure)
{
    Console.Error.WriteLine($"build: {failure.Message}");
    if (target == "test") totals.Print();
    return 1;
}

void Build()
{
    BuildSpa(force: true);
    Exec("dotnet", "build VariantMiner.sln -nologo -v minimal", root);
}

void Test()
{
    // Gates first: C# formatting and code style (.editorconfig), then ESLint below.
    Exec("dotnet", "format VariantMiner.sln --verify-no-changes -v quiet", root);

    // .NET: unit, functional (SQLite + PostgreSQL when VARIANTMINER_TEST_POSTGRES is set) and HTTP tests; the institution
    // sign-in tests (and the browser e2e) start a real OpenID provider from tests/oidc-provider.
    NpmInstall(oidcProvider);
    Exec("dotnet", "tool restore", root); // Kiota, for the test that the C# SDK is current
    var dotnetFailed = false;
    try { Exec("dotnet", "test VariantMiner.sln --no-build -nologo -v minimal", root, totals.ReadDotnet); }
    catch (BuildFailed) { dotnetFailed = true; }

    // SPA: generated client current, lint, component tests, then the browser end-to-end test against the real server.
    Exec("npm", "run api:check", client);
    Exec("npm", "run lint", client);
    Exec("npm", "test", client, totals.ReadVitest);
    RunEndToEnd();

    totals.Print();
    if (dotnetFailed) throw new BuildFailed(".NET tests failed (see above)");
}

void RunEndToEnd()
{
    // The TypeScript SDK, which the sdk suite uses from Node (its types are generated from clientapp/openapi/v1.json).
    NpmInstall(typeScriptSdk);
    Exec("npm", "run build", typeScriptSdk);
    var port = FreePort();
    var data = Path.Combine(Path.GetTempPath(), "variantminer-e2e-" + Guid.NewGuid().ToString("N"));
    // The institution sign-in suite starts an OpenID provider on this machine (tests/oidc-provider), and the analyses suite
    // a FHIR server receiving signed reports: local servers are allowed.
    var server = StartServer(port, data, "Production", new()
    {
        ["Invitations__PublicBaseUrl"] = $"http://localhost:{port}",
        ["SingleSignOn__AllowPrivateNetworkProviders"] = "true",
        ["Integrations__AllowPrivateNetworkEndpoints"] = "true",
    });
    try
    {
        WaitForHealth(port, server);
        Exec("npm", "run e2e", client, totals.ReadE2e, new() { ["E2E_BASE_URL"] = $"http://localhost:{port}", ["E2E_MAIL_DIR"] = Path.Combine(data, "mail") });
    }
    finally
    {
        Stop(server);
        try { Directory.Delete(data, recursive: true); } catch (IOException) { }
    }
}

void Run()
{
    BuildSpa(force: false);
    Exec("dotnet", "build src/WebApi/VariantMiner.WebApi.csproj -nologo -v quiet", root);
    var port = int.TryParse(Environment.GetEnvironmentVariable("PORT"), out var p) ? p : 5080;
    var data = Environment.GetEnvironmentVariable("DataDirectory") ?? Path.Combine(root, "data");
    Console.WriteLine($"VariantMiner: http://localhost:{port}  (data: {data}; e-mails: {Path.Combine(data, "mail")}; Ctrl+C stops)");
    // Links in e-mails (invitations, verification, password reset) follow PORT unless Invitations__PublicBaseUrl is set.
    var links = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("Invitations__PublicBaseUrl"))
        ? new Dictionary<string, string> { ["Invitations__PublicBaseUrl"] = $"http://localhost:{port}" }
        : null;
    var server = StartServer(port, null, Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT") ?? "Development", links);
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; Stop(server); };
    server.WaitForExit();
}

// A separate analysis worker (no web server) on the same configuration: DataDirectory, Database__Provider,
// ConnectionStrings__Postgres — on another machine that shares the database and the data directory.
void Worker()
{
    Exec("dotnet", "build src/WebApi/VariantMiner.WebApi.csproj -nologo -v quiet", root);
    var info = new ProcessStartInfo("dotnet", "run --no-build --no-launch-profile --project src/WebApi/VariantMiner.WebApi.csproj -- --worker")
    {
        WorkingDirectory = root,
        UseShellExecute = false,
    };
    if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DataDirectory"))) info.Environment["DataDirectory"] = Path.Combine(root, "data");
    Console.WriteLine($"VariantMiner worker (data: {info.Environment["DataDirectory"] ?? Environment.GetEnvironmentVariable("DataDirectory")}; Ctrl+C stops)");
    var worker = Process.Start(info) ?? throw new BuildFailed("could not start the worker");
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; Stop(worker); };
    worker.WaitForExit();
}

void Clean()
{
    foreach (var dir in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories)
                 .Where(d => (Path.GetFileName(d) is "bin" or "obj") && !d.Contains("node_modules")).ToList())
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    foreach (var dir in new[] { Path.Combine(client, "dist"), Path.Combine(client, "node_modules") })
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    Console.WriteLine("clean: removed bin/, obj/, clientapp/dist and clientapp/node_modules (data/ is kept)");
}

void OpenApi()
{
    Exec("dotnet", "build tests/WebApi.Tests -nologo -v quiet", root);
    Exec("dotnet", "test tests/WebApi.Tests --no-build -nologo -v quiet --filter Name~Committed_openapi_document_is_current", root,
        env: new() { ["VARIANTMINER_UPDATE_OPENAPI"] = "1" });
    NpmInstall();
    Exec("npm", "run api:generate", client);
    // The C# SDK (the arguments are repeated in tests/WebApi.Tests/Sdk/CSharpSdkTests.cs, which fails on a stale SDK).
    Exec("dotnet", "tool restore", root);
    Exec("dotnet", "tool run kiota generate -l CSharp -d clientapp/openapi/v1.json -o sdk/csharp/Generated -c VariantMinerClient -n VariantMiner.Sdk --exclude-backward-compatible --clean-output", root);
    Console.WriteLine("openapi: clientapp/openapi/v1.json, clientapp/src/api/schema.ts and sdk/csharp/Generated regenerated");
}

void BuildSpa(bool force)
{
    NpmInstall();
    var index = Path.Combine(client, "dist", "index.html");
    if (!force && File.Exists(index) && NewestSource() <= File.GetLastWriteTimeUtc(index))
    {
        Console.WriteLine("spa: clientapp/dist is current");
        return;
    }
    Exec("npm", "run build", client);
}

DateTime NewestSource() =>
    new[] { "src", "public", "index.html", "package.json", "vite.config.ts" }
        .Select(p => Path.Combine(client, p))
        .SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : File.Exists(p) ? [p] : [])
        .Select(File.GetLastWriteTimeUtc)
        .DefaultIfEmpty(DateTime.MaxValue)
        .Max();

void NpmInstall(string? directory = null)
{
    directory ??= client;
    var stamp = Path.Combine(directory, "node_modules", ".package-lock.json");
    var lockFile = Path.Combine(directory, "package-lock.json");
    if (File.Exists(stamp) && File.GetLastWriteTimeUtc(stamp) >= File.GetLastWriteTimeUtc(lockFile)) return;
    Exec("npm", "ci --no-audit --no-fund", directory);
}

Process StartServer(int port, string? dataDirectory, string environment, Dictionary<string, string>? env = null)
{
    var info = new ProcessStartInfo("dotnet", "run --no-build --no-launch-profile --project src/WebApi/VariantMiner.WebApi.csproj")
    {
        WorkingDirectory = root,
        UseShellExecute = false,
    };
    info.Environment["ASPNETCORE_URLS"] = $"http://localhost:{port}";
    info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
    foreach (var (key, value) in env ?? []) info.Environment[key] = value;
    if (dataDirectory is not null)
    {
        info.Environment["DataDirectory"] = dataDirectory;
        info.Environment["Database__Provider"] = "Sqlite";
    }
    else if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DataDirectory")))
    {
        // dotnet run starts in the project folder; keep the data at the repository root instead.
        info.Environment["DataDirectory"] = Path.Combine(root, "data");
    }
    return Process.Start(info) ?? throw new BuildFailed("could not start the server");
}

void WaitForHealth(int port, Process server)
{
    using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
    var deadline = DateTime.UtcNow.AddSeconds(90);
    while (DateTime.UtcNow < deadline)
    {
        if (server.HasExited) throw new BuildFailed($"the server exited with code {server.ExitCode} before it was healthy");
        try
        {
            if (http.GetAsync($"http://localhost:{port}/health").Result.StatusCode == HttpStatusCode.OK) return;
        }
        catch (AggregateException) { }
        Thread.Sleep(300);
    }
    throw new BuildFailed("the server did not become healthy within 90 s");
}

static void Stop(Process process)
{
    if (!process.HasExited) process.Kill(entireProcessTree: true);
    process.WaitForExit();
}

static int FreePort()
{
    var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    var port = ((IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}

static void Exec(string file, string arguments, string workingDirectory, Action<string>? onLine = null, Dictionary<string, string>? env = null)
{
    Console.WriteLine($"> {file} {arguments}   (in {workingDirectory})");
    var info = new ProcessStartInfo(file, arguments)
    {
        WorkingDirectory = workingDirectory,
        UseShellExecute = false,
        RedirectStandardOutput = onLine is not null,
    };
    foreach (var (key, value) in env ?? []) info.Environment[key] = value;
    using var process = Process.Start(info) ?? throw new BuildFailed($"could not start {file}");
    if (onLine is not null)
    {
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            Console.WriteLine(line);
            onLine(line);
        }
    }
    process.WaitForExit();
    if (process.ExitCode != 0) throw new BuildFailed($"'{file} {arguments}' exited with {process.ExitCode}");
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "VariantMiner.sln"))) return dir.FullName;
    throw new InvalidOperationException("Run from inside the repository (VariantMiner.sln not found).");
}

sealed class BuildFailed(string message) : Exception(message);

/// <summary>Adds up what each test runner reports, for one closing line.</summary>
sealed partial class Totals
{
    private int _passed, _failed, _skipped;
    private readonly List<string> _lines = [];

    public void ReadDotnet(string line)
    {
        var m = DotnetSummary().Match(line);
        if (!m.Success) return;
        Add(int.Parse(m.Groups["passed"].Value), int.Parse(m.Groups["failed"].Value), int.Parse(m.Groups["skipped"].Value), m.Groups["project"].Value.Trim());
    }

    public void ReadVitest(string line)
    {
        var m = VitestSummary().Match(Ansi().Replace(line, ""));
        if (m.Success)
            Add(int.Parse(m.Groups["passed"].Value), m.Groups["failed"].Success ? int.Parse(m.Groups["failed"].Value) : 0, 0, "clientapp (vitest)");
    }

    public void ReadE2e(string line)
    {
        var m = PlainSummary().Match(line);
        if (m.Success) Add(int.Parse(m.Groups["passed"].Value), int.Parse(m.Groups["failed"].Value), 0, "clientapp (browser e2e)");
    }

    private void Add(int passed, int failed, int skipped, string what)
    {
        _passed += passed; _failed += failed; _skipped += skipped;
        _lines.Add($"  {what}: {passed} passed, {failed} failed, {skipped} skipped");
    }

    public void Print()
    {
        Console.WriteLine("Test summary:");
        foreach (var line in _lines) Console.WriteLine(line);
        Console.WriteLine($"{_passed} passed, {_failed} failed, {_skipped} skipped" + (_skipped == 0 ? "" : $" ({SkipReason()})"));
    }

    /// <summary>
    /// Why tests skip today: the PostgreSQL half of the database tests needs a server, and the VCF reader's comparison
    /// with bcftools skips the htslib-test files that bcftools itself refuses (each says so).
    /// </summary>
    private static string SkipReason() =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("VARIANTMINER_TEST_POSTGRES"))
            ? "PostgreSQL not configured: set VARIANTMINER_TEST_POSTGRES to run the PostgreSQL half of the database tests; "
                + "the other skips are htslib-test VCFs that bcftools refuses, see skipped-by-bcftools above"
            : "see the skip reasons in the test output above";

    [GeneratedRegex(@"Failed:\s+(?<failed>\d+), Passed:\s+(?<passed>\d+), Skipped:\s+(?<skipped>\d+), Total:\s+\d+, Duration: [^-]+ - (?<project>\S+)")]
    private static partial Regex DotnetSummary();

    [GeneratedRegex(@"^\s*Tests\s+(?:(?<failed>\d+) failed \| )?(?<passed>\d+) passed")]
    private static partial Regex VitestSummary();

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"^e2e: (?<passed>\d+) passed, (?<failed>\d+) failed")]
    private static partial Regex PlainSummary();
}

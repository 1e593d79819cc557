// Analyses, measured through the real host (a separate Release server process, loopback):
//   overhead [pairs=3] [readPairs=156000]  the germline pipeline on dwgsim reads of ce.fa (156,000 pairs = 30×) through the
//                                          product (upload the FASTQ pair → launch → COMPLETE) against cwltool run directly
//                                          on the same CWL and inputs, alternately in the same run; then recall/precision
//                                          of the product's calls against dwgsim's truth.
//   queue [runs=1000] [postgres-connection] the run queue alone: runs drained by 1 and by 2 workers that claim, start and
//                                          complete each run exactly as the worker does, minus the engine; counts lost and
//                                          repeated runs.
//   workers [runs=100]                     real --worker processes (1, then 2) draining runs of a one-echo pipeline.
// Usage: dotnet run -c Release --project bench/AnalysisBench -- overhead | queue | workers [...]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VariantMiner.Application.Common.Interfaces;
using VariantMiner.Application.Common.Security;
using VariantMiner.Domain.Analyses;
using VariantMiner.Infrastructure.Analyses;
using VariantMiner.Infrastructure.Persistence;

const string Genome = "/usr/share/htslib-test/test/ce.fa";
var mode = args.Length > 0 ? args[0] : "overhead";
var inv = System.Globalization.CultureInfo.InvariantCulture;
switch (mode)
{
    case "overhead": await OverheadAsync(args.Length > 1 ? int.Parse(args[1]) : 3, args.Length > 2 ? int.Parse(args[2]) : 156_000); break;
    case "queue": await QueueAsync(args.Length > 1 ? int.Parse(args[1]) : 1000, args.Length > 2 ? args[2] : null); break;
    case "workers": await WorkersAsync(args.Length > 1 ? int.Parse(args[1]) : 100); break;
    default: Console.Error.WriteLine("overhead | queue | workers"); return 2;
}
return 0;

async Task OverheadAsync(int pairs, int readPairs)
{
    await using var server = await BenchServer.StartAsync("analysisbench", new() { ["Workers__Heartbeat"] = "00:00:02", ["Workers__PollInterval"] = "00:00:00.500" });
    var work = Path.Combine(server.DataDirectory, "bench");
    Directory.CreateDirectory(work);
    Exec(work, "dwgsim", "-N", readPairs.ToString(), "-1", "100", "-2", "100", "-z", "7", Genome, "sim");
    var (r1, r2) = (Path.Combine(work, "sim.bwa.read1.fastq.gz"), Path.Combine(work, "sim.bwa.read2.fastq.gz"));

    // The product's reference bundle (indexed by the product) and the same index for the direct runs.
    var genomeId = await server.UploadFileAsync(Genome, "fasta");
    var bundle = await (await server.SendAsync(HttpMethod.Post, $"/api/organizations/{server.OrganizationId}/references",
        new { name = "ce", version = "1", genomeBuild = "ce-htslib", genomeFileId = genomeId })).Content.ReadFromJsonAsync<JsonElement>();
    var bundleId = bundle.GetProperty("id").GetGuid();
    while ((await server.Http.GetFromJsonAsync<JsonElement>($"/api/organizations/{server.OrganizationId}/references"))[0].GetProperty("status").GetString() != "Ready")
        await Task.Delay(200);
    var reference = Path.Combine(work, "ref");
    Directory.CreateDirectory(reference);
    File.Copy(Genome, Path.Combine(reference, "genome.fa"));
    Exec(reference, "samtools", "faidx", "genome.fa");
    Exec(reference, "bwa", "index", "genome.fa");
    var job = Path.Combine(work, "job.json");
    File.WriteAllText(job, JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["reference"] = new { @class = "File", path = Path.Combine(reference, "genome.fa") },
        ["reads_1"] = new { @class = "File", path = r1 },
        ["reads_2"] = new { @class = "File", path = r2 },
        ["sample_name"] = "direct",
    }));
    var cwl = Path.Combine(BenchServer.Root, "pipelines", "germline-fastq", "germline-fastq.cwl");

    var rows = new List<(double Product, double Direct, double Wall, double? Cpu)>();
    JsonElement last = default;
    for (var i = 0; i < pairs; i++)
    {
        var product = Stopwatch.StartNew();
        var sample = await (await server.SendAsync(HttpMethod.Post, $"{server.Workspace}/samples", new { name = $"BENCH-{i}", assay = "WGS" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var sampleId = sample.GetProperty("id").GetGuid();
        await server.UploadFileAsync(r1, "fastq", $"sampleId {BenchServer.B64(sampleId.ToString())},read {BenchServer.B64("1")}");
        await server.UploadFileAsync(r2, "fastq", $"sampleId {BenchServer.B64(sampleId.ToString())},read {BenchServer.B64("2")}");
        var launched = await server.SendAsync(HttpMethod.Post, $"{server.Workspace}/analyses",
            new { sampleIds = new[] { sampleId }, pipeline = "germline-fastq", parameters = new { reference = bundleId } });
        var url = launched.Headers.Location!.OriginalString;
        do
        {
            await Task.Delay(100);
            last = await server.Http.GetFromJsonAsync<JsonElement>(url);
        } while (!Enum.Parse<AnalysisStatus>(last.GetProperty("status").GetString()!).IsFinal());
        product.Stop();
        if (last.GetProperty("status").GetString() != "COMPLETE") throw new InvalidOperationException(last.ToString());

        var direct = Stopwatch.StartNew();
        var outDir = Path.Combine(work, $"direct-{i}");
        Exec(work, "cwltool", "--no-container", "--disable-color", "--quiet", "--outdir", outDir, cwl, job);
        direct.Stop();
        rows.Add((product.Elapsed.TotalSeconds, direct.Elapsed.TotalSeconds, last.GetProperty("wallSeconds").GetDouble(),
            last.GetProperty("cpuSeconds").ValueKind == JsonValueKind.Number ? last.GetProperty("cpuSeconds").GetDouble() : null));
        Console.Error.WriteLine($"pair {i + 1}: product {product.Elapsed.TotalSeconds:F1} s, cwltool {direct.Elapsed.TotalSeconds:F1} s");
    }

    Console.WriteLine($"| pair | product: upload → launch → COMPLETE (s) | of which the run (wall s, CPU s) | cwltool directly (s) | ratio |");
    Console.WriteLine("|---|---|---|---|---|");
    for (var i = 0; i < rows.Count; i++)
        Console.WriteLine($"| {i + 1} | {rows[i].Product:F1} | {rows[i].Wall:F1}, {rows[i].Cpu:F1} | {rows[i].Direct:F1} | {rows[i].Product / rows[i].Direct:F2} |");
    var ratios = rows.Select(r => r.Product / r.Direct).Order().ToList();
    Console.WriteLine($"\nmedian ratio product / cwltool: {ratios[ratios.Count / 2]:F2} ({readPairs:N0} read pairs)");

    // Recall and precision of the last product run against dwgsim's truth, both normalised by bcftools norm -m -any.
    var vcf = last.GetProperty("outputs").EnumerateArray().Single(f => f.GetProperty("kind").GetString() == "vcf").GetProperty("id").GetGuid();
    await using var content = await server.Http.GetStreamAsync($"{server.Workspace}/files/{vcf}/content");
    var called = Variants(new StreamReader(new GZipStream(content, CompressionMode.Decompress)).ReadToEnd());
    var truth = Variants(Exec(work, "bcftools", "norm", "-m", "-any", "-f", Genome, Path.Combine(work, "sim.mutations.vcf")));
    var found = called.Intersect(truth).Count();
    Console.WriteLine($"truth {truth.Count}, called {called.Count}, true positives {found}: recall {(double)found / truth.Count:F3}, precision {(double)found / called.Count:F3}");
}

async Task QueueAsync(int runs, string? postgres)
{
    foreach (var provider in postgres is null ? new[] { "Sqlite" } : new[] { "Sqlite", "Postgres" })
        foreach (var workers in new[] { 1, 2 })
        {
            var env = new Dictionary<string, string> { ["Workers__Enabled"] = "false" };
            if (provider == "Postgres")
            {
                var database = "vm_queuebench_" + Guid.NewGuid().ToString("N")[..8];
                await using (var admin = new Npgsql.NpgsqlConnection(postgres))
                {
                    await admin.OpenAsync();
                    await new Npgsql.NpgsqlCommand($"CREATE DATABASE {database}", admin).ExecuteNonQueryAsync();
                }
                env["Database__Provider"] = "Postgres";
                env["ConnectionStrings__Postgres"] = new Npgsql.NpgsqlConnectionStringBuilder(postgres) { Database = database }.ConnectionString;
            }
            await using var server = await BenchServer.StartAsync("queuebench", env);
            var sample = await (await server.SendAsync(HttpMethod.Post, $"{server.Workspace}/samples", new { name = "Q", assay = "WGS" })).Content.ReadFromJsonAsync<JsonElement>();
            var workspaceId = Guid.Parse(server.Workspace.Split('/')[^1]);
            var services = Services(server.DataDirectory, env);
            var me = Guid.Empty;
            var now = DateTimeOffset.UtcNow;
            await using (var scope = Enter(services, server.OrganizationId, workspaceId))
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                db.Analyses.AddRange(Enumerable.Range(0, runs).Select(i => new Analysis(server.OrganizationId, workspaceId, "bench-trivial", "{}",
                    [sample.GetProperty("id").GetGuid()], [], ["touch"], me, now.AddMilliseconds(i))));
                await db.SaveChangesAsync();
            }

            var done = new ConcurrentBag<Guid>();
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(1, workers).Select(n => Task.Run(async () =>
            {
                while (true)
                {
                    ClaimedRun? claimed;
                    await using (var scope = services.CreateAsyncScope())
                        claimed = await scope.ServiceProvider.GetRequiredService<RunQueue>().ClaimAsync($"bench-{n}", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), default);
                    if (claimed is null) return;
                    await using var work = Enter(services, claimed.OrganizationId, claimed.WorkspaceId);
                    var db = work.ServiceProvider.GetRequiredService<AppDbContext>();
                    var unit = work.ServiceProvider.GetRequiredService<IUnitOfWork>();
                    var run = await db.Analyses.SingleAsync(a => a.Id == claimed.Id);
                    run.Started(DateTimeOffset.UtcNow);
                    await unit.InTransactionAsync(() => db.SaveChangesAsync(), default);
                    run.StepChanged("touch", AnalysisStatus.COMPLETE, DateTimeOffset.UtcNow);
                    run.Finish(AnalysisStatus.COMPLETE, DateTimeOffset.UtcNow);
                    await unit.InTransactionAsync(() => db.SaveChangesAsync(), default);
                    await work.ServiceProvider.GetRequiredService<RunQueue>().ReleaseAsync(run.Id, default);
                    done.Add(run.Id);
                }
            })));
            clock.Stop();
            await using var check = Enter(services, server.OrganizationId, workspaceId);
            var complete = await check.ServiceProvider.GetRequiredService<AppDbContext>().Analyses.CountAsync(a => a.Status == AnalysisStatus.COMPLETE);
            Console.WriteLine($"| {provider} | {workers} | {runs} | {clock.Elapsed.TotalSeconds:F1} | {runs / clock.Elapsed.TotalSeconds:F0} | {runs - done.Distinct().Count()} | {done.Count - done.Distinct().Count()} | {complete} |");
            await services.DisposeAsync();
        }
}

async Task WorkersAsync(int runs)
{
    var pipelines = Path.Combine(Path.GetTempPath(), "variantminer-benchpipelines-" + Guid.NewGuid().ToString("N"));
    Directory.CreateDirectory(pipelines);
    foreach (var entry in Directory.EnumerateDirectories(Path.Combine(BenchServer.Root, "pipelines")).Append(Path.Combine(BenchServer.Root, "bench", "AnalysisBench", "pipelines", "trivial")))
        Directory.CreateSymbolicLink(Path.Combine(pipelines, Path.GetFileName(entry)), entry);
    foreach (var workers in new[] { 1, 2 })
    {
        var env = new Dictionary<string, string> { ["Workers__Enabled"] = "false", ["Pipelines__Directory"] = pipelines };
        await using var server = await BenchServer.StartAsync("workerbench", env);
        var sample = await (await server.SendAsync(HttpMethod.Post, $"{server.Workspace}/samples", new { name = "W", assay = "WGS" })).Content.ReadFromJsonAsync<JsonElement>();
        for (var i = 0; i < runs; i++)
            await server.SendAsync(HttpMethod.Post, $"{server.Workspace}/analyses",
                new { sampleIds = new[] { sample.GetProperty("id").GetGuid() }, pipeline = "bench-trivial", parameters = new { } });
        var dll = Path.Combine(BenchServer.Root, "src", "WebApi", "bin", "Release", "net10.0", "VariantMiner.WebApi.dll");
        var clock = Stopwatch.StartNew();
        var processes = Enumerable.Range(0, workers).Select(_ =>
        {
            var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
            info.ArgumentList.Add(dll);
            info.ArgumentList.Add("--worker");
            info.Environment["DataDirectory"] = server.DataDirectory;
            info.Environment["Pipelines__Directory"] = pipelines;
            info.Environment["Workers__PollInterval"] = "00:00:00.100";
            info.Environment["Logging__LogLevel__Default"] = "Warning";
            var p = Process.Start(info)!;
            p.OutputDataReceived += (_, _) => { };
            p.BeginOutputReadLine();
            return p;
        }).ToList();
        JsonElement list;
        do
        {
            await Task.Delay(250);
            list = await server.Http.GetFromJsonAsync<JsonElement>($"{server.Workspace}/analyses");
        } while (list.EnumerateArray().Any(r => !Enum.Parse<AnalysisStatus>(r.GetProperty("status").GetString()!).IsFinal()));
        clock.Stop();
        foreach (var p in processes) p.Kill(entireProcessTree: true);
        var complete = list.EnumerateArray().Count(r => r.GetProperty("status").GetString() == "COMPLETE" && r.GetProperty("attempts").GetInt32() == 1);
        Console.WriteLine($"| {workers} | {runs} | {clock.Elapsed.TotalSeconds:F1} | {runs / clock.Elapsed.TotalSeconds:F2} | {complete} |");
    }
    Directory.Delete(pipelines, recursive: true);
}

ServiceProvider Services(string dataDirectory, Dictionary<string, string> env)
{
    var settings = new Dictionary<string, string?> { ["DataDirectory"] = dataDirectory, ["Workers:Enabled"] = "false" };
    foreach (var (key, value) in env) settings[key.Replace("__", ":")] = value;
    return new ServiceCollection()
        .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
        .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
        .AddApplication()
        .AddInfrastructure()
        .AddSingleton<ICurrentUser, NoUser>()
        .BuildServiceProvider();
}

static AsyncServiceScope Enter(IServiceProvider services, Guid organizationId, Guid workspaceId)
{
    var scope = services.CreateAsyncScope();
    scope.ServiceProvider.GetRequiredService<OrganizationContext>().Enter(OrganizationAccess.ForSystem(organizationId, workspaceId), workspaceId);
    return scope;
}

static HashSet<string> Variants(string vcf) =>
    vcf.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split('\t')).Select(f => $"{f[0]}:{f[1]}:{f[3]}:{f[4]}").ToHashSet();

static string Exec(string folder, string program, params string[] arguments)
{
    var info = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var a in arguments) info.ArgumentList.Add(a);
    using var process = Process.Start(info)!;
    var stderr = process.StandardError.ReadToEndAsync();
    var stdout = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"{program}: {stderr.Result}");
    return stdout;
}

sealed class NoUser : ICurrentUser
{
    public Guid? UserId => null;
    public bool IsPlatformAdmin => false;
}

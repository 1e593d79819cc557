using System.Diagnostics;

namespace VariantMiner.WebApi.Tests.Analyses;

/// <summary>
/// Separate worker processes (<c>--worker</c>) on the test database, killed with SIGKILL in the middle of a run: once the
/// lease expires another worker stops the engine the dead one left behind, runs it again (attempt 2), and after a second
/// death ends it in SYSTEM_ERROR. Nothing of a killed attempt becomes a file.
/// </summary>
[NonParallelizable]
public class KilledWorkerTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private static readonly string Pipelines = AnalysisWorld.PipelinesWithTestOnes();
    private readonly List<Process> _workers = [];

    protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string> { ["Pipelines:Directory"] = Pipelines };

    [TearDown]
    public void StopWorkers()
    {
        foreach (var worker in _workers.Where(w => !w.HasExited)) worker.Kill(entireProcessTree: true);
        foreach (var worker in _workers) worker.Dispose();
        _workers.Clear();
    }

    private Process StartWorker()
    {
        var dll = Path.Combine(RepositoryPaths.Root, "src", "WebApi", "bin", "Debug", "net10.0", "VariantMiner.WebApi.dll");
        Assert.That(File.Exists(dll), Is.True, $"build the solution first: {dll}");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--worker");
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["DataDirectory"] = Database.DataDirectory;
        info.Environment["Database__Provider"] = Database.Provider.ToString();
        info.Environment[$"ConnectionStrings__{Database.Provider}"] = Database.ConnectionString;
        info.Environment["Pipelines__Directory"] = Pipelines;
        info.Environment["Workers__Lease"] = "00:00:03";
        info.Environment["Workers__Heartbeat"] = "00:00:01";
        info.Environment["Workers__PollInterval"] = "00:00:00.200";
        info.Environment.Remove("VARIANTMINER_OWNER_PID");
        var worker = Process.Start(info)!;
        worker.OutputDataReceived += (_, e) => { if (e.Data is not null) TestContext.Progress.WriteLine("worker: " + e.Data); };
        worker.ErrorDataReceived += (_, e) => { if (e.Data is not null) TestContext.Progress.WriteLine("worker: " + e.Data); };
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
        _workers.Add(worker);
        return worker;
    }

    private static int Sleeps(string marker) =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(p => int.TryParse(p, out _)).Count(pid =>
        {
            try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim() == marker; }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return false; }
        });

    private static async Task WaitForSleepsAsync(string marker, int count)
    {
        for (var i = 0; i < 120 && Sleeps(marker) != count; i++) await Task.Delay(250);
        Assert.That(Sleeps(marker), Is.EqualTo(count), $"processes '{marker}'");
    }

    [Test]
    public async Task A_killed_workers_run_is_taken_over_run_again_once_then_ends_in_SYSTEM_ERROR()
    {
        SeededLab lab;
        SeededSamples samples;
        await using (var db = Database.CreateContext()) lab = await SeededLab.CreateAsync(db, "Worker Lab");
        await using (var db = Database.CreateContext()) samples = await SeededSamples.CreateAsync(db, lab, queueRun: false);
        var supervisor = await Factory.SignedInClientAsync(lab.Members[BuiltInRole.Supervisor].Email);
        var workspace = $"/api/organizations/{lab.OrganizationId}/workspaces/{lab.WorkspaceId}";
        var seconds = 3000 + Random.Shared.Next(1000);
        var marker = $"sleep {seconds}";
        var launched = await supervisor.PostUnsafeAsync($"{workspace}/analyses",
            new { sampleIds = new[] { samples.SampleId }, pipeline = "test-slow", parameters = new { seconds } });
        Assert.That(launched.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await launched.Content.ReadAsStringAsync());
        var runUrl = launched.Headers.Location!.OriginalString;

        var first = StartWorker();
        await AnalysisWorld.WaitForRunAsync(supervisor, runUrl, r => r.GetProperty("status").GetString() == "RUNNING", 60);
        await WaitForSleepsAsync(marker, 1);
        first.Kill(entireProcessTree: false); // SIGKILL to the worker alone: its engine is orphaned, still running

        StartWorker();
        var second = await AnalysisWorld.WaitForRunAsync(supervisor, runUrl,
            r => r.GetProperty("attempts").GetInt32() == 2 && r.GetProperty("steps")[0].GetProperty("status").GetString() == "RUNNING", 60);
        Assert.That(second.GetProperty("status").GetString(), Is.EqualTo("RUNNING"));
        await WaitForSleepsAsync(marker, 1); // the orphan was stopped, the second attempt's engine runs
        _workers[1].Kill(entireProcessTree: false);

        StartWorker();
        var run = await AnalysisWorld.WaitForRunAsync(supervisor, runUrl, timeoutSeconds: 60);
        Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("SYSTEM_ERROR"));
        Assert.That(run.GetProperty("reason").GetString(), Does.Contain("stopped 2 times"));
        await WaitForSleepsAsync(marker, 0);
        Assert.That(run.GetProperty("outputs").GetArrayLength(), Is.Zero);
        await using var check = Database.CreateContext();
        var id = run.GetProperty("id").GetGuid();
        Assert.That(await check.StoredFiles.IgnoreQueryFilters().CountAsync(f => f.AnalysisId == id), Is.Zero);
    }
}

using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using VariantMiner.Domain.Analyses;

namespace VariantMiner.WebApi.Tests.Analyses;

/// <summary>What the analysis tests share: the pipelines folder they run, simulated reads, uploads and waiting for a run.</summary>
public static class AnalysisWorld
{
    public const string Genome = "/usr/share/htslib-test/test/ce.fa";

    /// <summary>Four made-up genes on ce.fa (tests/data/ce-genes.gff3): vmA1 1001-5000, vmB2 20001-30002, vmC3 100001-150000 on CHROMOSOME_I; vmD4 on II.</summary>
    public static string GeneModels => Path.Combine(RepositoryPaths.Root, "tests", "data", "ce-genes.gff3");

    /// <summary>
    /// The repository's pipelines plus the test ones (a step that sleeps; one that needs a missing tool), as one folder of
    /// symbolic links, so the real pipelines run exactly as shipped.
    /// </summary>
    public static string PipelinesWithTestOnes()
    {
        var folder = Path.Combine(Path.GetTempPath(), "variantminer-pipelines-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        foreach (var entry in Directory.EnumerateDirectories(Path.Combine(RepositoryPaths.Root, "pipelines")))
            Directory.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(entry)), entry);
        foreach (var entry in Directory.EnumerateDirectories(Path.Combine(RepositoryPaths.Root, "tests", "WebApi.Tests", "Analyses", "TestPipelines")))
            Directory.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(entry)), entry);
        return folder;
    }

    /// <summary>Host settings for tests that run real pipelines: the worker on, quick heartbeats and leases.</summary>
    public static Dictionary<string, string> RunningHost(string pipelines, string engine = "cwltool") => new()
    {
        ["Workers:Enabled"] = "true",
        ["Workers:Heartbeat"] = "00:00:01",
        ["Workers:PollInterval"] = "00:00:00.200",
        ["Workers:Lease"] = "00:00:05",
        ["Pipelines:Directory"] = pipelines,
        ["Pipelines:Engine"] = engine,
    };

    /// <summary>Paired-end reads simulated by dwgsim from ce.fa (fixed seed), and its truth set of planted variants.</summary>
    public sealed record Reads(string Read1, string Read2, string TruthVcf);

    public static Reads Simulate(string folder, int pairs)
    {
        Directory.CreateDirectory(folder);
        Run(folder, "dwgsim", "-N", pairs.ToString(), "-1", "100", "-2", "100", "-z", "7", Genome, "sim");
        return new Reads(Path.Combine(folder, "sim.bwa.read1.fastq.gz"), Path.Combine(folder, "sim.bwa.read2.fastq.gz"),
            Path.Combine(folder, "sim.mutations.vcf"));
    }

    /// <summary>Runs a program to its end; its standard output, or a failed assertion with its standard error.</summary>
    public static string Run(string folder, string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.EqualTo(0), $"{program} failed: {stderr.Result}");
        return stdout;
    }

    /// <summary>Uploads a whole file through the tus endpoints in one chunk; answers the new file's id.</summary>
    public static async Task<Guid> UploadAsync(HttpClient client, string workspaceUrl, byte[] bytes, string name, string kind, Guid? sampleId = null,
        int? read = null)
    {
        static string B64(string v) => Convert.ToBase64String(Encoding.UTF8.GetBytes(v));
        var metadata = new List<string> { $"filename {B64(name)}", $"kind {B64(kind)}" };
        if (sampleId is { } s) metadata.Add($"sampleId {B64(s.ToString())}");
        if (read is { } r) metadata.Add($"read {B64(r.ToString())}");
        var token = (await client.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery")).GetProperty("token").GetString();
        using var create = new HttpRequestMessage(HttpMethod.Post, $"{workspaceUrl}/uploads");
        create.Headers.Add("X-XSRF-TOKEN", token);
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("Upload-Length", bytes.Length.ToString());
        create.Headers.Add("Upload-Metadata", string.Join(",", metadata));
        var created = await client.SendAsync(create);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        using var patch = new HttpRequestMessage(HttpMethod.Patch, created.Headers.Location!.OriginalString);
        patch.Headers.Add("X-XSRF-TOKEN", token);
        patch.Headers.Add("Tus-Resumable", "1.0.0");
        patch.Headers.Add("Upload-Offset", "0");
        patch.Content = new ByteArrayContent(bytes);
        patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        var done = await client.SendAsync(patch);
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await done.Content.ReadAsStringAsync());
        return Guid.Parse(done.Headers.GetValues("Upload-File-Id").Single());
    }

    /// <summary>A Ready reference bundle of ce.fa with its test gene models, created through the API and prepared by the worker.</summary>
    /// <param name="annotations">Annotation VCFs (name, text) of the bundle: ClinVar-like (INFO/CLNSIG) or frequencies (INFO/AF).</param>
    public static Task<Guid> CreateReferenceAsync(HttpClient client, Guid organizationId, string workspaceUrl, params (string Name, string Vcf)[] annotations) =>
        CreateReferenceAsync(client, organizationId, workspaceUrl, "1", annotations);

    public static async Task<Guid> CreateReferenceAsync(HttpClient client, Guid organizationId, string workspaceUrl, string version,
        params (string Name, string Vcf)[] annotations)
    {
        var genome = await UploadAsync(client, workspaceUrl, await File.ReadAllBytesAsync(Genome), "ce.fa", "fasta");
        var genes = await UploadAsync(client, workspaceUrl, await File.ReadAllBytesAsync(GeneModels), "ce-genes.gff3", "gff3");
        var annotationIds = new List<Guid>();
        foreach (var (name, vcf) in annotations) annotationIds.Add(await UploadAsync(client, workspaceUrl, Encoding.ASCII.GetBytes(vcf), name, "vcf"));
        var created = await client.PostUnsafeAsync($"/api/organizations/{organizationId}/references",
            new { name = "C. elegans test genome", version, genomeBuild = "ce-htslib", genomeFileId = genome, geneModelsFileId = genes, annotationFileIds = annotationIds });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var bundles = await client.GetFromJsonAsync<JsonElement>($"/api/organizations/{organizationId}/references");
            var bundle = bundles.EnumerateArray().Single(b => b.GetProperty("id").GetGuid() == id);
            var status = bundle.GetProperty("status").GetString();
            if (status == "Ready") return id;
            Assert.That(status, Is.Not.EqualTo("Failed"), bundle.ToString());
            await Task.Delay(200);
        }
        Assert.Fail("the reference bundle was not prepared in time");
        return id;
    }

    /// <summary>Polls a run until <paramref name="until"/> holds (by default: a final state); answers its last view.</summary>
    public static async Task<JsonElement> WaitForRunAsync(HttpClient client, string runUrl, Func<JsonElement, bool>? until = null, int timeoutSeconds = 300)
    {
        until ??= r => Enum.Parse<AnalysisStatus>(r.GetProperty("status").GetString()!).IsFinal();
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        JsonElement run = default;
        while (DateTime.UtcNow < deadline)
        {
            run = await client.GetFromJsonAsync<JsonElement>(runUrl);
            if (until(run)) return run;
            await Task.Delay(250);
        }
        Assert.Fail($"the run did not get there in {timeoutSeconds} s: {run}");
        return run;
    }

    /// <summary>Whether a process whose command line contains <paramref name="text"/> is running on this machine.</summary>
    public static bool ProcessRunning(string text) =>
        Directory.EnumerateDirectories("/proc").Select(Path.GetFileName).Where(p => int.TryParse(p, out _)).Any(pid =>
        {
            try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Contains(text, StringComparison.Ordinal); }
            catch (IOException) { return false; }
            catch (UnauthorizedAccessException) { return false; }
        });
}

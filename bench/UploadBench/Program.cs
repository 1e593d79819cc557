// Uploads through the real host (a separate server process, Release build, SQLite, loopback) against dd writing the
// same number of bytes to the same disk (conv=fsync), in the same run; then 4 concurrent uploads; then HTTP Range reads
// at random offsets. Usage: dotnet run -c Release --project bench/UploadBench -- [GiB=2] [chunkMiB=8]
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

var gib = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2;
var chunkMiB = args.Length > 1 ? int.Parse(args[1]) : 8;
var size = (long)(gib * (1L << 30));
var chunk = chunkMiB << 20;
var root = FindRoot();
var data = Path.Combine(Path.GetTempPath(), "variantminer-uploadbench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(Path.Combine(data, "spa"));
File.WriteAllText(Path.Combine(data, "spa", "index.html"), "<!doctype html>");

Run("dotnet", "build src/WebApi/VariantMiner.WebApi.csproj -c Release -nologo -v quiet", root);
var port = FreePort();
var dll = Path.Combine(root, "src", "WebApi", "bin", "Release", "net10.0", "VariantMiner.WebApi.dll");
var info = new ProcessStartInfo("dotnet", $"\"{dll}\"") { UseShellExecute = false, RedirectStandardOutput = true };
info.Environment["ASPNETCORE_URLS"] = $"http://localhost:{port}";
info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
info.Environment["DataDirectory"] = data;
info.Environment["SpaRoot"] = Path.Combine(data, "spa");
info.Environment["Logging__LogLevel__Default"] = "Warning";
info.Environment["Organizations__DefaultStorageQuotaBytes"] = (1L << 42).ToString();
using var server = Process.Start(info)!;
server.OutputDataReceived += (_, _) => { };
server.BeginOutputReadLine();
try
{
    var http = new HttpClient(new CookieJar { InnerHandler = new HttpClientHandler { UseCookies = false } })
        { BaseAddress = new Uri($"http://localhost:{port}"), Timeout = TimeSpan.FromMinutes(30) };
    for (var i = 0; i < 300 && !await Healthy(http); i++) await Task.Delay(100);
    await Send(http, HttpMethod.Post, "/api/auth/register", JsonContent.Create(new { email = "bench@upload.example", password = "benchmark password 1", displayName = "Bench" }));
    var org = await (await Send(http, HttpMethod.Post, "/api/organizations", JsonContent.Create(new { name = "Upload Bench" }))).Content.ReadFromJsonAsync<JsonElement>();
    TokenCache.Value = (await http.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery")).GetProperty("token").GetString();
    TokenCache.Session = http.GetHashCode();
    var workspace = $"/api/organizations/{org.GetProperty("id").GetGuid()}/workspaces/{org.GetProperty("initialWorkspaceId").GetGuid()}";
    var baseline = Rss(server);

    var dd = Stopwatch.StartNew();
    Run("dd", $"if=/dev/zero of={Path.Combine(data, "dd.bin")} bs={chunkMiB}M count={size / chunk} conv=fsync status=none", data);
    dd.Stop();
    File.Delete(Path.Combine(data, "dd.bin"));

    var one = Stopwatch.StartNew();
    var fileId = await Upload(http, workspace, size, chunk);
    one.Stop();
    var peak = Hwm(server);

    var four = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Upload(http, workspace, size / 4, chunk)));
    four.Stop();

    var random = new Random(7);
    var reads = 0;
    var ranges = Stopwatch.StartNew();
    while (ranges.Elapsed < TimeSpan.FromSeconds(10))
    {
        var start = random.NextInt64(0, size - 65536);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{workspace}/files/{fileId}/content");
        request.Headers.Range = new RangeHeaderValue(start, start + 65535);
        using var response = await http.SendAsync(request);
        if (response.StatusCode != System.Net.HttpStatusCode.PartialContent) throw new InvalidOperationException($"range: {response.StatusCode}");
        await response.Content.ReadAsByteArrayAsync();
        reads++;
    }
    ranges.Stop();

    double MiBs(long bytes, Stopwatch watch) => bytes / 1048576.0 / watch.Elapsed.TotalSeconds;
    Console.WriteLine($"| what | bytes | seconds | MiB/s |");
    Console.WriteLine($"|---|---|---|---|");
    Console.WriteLine($"| dd conv=fsync, bs={chunkMiB}M | {size} | {dd.Elapsed.TotalSeconds:F1} | {MiBs(size, dd):F0} |");
    Console.WriteLine($"| one tus upload, {chunkMiB} MiB chunks (incl. content check + SHA-256) | {size} | {one.Elapsed.TotalSeconds:F1} | {MiBs(size, one):F0} |");
    Console.WriteLine($"| 4 concurrent uploads of {size / 4} bytes | {size} | {four.Elapsed.TotalSeconds:F1} | {MiBs(size, four):F0} |");
    Console.WriteLine();
    Console.WriteLine($"upload / dd throughput: {MiBs(size, one) / MiBs(size, dd):F2}");
    Console.WriteLine($"server resident set: {baseline / 1048576.0:F0} MiB before, peak {peak / 1048576.0:F0} MiB (growth {(peak - baseline) / 1048576.0:F0} MiB)");
    Console.WriteLine($"Range reads of 64 KiB at random offsets: {reads / ranges.Elapsed.TotalSeconds:F0} requests/s (one client, sequential)");
}
finally
{
    server.Kill(entireProcessTree: true);
    server.WaitForExit();
    Directory.Delete(data, recursive: true);
}

static async Task<string> Upload(HttpClient http, string workspace, long size, int chunk)
{
    // FASTQ records repeated: the content check reads real records; the bytes are generated, never stored in git.
    var record = Encoding.ASCII.GetBytes("@read\nACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTAC\n+\nIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII\n");
    // One buffer of whole records plus one spare record: any chunk is a slice of it, whatever its start in a record.
    var buffer = new byte[chunk + record.Length];
    for (var i = 0; i < buffer.Length; i++) buffer[i] = record[i % record.Length];
    size -= size % record.Length; // whole records only
    using var post = await Tus(http, HttpMethod.Post, $"{workspace}/uploads");
    post.Headers.Add("Upload-Length", size.ToString());
    post.Headers.Add("Upload-Metadata", $"filename {Convert.ToBase64String("bench.fq"u8)},kind {Convert.ToBase64String("fastq"u8)}");
    var created = await http.SendAsync(post);
    if (!created.IsSuccessStatusCode) throw new InvalidOperationException(await created.Content.ReadAsStringAsync());
    var url = created.Headers.Location!.OriginalString;
    long offset = 0;
    string? fileId = null;
    while (offset < size)
    {
        var length = (int)Math.Min(chunk, size - offset);
        // Keep record boundaries aligned across chunks: the chunk starts where the previous one stopped in the record.
        var start = (int)(offset % record.Length);
        using var patch = await Tus(http, HttpMethod.Patch, url);
        patch.Headers.Add("Upload-Offset", offset.ToString());
        patch.Content = new ByteArrayContent(buffer, start, length);
        patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        var response = await http.SendAsync(patch);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
        offset += length;
        if (response.Headers.TryGetValues("Upload-File-Id", out var ids)) fileId = ids.Single();
    }
    return fileId ?? throw new InvalidOperationException("no file id");
}

static async Task<HttpRequestMessage> Tus(HttpClient http, HttpMethod method, string url)
{
    var request = new HttpRequestMessage(method, url);
    request.Headers.Add("X-XSRF-TOKEN", await Token(http));
    request.Headers.Add("Tus-Resumable", "1.0.0");
    return request;
}

static async Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string url, HttpContent content)
{
    using var request = new HttpRequestMessage(method, url) { Content = content };
    request.Headers.Add("X-XSRF-TOKEN", await Token(http));
    var response = await http.SendAsync(request);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {await response.Content.ReadAsStringAsync()}");
    return response;
}

// One antiforgery token per session, as the SPA keeps it (it is tied to the signed-in user).
static async Task<string> Token(HttpClient http)
{
    if (TokenCache.Value is { } token && TokenCache.Session == http.GetHashCode()) return token;
    token = (await http.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery")).GetProperty("token").GetString()!;
    return token;
}

static async Task<bool> Healthy(HttpClient http)
{
    try { return (await http.GetAsync("/health")).IsSuccessStatusCode; }
    catch (HttpRequestException) { return false; }
}

static long Rss(Process p) => StatusValue(p, "VmRSS:");
static long Hwm(Process p) => StatusValue(p, "VmHWM:");
static long StatusValue(Process p, string key) =>
    long.Parse(File.ReadLines($"/proc/{p.Id}/status").First(l => l.StartsWith(key)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;

static void Run(string file, string arguments, string directory)
{
    using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, UseShellExecute = false })!;
    process.WaitForExit();
    if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments}: exit {process.ExitCode}");
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "VariantMiner.sln"))) return dir.FullName;
    throw new InvalidOperationException("VariantMiner.sln not found");
}

static int FreePort()
{
    var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}

static class TokenCache
{
    public static string? Value;
    public static int Session;
}

/// <summary>Session cookies as a browser keeps them on http://localhost (they are Secure; HttpClient's container would drop them).</summary>
sealed class CookieJar : DelegatingHandler
{
    private readonly Dictionary<string, string> _cookies = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_cookies)
            if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
            lock (_cookies)
                foreach (var pair in values.Select(v => v.Split(';')[0].Split('=', 2)).Where(p => p.Length == 2))
                    _cookies[pair[0]] = pair[1];
        return response;
    }
}

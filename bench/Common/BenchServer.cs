using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;

/// <summary>
/// The real host for a benchmark: a Release build started as its own process on loopback with its own data directory
/// (SQLite unless the environment passed says otherwise), and a browser-like client signed in as a new account that
/// owns a new organization. Shared by the benchmark programs (compiled into each).
/// </summary>
sealed class BenchServer : IAsyncDisposable
{
    public required Process Process { get; init; }
    public required HttpClient Http { get; init; }
    public required string DataDirectory { get; init; }
    public Guid OrganizationId { get; private set; }
    /// <summary>/api/organizations/{org}/workspaces/{initial workspace}</summary>
    public string Workspace { get; private set; } = "";
    private string? _token;

    public static string Root { get; } = FindRoot();

    public static async Task<BenchServer> StartAsync(string name, Dictionary<string, string>? environment = null)
    {
        Run("dotnet", "build src/WebApi/VariantMiner.WebApi.csproj -c Release -nologo -v quiet", Root);
        var data = Path.Combine(Path.GetTempPath(), $"variantminer-{name}-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(data, "spa"));
        File.WriteAllText(Path.Combine(data, "spa", "index.html"), "<!doctype html>");
        var port = FreePort();
        var dll = Path.Combine(Root, "src", "WebApi", "bin", "Release", "net10.0", "VariantMiner.WebApi.dll");
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\"") { UseShellExecute = false, RedirectStandardOutput = true };
        info.Environment["ASPNETCORE_URLS"] = $"http://localhost:{port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DataDirectory"] = data;
        info.Environment["SpaRoot"] = Path.Combine(data, "spa");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Organizations__DefaultStorageQuotaBytes"] = (1L << 42).ToString();
        foreach (var (key, value) in environment ?? []) info.Environment[key] = value;
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        var server = new BenchServer
        {
            Process = process,
            DataDirectory = data,
            Http = new HttpClient(new CookieJar { InnerHandler = new HttpClientHandler { UseCookies = false } })
                { BaseAddress = new Uri($"http://localhost:{port}"), Timeout = TimeSpan.FromMinutes(30) },
        };
        for (var i = 0; i < 300 && !await server.HealthyAsync(); i++) await Task.Delay(100);
        await server.SendAsync(HttpMethod.Post, "/api/auth/register", new { email = $"bench@{name}.example", password = "benchmark password 1", displayName = "Bench" });
        server._token = null; // the antiforgery token is tied to the user: the signed-in session needs its own
        var org = await (await server.SendAsync(HttpMethod.Post, "/api/organizations", new { name = $"Bench {name}" })).Content.ReadFromJsonAsync<JsonElement>();
        server.OrganizationId = org.GetProperty("id").GetGuid();
        server.Workspace = $"/api/organizations/{server.OrganizationId}/workspaces/{org.GetProperty("initialWorkspaceId").GetGuid()}";
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync();
        Http.Dispose();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    /// <summary>An unsafe request with the session's antiforgery token (one per session, as the SPA keeps it); fails loudly.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null)
    {
        using var request = await RequestAsync(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await Http.SendAsync(request);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{url}: {await response.Content.ReadAsStringAsync()}");
        return response;
    }

    public async Task<HttpRequestMessage> RequestAsync(HttpMethod method, string url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-XSRF-TOKEN", await TokenAsync());
        return request;
    }

    /// <summary>
    /// A tus upload (creation, then PATCHes of at most <paramref name="chunk"/> bytes taken from <paramref name="content"/>
    /// at each offset); answers the file's id.
    /// </summary>
    public async Task<string> UploadAsync(long size, int chunk, string name, string kind, Func<long, int, HttpContent> content, string? metadata = null)
    {
        using var post = await RequestAsync(HttpMethod.Post, $"{Workspace}/uploads");
        post.Headers.Add("Tus-Resumable", "1.0.0");
        post.Headers.Add("Upload-Length", size.ToString());
        post.Headers.Add("Upload-Metadata", $"filename {B64(name)},kind {B64(kind)}" + (metadata is null ? "" : "," + metadata));
        var created = await Http.SendAsync(post);
        if (!created.IsSuccessStatusCode) throw new InvalidOperationException(await created.Content.ReadAsStringAsync());
        var url = created.Headers.Location!.OriginalString;
        long offset = 0;
        string? fileId = null;
        while (offset < size)
        {
            var length = (int)Math.Min(chunk, size - offset);
            using var patch = await RequestAsync(HttpMethod.Patch, url);
            patch.Headers.Add("Tus-Resumable", "1.0.0");
            patch.Headers.Add("Upload-Offset", offset.ToString());
            patch.Content = content(offset, length);
            patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
            var response = await Http.SendAsync(patch);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException(await response.Content.ReadAsStringAsync());
            offset += length;
            if (response.Headers.TryGetValues("Upload-File-Id", out var ids)) fileId = ids.Single();
        }
        return fileId ?? throw new InvalidOperationException("no file id");
    }

    /// <summary>A whole file from disk, in 8 MiB chunks.</summary>
    public Task<string> UploadFileAsync(string path, string kind, string? metadata = null)
    {
        var bytes = File.ReadAllBytes(path);
        return UploadAsync(bytes.Length, 8 << 20, Path.GetFileName(path), kind, (offset, length) => new ByteArrayContent(bytes, (int)offset, length), metadata);
    }

    public static string B64(string value) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value));

    private async Task<string> TokenAsync() =>
        _token ??= (await Http.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery")).GetProperty("token").GetString()!;

    private async Task<bool> HealthyAsync()
    {
        try { return (await Http.GetAsync("/health")).IsSuccessStatusCode; }
        catch (HttpRequestException) { return false; }
    }

    public static void Run(string file, string arguments, string directory)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { WorkingDirectory = directory, UseShellExecute = false })!;
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {arguments}: exit {process.ExitCode}");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "VariantMiner.sln"))) return dir.FullName;
        throw new InvalidOperationException("VariantMiner.sln not found");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Session cookies as a browser keeps them on http://localhost (they are Secure; HttpClient's container would drop them).</summary>
    private sealed class CookieJar : DelegatingHandler
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
}

using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace VariantMiner.WebApi.Tests.Files;

/// <summary>
/// The real server process is killed (SIGKILL) in the middle of a chunk, started again on the same data, and the
/// upload resumes from the offset it reports: the file is byte-identical, and nothing of the killed request became a
/// file. SQLite (the embedded default); the PostgreSQL path differs only in the database, which the other upload tests
/// cover.
/// </summary>
[NonParallelizable]
public class KilledServerTests
{
    private string _data = null!;
    private int _port;
    private Process? _server;

    [SetUp]
    public void Prepare()
    {
        _data = Path.Combine(Path.GetTempPath(), "variantminer-kill-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(_data, "spa"));
        File.WriteAllText(Path.Combine(_data, "spa", "index.html"), "<!doctype html><title>test</title>");
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        _port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
    }

    [TearDown]
    public void CleanUp()
    {
        if (_server is { HasExited: false }) _server.Kill(entireProcessTree: true);
        _server?.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    private async Task StartAsync()
    {
        var dll = Path.Combine(RepositoryPaths.Root, "src", "WebApi", "bin", "Debug", "net10.0", "VariantMiner.WebApi.dll");
        Assert.That(File.Exists(dll), Is.True, $"build the solution first: {dll}");
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\"") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["ASPNETCORE_URLS"] = $"http://localhost:{_port}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DataDirectory"] = _data;
        info.Environment["Database__Provider"] = "Sqlite";
        info.Environment["SpaRoot"] = Path.Combine(_data, "spa");
        info.Environment.Remove("VARIANTMINER_OWNER_PID");
        _server = Process.Start(info)!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync($"http://localhost:{_port}/health")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        Assert.Fail("the server did not start");
    }

    private HttpClient Client() => new(new CookieJar { InnerHandler = new HttpClientHandler { UseCookies = false } }) { BaseAddress = new Uri($"http://localhost:{_port}") };

    /// <summary>
    /// Keeps the session cookies a browser would: the server marks them Secure (__Host-), which a browser honours on
    /// http://localhost but HttpClient's cookie container does not.
    /// </summary>
    private sealed class CookieJar : DelegatingHandler
    {
        private readonly Dictionary<string, string> _cookies = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_cookies.Count > 0) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
                foreach (var pair in values.Select(v => v.Split(';')[0].Split('=', 2)).Where(p => p.Length == 2))
                    _cookies[pair[0]] = pair[1];
            return response;
        }
    }

    private static async Task<HttpRequestMessage> TusAsync(HttpClient client, HttpMethod method, string url)
    {
        var token = (await client.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery")).GetProperty("token").GetString();
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-XSRF-TOKEN", token);
        request.Headers.Add("Tus-Resumable", "1.0.0");
        return request;
    }

    /// <summary>A body that sends its first bytes, then waits until the server is gone.</summary>
    private sealed class StallingContent(byte[] head, TaskCompletionSource sent) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(head, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            sent.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    [Test]
    public async Task An_upload_cut_by_kill_9_resumes_from_the_reported_offset_and_is_byte_identical()
    {
        await StartAsync();
        var client = Client();
        var token = (await client.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery")).GetProperty("token").GetString();
        using (var register = new HttpRequestMessage(HttpMethod.Post, "/api/auth/register") { Content = JsonContent.Create(new { email = "admin@kill.example", password = TestData.Password, displayName = "Admin" }) })
        {
            register.Headers.Add("X-XSRF-TOKEN", token);
            Assert.That((await client.SendAsync(register)).IsSuccessStatusCode, Is.True);
        }
        var create = await TusAsync(client, HttpMethod.Post, "/api/organizations");
        create.Content = JsonContent.Create(new { name = "Kill Lab" });
        var organization = await (await client.SendAsync(create)).Content.ReadFromJsonAsync<JsonElement>();
        var workspace = $"/api/organizations/{organization.GetProperty("id").GetGuid()}/workspaces/{organization.GetProperty("initialWorkspaceId").GetGuid()}";

        var text = new StringBuilder();
        for (var i = 0; i < 60_000; i++) text.Append($"@r{i}\nACGTACGTACGTACGTACGT\n+\nIIIIIIIIIIIIIIIIIIII\n");
        var content = Encoding.ASCII.GetBytes(text.ToString());
        var post = await TusAsync(client, HttpMethod.Post, $"{workspace}/uploads");
        post.Headers.Add("Upload-Length", content.Length.ToString());
        post.Headers.Add("Upload-Metadata", $"filename {Convert.ToBase64String("reads.fq"u8)},kind {Convert.ToBase64String("fastq"u8)}");
        var created = await client.SendAsync(post);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var upload = created.Headers.Location!.OriginalString;

        var first = content.Length / 3;
        var patch = await TusAsync(client, HttpMethod.Patch, upload);
        patch.Headers.Add("Upload-Offset", "0");
        patch.Content = new ByteArrayContent(content[..first]);
        patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        Assert.That((await client.SendAsync(patch)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        // The second chunk is cut: half of it reaches the server, which is then killed.
        var sent = new TaskCompletionSource();
        var cut = await TusAsync(client, HttpMethod.Patch, upload);
        cut.Headers.Add("Upload-Offset", first.ToString());
        cut.Content = new StallingContent(content[first..(2 * first)], sent);
        cut.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        using var abandon = new CancellationTokenSource();
        var pending = client.SendAsync(cut, abandon.Token);
        await sent.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(500); // the server has written what it received
        _server!.Kill(entireProcessTree: true);
        await _server.WaitForExitAsync();
        await abandon.CancelAsync();
        Assert.CatchAsync(async () => await pending);

        await StartAsync();
        var head = await client.SendAsync(await TusAsync(client, HttpMethod.Head, upload));
        var offset = long.Parse(head.Headers.GetValues("Upload-Offset").Single());
        Assert.That(offset, Is.EqualTo(first), "only the acknowledged chunk counts");
        var files = await client.GetFromJsonAsync<JsonElement>($"{workspace}/files");
        Assert.That(files.GetArrayLength(), Is.Zero, "a killed upload never appears as a file");

        var resume = await TusAsync(client, HttpMethod.Patch, upload);
        resume.Headers.Add("Upload-Offset", offset.ToString());
        resume.Content = new ByteArrayContent(content[(int)offset..]);
        resume.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        var done = await client.SendAsync(resume);
        Assert.That(done.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await done.Content.ReadAsStringAsync());
        var fileId = done.Headers.GetValues("Upload-File-Id").Single();
        var bytes = await client.GetByteArrayAsync($"{workspace}/files/{fileId}/content");
        Assert.That(SHA256.HashData(bytes), Is.EqualTo(SHA256.HashData(content)), "byte-identical");
    }
}

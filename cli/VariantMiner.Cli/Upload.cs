using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace VariantMiner.Cli;

/// <summary>
/// <c>vm upload</c>: a file through the workspace's tus endpoint in 8 MiB chunks, each with its SHA-256, with a
/// progress bar. An interrupted upload resumes where the server has it when the same command runs again (the upload's
/// address is kept under the file's fingerprint until it completes).
/// </summary>
public sealed class Upload(Connection connection, CliContext context)
{
    public const int ChunkBytes = 8 << 20;
    private const string TusVersion = "1.0.0";

    public sealed record Result(Guid FileId, string Name, long Bytes, bool Resumed);

    public static string KindOf(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        if (name.EndsWith(".gz", StringComparison.Ordinal) || name.EndsWith(".bgz", StringComparison.Ordinal)) name = Path.GetFileNameWithoutExtension(name);
        return Path.GetExtension(name) switch
        {
            ".fastq" or ".fq" => "fastq",
            ".bam" => "bam",
            ".cram" => "cram",
            ".vcf" => "vcf",
            ".bed" => "bed",
            ".gff3" or ".gff" => "gff3",
            ".fa" or ".fasta" or ".fna" => "fasta",
            _ => throw new CliException(ExitCodes.Usage, $"Cannot tell the kind of {Path.GetFileName(path)} from its name: give --kind (fastq, bam, cram, vcf, bed, gff3, fasta or other)."),
        };
    }

    public async Task<Result> SendAsync(string path, Guid workspaceId, Guid? sampleId, string kind, int? read, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        if (!file.Exists) throw new CliException(ExitCodes.Usage, $"No such file: {path}");
        var pending = new PendingUploads(context.ConfigDirectory);
        var fingerprint = Fingerprint(file, workspaceId, sampleId, kind, read);

        var (address, offset) = pending.Find(fingerprint) is { } known && await OffsetAsync(known, cancellationToken) is { } at
            ? (known, at)
            : (await CreateAsync(file, workspaceId, sampleId, kind, read, cancellationToken), 0L);
        var resumed = offset > 0;
        pending.Remember(fingerprint, address);

        using var progress = new ProgressBar(context, file.Name, file.Length);
        progress.Report(offset);
        await using var stream = file.OpenRead();
        stream.Position = offset;
        var buffer = new byte[ChunkBytes];
        Guid? fileId = null;
        while (fileId is null)
        {
            var count = await stream.ReadAtLeastAsync(buffer, Math.Min(ChunkBytes, (int)Math.Min(int.MaxValue, file.Length - offset)), throwOnEndOfStream: false, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Patch, address) { Content = new ByteArrayContent(buffer, 0, count) };
            request.Content.Headers.ContentType = new("application/offset+octet-stream");
            request.Headers.Add("Tus-Resumable", TusVersion);
            request.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add("Upload-Checksum", "sha256 " + Convert.ToBase64String(SHA256.HashData(buffer.AsSpan(0, count))));
            using var response = await SendAsync(request, cancellationToken);
            offset = long.Parse(response.Headers.GetValues("Upload-Offset").Single(), System.Globalization.CultureInfo.InvariantCulture);
            progress.Report(offset);
            if (response.Headers.TryGetValues("Upload-File-Id", out var ids)) fileId = Guid.Parse(ids.Single());
            else if (count == 0) throw new CliException(ExitCodes.Failed, "The server did not complete the file after its last byte.");
        }
        pending.Forget(fingerprint);
        return new Result(fileId.Value, file.Name, file.Length, resumed);
    }

    private async Task<Uri> CreateAsync(FileInfo file, Guid workspaceId, Guid? sampleId, string kind, int? read, CancellationToken cancellationToken)
    {
        var metadata = new List<string> { Pair("filename", file.Name), Pair("kind", kind) };
        if (sampleId is { } sample) metadata.Add(Pair("sampleId", sample.ToString()));
        if (read is { } number) metadata.Add(Pair("read", number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/organizations/{connection.OrganizationId}/workspaces/{workspaceId}/uploads");
        request.Headers.Add("Tus-Resumable", TusVersion);
        request.Headers.Add("Upload-Length", file.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("Upload-Metadata", string.Join(',', metadata));
        using var response = await SendAsync(request, cancellationToken);
        return new Uri(connection.Http.BaseAddress!, response.Headers.Location ?? throw new CliException(ExitCodes.Failed, "The server created the upload without naming it."));

        static string Pair(string key, string value) => $"{key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}";
    }

    /// <summary>Where the server has the upload, or null when it no longer knows it (expired, completed).</summary>
    private async Task<long?> OffsetAsync(Uri address, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, address);
        request.Headers.Add("Tus-Resumable", TusVersion);
        await connection.AuthorizeAsync(request, cancellationToken);
        using var response = await connection.Http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode && response.Headers.TryGetValues("Upload-Offset", out var values)
            ? long.Parse(values.Single(), System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await connection.AuthorizeAsync(request, cancellationToken);
        var response = await connection.Http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            var status = (int)response.StatusCode;
            var detail = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ? (await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).TryGetProperty("detail", out var d) ? d.GetString() : null
                : null;
            throw new CliException(ExitCodes.ForStatus(status), detail ?? CliException.Status(status));
        }
    }

    private string Fingerprint(FileInfo file, Guid workspaceId, Guid? sampleId, string kind, int? read) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        string.Join('\n', connection.Server, connection.OrganizationId, workspaceId, file.FullName, file.Length, file.LastWriteTimeUtc.Ticks, sampleId, kind, read))));

    /// <summary>Uploads begun and not completed, by fingerprint (uploads.json beside the sign-in).</summary>
    private sealed class PendingUploads(string directory)
    {
        private string FilePath => Path.Combine(directory, "uploads.json");

        public Uri? Find(string fingerprint) => Load().TryGetValue(fingerprint, out var address) ? new Uri(address) : null;

        public void Remember(string fingerprint, Uri address) => Change(all => all[fingerprint] = address.ToString());

        public void Forget(string fingerprint) => Change(all => all.Remove(fingerprint));

        private Dictionary<string, string> Load() => File.Exists(FilePath)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(FilePath)) ?? [] : [];

        private void Change(Action<Dictionary<string, string>> change)
        {
            var all = Load();
            change(all);
            Directory.CreateDirectory(directory);
            File.WriteAllText(FilePath, JsonSerializer.Serialize(all));
        }
    }
}

/// <summary>On a terminal a bar redrawn in place; in a log a line at each tenth.</summary>
public sealed class ProgressBar(CliContext context, string name, long total) : IDisposable
{
    private int lastTenth = -1;

    public void Report(long done)
    {
        var fraction = total == 0 ? 1 : (double)done / total;
        var percent = (int)(fraction * 100);
        if (context.Interactive)
        {
            const int width = 30;
            var filled = (int)(fraction * width);
            context.Error.Write($"\r{name} [{new string('#', filled)}{new string('.', width - filled)}] {percent,3}% {Size(done)} of {Size(total)}");
            return;
        }
        var tenth = percent / 10;
        if (tenth == lastTenth) return;
        lastTenth = tenth;
        context.Error.WriteLine($"{name}: {percent}% ({Size(done)} of {Size(total)})");
    }

    public void Dispose()
    {
        if (context.Interactive) context.Error.WriteLine();
    }

    private static string Size(long bytes) =>
        bytes >= 1 << 30 ? In(bytes / (double)(1 << 30), "GiB") : bytes >= 1 << 20 ? In(bytes / (double)(1 << 20), "MiB") : In(bytes / 1024.0, "KiB");

    private static string In(double value, string unit) => value.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " " + unit;
}

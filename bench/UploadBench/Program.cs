// Uploads through the real host (a separate server process, Release build, SQLite, loopback) against dd writing the
// same number of bytes to the same disk (conv=fsync), in the same run; then 4 concurrent uploads; then HTTP Range reads
// at random offsets. Usage: dotnet run -c Release --project bench/UploadBench -- [GiB=2] [chunkMiB=8]
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

var gib = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2;
var chunkMiB = args.Length > 1 ? int.Parse(args[1]) : 8;
var size = (long)(gib * (1L << 30));
var chunk = chunkMiB << 20;

await using var server = await BenchServer.StartAsync("uploadbench");
var data = server.DataDirectory;
var baseline = Rss(server.Process);

var dd = Stopwatch.StartNew();
BenchServer.Run("dd", $"if=/dev/zero of={Path.Combine(data, "dd.bin")} bs={chunkMiB}M count={size / chunk} conv=fsync status=none", data);
dd.Stop();
File.Delete(Path.Combine(data, "dd.bin"));

var one = Stopwatch.StartNew();
var fileId = await Upload(server, size, chunk);
one.Stop();
var peak = Hwm(server.Process);

var four = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Upload(server, size / 4, chunk)));
four.Stop();

var random = new Random(7);
var reads = 0;
var ranges = Stopwatch.StartNew();
while (ranges.Elapsed < TimeSpan.FromSeconds(10))
{
    var start = random.NextInt64(0, size - 65536);
    using var request = new HttpRequestMessage(HttpMethod.Get, $"{server.Workspace}/files/{fileId}/content");
    request.Headers.Range = new RangeHeaderValue(start, start + 65535);
    using var response = await server.Http.SendAsync(request);
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

static Task<string> Upload(BenchServer server, long size, int chunk)
{
    // FASTQ records repeated: the content check reads real records; the bytes are generated, never stored in git.
    var record = Encoding.ASCII.GetBytes("@read\nACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTACGTAC\n+\nIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII\n");
    // One buffer of whole records plus one spare record: any chunk is a slice of it, whatever its start in a record.
    var buffer = new byte[chunk + record.Length];
    for (var i = 0; i < buffer.Length; i++) buffer[i] = record[i % record.Length];
    size -= size % record.Length; // whole records only
    // Keep record boundaries aligned across chunks: each chunk starts where the previous one stopped in the record.
    return server.UploadAsync(size, chunk, "bench.fq", "fastq", (offset, length) => new ByteArrayContent(buffer, (int)(offset % record.Length), length));
}

static long Rss(Process p) => StatusValue(p, "VmRSS:");
static long Hwm(Process p) => StatusValue(p, "VmHWM:");
static long StatusValue(Process p, string key) =>
    long.Parse(File.ReadLines($"/proc/{p.Id}/status").First(l => l.StartsWith(key)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;

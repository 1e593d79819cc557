using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace VariantMiner.WebApi.Tests.Files;

/// <summary>
/// Resumable uploads (tus 1.0.0) through the real host: creation with a quota reservation, chunks with checksums,
/// completion into a checked file, downloads with Range, and every bad input the protocol allows.
/// </summary>
public class UploadTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;
    private SeededSamples _samples = null!;
    private HttpClient _supervisor = null!;
    private string Workspace => $"/api/organizations/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}";

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Upload Lab");
        await using (var db = Database.CreateContext()) _samples = await SeededSamples.CreateAsync(db, _lab);
        await using (var db = Database.CreateContext())
            await db.Organizations.Where(o => o.Id == _lab.OrganizationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.StorageQuotaBytes, 1L << 30));
        _supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        _seeded = await FileIdsAsync(_supervisor);
    }

    /// <summary>The files the seed already holds (a FASTQ of the sample, a genome and gene models, an analysis output).</summary>
    private IReadOnlyList<Guid> _seeded = [];

    /// <summary>Well-formed FASTQ records, as many as needed for the size.</summary>
    private static byte[] Fastq(int records)
    {
        var text = new StringBuilder();
        for (var i = 0; i < records; i++) text.Append($"@read{i}\nACGTACGTNNACGTACGTAC\n+\nIIIIIIIIIIIIIIIIIIII\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static string Meta(params (string Key, string Value)[] pairs) =>
        string.Join(",", pairs.Select(p => $"{p.Key} {Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))}"));

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, Action<HttpRequestMessage>? configure = null)
    {
        var token = await client.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery");
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-XSRF-TOKEN", token.GetProperty("token").GetString());
        request.Headers.Add("Tus-Resumable", "1.0.0");
        configure?.Invoke(request);
        return await client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> CreateAsync(HttpClient client, long length, string metadata) =>
        await SendAsync(client, HttpMethod.Post, $"{Workspace}/uploads", r =>
        {
            r.Headers.Add("Upload-Length", length.ToString());
            r.Headers.Add("Upload-Metadata", metadata);
        });

    private async Task<string> CreatedAsync(HttpClient client, long length, string metadata)
    {
        var response = await CreateAsync(client, length, metadata);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.OriginalString;
    }

    private Task<HttpResponseMessage> PatchAsync(HttpClient client, string url, long offset, byte[] chunk, string? checksum = null,
        string contentType = "application/offset+octet-stream") =>
        SendAsync(client, HttpMethod.Patch, url, r =>
        {
            r.Headers.Add("Upload-Offset", offset.ToString());
            if (checksum is not null) r.Headers.Add("Upload-Checksum", checksum);
            r.Content = new ByteArrayContent(chunk);
            r.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        });

    private static string Sha256Header(byte[] bytes) => "sha256 " + Convert.ToBase64String(SHA256.HashData(bytes));

    private async Task<(long Used, long Reserved)> StorageAsync()
    {
        await using var db = Database.CreateContext();
        var o = await db.Organizations.AsNoTracking().SingleAsync(x => x.Id == _lab.OrganizationId);
        return (o.StorageUsedBytes, o.StorageReservedBytes);
    }

    [Test]
    public async Task A_file_uploaded_in_checked_chunks_becomes_visible_only_when_complete_and_downloads_byte_identical()
    {
        var content = Fastq(2000);
        var url = await CreatedAsync(_supervisor, content.Length,
            Meta(("filename", "../../etc/NA12878_R1.fastq"), ("kind", "fastq"), ("sampleId", _samples.SampleId.ToString()), ("read", "1")));
        Assert.That(await StorageAsync(), Is.EqualTo((0L, (long)content.Length)), "the declared length is reserved");

        var head = await SendAsync(_supervisor, HttpMethod.Head, url);
        Assert.That(head.Headers.GetValues("Upload-Offset").Single(), Is.EqualTo("0"));
        Assert.That(head.Headers.GetValues("Tus-Resumable").Single(), Is.EqualTo("1.0.0"));

        var half = content.Length / 2;
        var first = await PatchAsync(_supervisor, url, 0, content[..half], Sha256Header(content[..half]));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await first.Content.ReadAsStringAsync());
        Assert.That(first.Headers.GetValues("Upload-Offset").Single(), Is.EqualTo(half.ToString()));
        Assert.That(await FileIdsAsync(_supervisor), Is.EquivalentTo(_seeded), "not visible while incomplete (only the seeded files)");

        var last = await PatchAsync(_supervisor, url, half, content[half..], Sha256Header(content[half..]));
        Assert.That(last.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await last.Content.ReadAsStringAsync());
        var fileId = last.Headers.GetValues("Upload-File-Id").Single();

        var file = await _supervisor.GetFromJsonAsync<JsonElement>($"{Workspace}/files/{fileId}");
        Assert.That(file.GetProperty("name").GetString(), Is.EqualTo("NA12878_R1.fastq"), "path parts removed");
        Assert.That(file.GetProperty("sha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(content))));
        Assert.That((file.GetProperty("sizeBytes").GetInt64(), file.GetProperty("readNumber").GetInt32()), Is.EqualTo(((long)content.Length, 1)));
        Assert.That(await StorageAsync(), Is.EqualTo(((long)content.Length, 0L)), "reserved became used");

        var download = await _supervisor.GetAsync($"{Workspace}/files/{fileId}/content");
        Assert.That(await download.Content.ReadAsByteArrayAsync(), Is.EqualTo(content));
        Assert.That(download.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        Assert.That(download.Headers.CacheControl!.NoStore, Is.True);

        using var range = new HttpRequestMessage(HttpMethod.Get, $"{Workspace}/files/{fileId}/content");
        range.Headers.Range = new RangeHeaderValue(100, 199);
        var partial = await _supervisor.SendAsync(range);
        Assert.That(partial.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(await partial.Content.ReadAsByteArrayAsync(), Is.EqualTo(content[100..200]));

        await using var db = Database.CreateContext();
        Assert.That(await db.AuditRecords.IgnoreQueryFilters().CountAsync(r => r.EntityId == fileId && r.Action == "read"), Is.EqualTo(2),
            "every download is a read of patient data");
    }

    [Test]
    public async Task A_wrong_offset_a_checksum_mismatch_or_a_chunk_beyond_the_length_keeps_nothing_of_the_chunk()
    {
        var content = Fastq(100);
        var url = await CreatedAsync(_supervisor, content.Length, Meta(("filename", "a.fq"), ("kind", "fastq")));
        await Problems.AssertProblemAsync(await PatchAsync(_supervisor, url, 5, content[..10]), HttpStatusCode.Conflict);
        var mismatch = await PatchAsync(_supervisor, url, 0, content[..10], Sha256Header(content[..11]));
        Assert.That((int)mismatch.StatusCode, Is.EqualTo(460));
        await Problems.AssertProblemAsync(await PatchAsync(_supervisor, url, 0, content[..10], contentType: "application/json"), HttpStatusCode.UnsupportedMediaType);
        await Problems.AssertProblemAsync(await PatchAsync(_supervisor, url, 0, [.. content, .. "extra"u8.ToArray()]), HttpStatusCode.RequestEntityTooLarge);
        var head = await SendAsync(_supervisor, HttpMethod.Head, url);
        Assert.That(head.Headers.GetValues("Upload-Offset").Single(), Is.EqualTo("0"), "nothing of the refused chunks was kept");

        Assert.That((await PatchAsync(_supervisor, url, 0, content)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent), "the whole file still goes through");
    }

    [Test]
    public async Task Bad_creations_are_refused_with_a_problem()
    {
        var noTus = await _supervisor.SendUnsafeAsync(HttpMethod.Post, $"{Workspace}/uploads");
        await Problems.AssertProblemAsync(noTus, HttpStatusCode.PreconditionFailed);
        await Problems.AssertProblemAsync(await CreateAsync(_supervisor, -1, Meta(("filename", "a.fq"), ("kind", "fastq"))), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await CreateAsync(_supervisor, 0, Meta(("filename", "a.fq"), ("kind", "fastq"))), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await CreateAsync(_supervisor, long.MaxValue, Meta(("filename", "a.fq"), ("kind", "fastq"))), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await CreateAsync(_supervisor, 10, Meta(("filename", "a.fq"), ("kind", "exe"))), HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(await CreateAsync(_supervisor, 10, "filename not-base64!"), HttpStatusCode.BadRequest);
        Guid other;
        await using (var db = Database.CreateContext())
        {
            var workspace = await TestData.AddWorkspaceAsync(db, _lab.OrganizationId, "Other");
            var sample = new Domain.Samples.Sample(_lab.OrganizationId, workspace.Id, "X", "WGS", null, _lab.Members[BuiltInRole.Supervisor].UserId, DateTimeOffset.UtcNow);
            db.Samples.Add(sample);
            await db.SaveChangesAsync();
            other = sample.Id;
        }
        var wrongSample = await Problems.AssertProblemAsync(
            await CreateAsync(_supervisor, 10, Meta(("filename", "a.fq"), ("kind", "fastq"), ("sampleId", other.ToString()))), HttpStatusCode.BadRequest);
        Assert.That(wrongSample.GetProperty("errors").TryGetProperty("sampleId", out _), Is.True);
        Assert.That(await StorageAsync(), Is.EqualTo((0L, 0L)), "nothing reserved by refused creations");
    }

    [Test]
    public async Task Content_that_is_not_the_declared_kind_is_refused_and_nothing_stays()
    {
        var content = Fastq(50);
        var url = await CreatedAsync(_supervisor, content.Length, Meta(("filename", "reads.bam"), ("kind", "bam")));
        var refused = await Problems.AssertProblemAsync(await PatchAsync(_supervisor, url, 0, content), HttpStatusCode.UnprocessableEntity);
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain("BAM"));
        Assert.That(await StorageAsync(), Is.EqualTo((0L, 0L)));
        Assert.That(await FileIdsAsync(_supervisor), Is.EquivalentTo(_seeded));
        Assert.That((await SendAsync(_supervisor, HttpMethod.Head, url)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var stored = Path.Combine(Database.DataDirectory, "files", _lab.OrganizationId.ToString("N"), url.Split('/').Last().Replace("-", ""));
        Assert.That(File.Exists(stored), Is.False, "no bytes left on disk");
    }

    [Test]
    public async Task Two_uploads_racing_for_the_last_bytes_of_the_quota_exactly_one_wins()
    {
        await using (var db = Database.CreateContext())
            await db.Organizations.Where(o => o.Id == _lab.OrganizationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.StorageQuotaBytes, 1000L));
        var other = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.GroupAdmin].Email);
        for (var round = 0; round < 5; round++)
        {
            var answers = await Task.WhenAll(
                CreateAsync(_supervisor, 600, Meta(("filename", "a.fq"), ("kind", "fastq"))),
                CreateAsync(other, 600, Meta(("filename", "b.fq"), ("kind", "fastq"))));
            Assert.That(answers.Count(a => a.StatusCode == HttpStatusCode.Created), Is.EqualTo(1), $"round {round}");
            var refused = answers.Single(a => a.StatusCode != HttpStatusCode.Created);
            var problem = await Problems.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
            Assert.That(problem.GetProperty("reason").GetString(), Is.EqualTo("storage-quota"));
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("quota of 1000"));
            var winner = answers.Single(a => a.StatusCode == HttpStatusCode.Created);
            var terminate = await SendAsync(winner == answers[0] ? _supervisor : other, HttpMethod.Delete, winner.Headers.Location!.OriginalString);
            Assert.That(terminate.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(await StorageAsync(), Is.EqualTo((0L, 0L)), "termination releases the reservation");
        }
    }

    [Test]
    public async Task Files_follow_their_samples_visibility_and_deleting_one_frees_its_bytes()
    {
        var content = Fastq(10);
        var hiddenSample = await UnassignedSampleAsync();
        var url = await CreatedAsync(_supervisor, content.Length, Meta(("filename", "hidden.fq"), ("kind", "fastq"), ("sampleId", hiddenSample.ToString())));
        var fileId = (await PatchAsync(_supervisor, url, 0, content)).Headers.GetValues("Upload-File-Id").Single();

        var writer = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.ReportWriter].Email);
        Assert.That(await FileIdsAsync(writer), Does.Not.Contain(Guid.Parse(fileId)));
        Assert.That(await FileIdsAsync(_supervisor), Does.Contain(Guid.Parse(fileId)));
        await Problems.AssertProblemAsync(await writer.GetAsync($"{Workspace}/files/{fileId}"), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await writer.GetAsync($"{Workspace}/files/{fileId}/content"), HttpStatusCode.NotFound);
        // With role-based access off everyone sees every sample, and so its files.
        Assert.That((await _supervisor.SendUnsafeAsync(HttpMethod.Put, $"/api/organizations/{_lab.OrganizationId}/settings/access-control",
            new { roleBasedAccessEnabled = false })).IsSuccessStatusCode, Is.True);
        Assert.That(await FileIdsAsync(writer), Does.Contain(Guid.Parse(fileId)));
        Assert.That((await writer.GetAsync($"{Workspace}/files/{fileId}/content")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await _supervisor.SendUnsafeAsync(HttpMethod.Put, $"/api/organizations/{_lab.OrganizationId}/settings/access-control", new { roleBasedAccessEnabled = true });

        var analyst = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email);
        await Problems.AssertProblemAsync(await analyst.SendUnsafeAsync(HttpMethod.Delete, $"{Workspace}/files/{fileId}"), HttpStatusCode.NotFound);
        Assert.That((await SendAsync(analyst, HttpMethod.Head, url)).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "an upload is its creator's");

        Assert.That((await _supervisor.SendUnsafeAsync(HttpMethod.Delete, $"{Workspace}/files/{fileId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await StorageAsync(), Is.EqualTo((0L, 0L)));
        var stored = Path.Combine(Database.DataDirectory, "files", _lab.OrganizationId.ToString("N"), Guid.Parse(fileId).ToString("N"));
        Assert.That(File.Exists(stored), Is.False);
    }

    private async Task<IReadOnlyList<Guid>> FileIdsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>($"{Workspace}/files")).EnumerateArray().Select(f => f.GetProperty("id").GetGuid()).ToList();

    private async Task<Guid> UnassignedSampleAsync()
    {
        await using var db = Database.CreateContext();
        var sample = new Domain.Samples.Sample(_lab.OrganizationId, _lab.WorkspaceId, "Unassigned", "WES", null, _lab.Members[BuiltInRole.Supervisor].UserId, DateTimeOffset.UtcNow);
        db.Samples.Add(sample);
        await db.SaveChangesAsync();
        return sample.Id;
    }
}

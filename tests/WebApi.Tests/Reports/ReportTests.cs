using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using VariantMiner.Application.Files;
using VariantMiner.Infrastructure.Identity;

namespace VariantMiner.WebApi.Tests.Reports;

/// <summary>
/// Reports through the real host with Debian's Chromium rendering the PDFs: a Report Writer drafts, cannot sign; a
/// signature needs the password again (a wrong one: 403, nothing changes, one more failed attempt), and records name,
/// UTC time and meaning in a PDF read back with PdfPig; a signed version cannot change — not through the API (409), not
/// by SQL (the trigger); an amendment is version 2 while version 1 stays byte for byte; the report of an analysis one
/// cannot see is 404; later classifications do not change what was signed.
/// </summary>
public class ReportTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;
    private SeededSamples _samples = null!;

    private string Reports => $"/api/organizations/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}/reports";

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Report Lab");
        await using (var db = Database.CreateContext()) _samples = await SeededSamples.CreateAsync(db, _lab, Factory.Services.GetRequiredService<IFileStore>());
    }

    private Task<HttpClient> AsAsync(BuiltInRole role) => Factory.SignedInClientAsync(_lab.Members[role].Email);

    private async Task<JsonElement> DraftAsync(HttpClient writer, params int[] variantIds)
    {
        var created = await writer.PostUnsafeAsync(Reports, new
        {
            analysisId = _samples.CompleteAnalysisId,
            title = "Epilepsy panel — P-0001",
            variantIds,
            interpretation = "A heterozygous missense variant in vmA1 <script>alert(1)</script>.",
            conclusion = "Likely pathogenic variant explains the phenotype.",
            limitations = "Coverage below 20x in 3% of the panel.",
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        return await created.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string TextOf(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        // Compatibility-normalised: the PDF's fonts draw "fi", "ff"… as one ligature glyph.
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text)))).Normalize(NormalizationForm.FormKC);
    }

    private async Task<byte[]> PdfAsync(HttpClient client, Guid reportId, int? version = null)
    {
        var response = await client.GetAsync($"{Reports}/{reportId}/pdf{(version is null ? "" : $"?version={version}")}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Test]
    public async Task A_report_writer_drafts_a_curator_signs_with_the_password_and_the_pdf_carries_the_signature()
    {
        var writer = await AsAsync(BuiltInRole.ReportWriter);
        var draft = await DraftAsync(writer, 1);
        var id = draft.GetProperty("id").GetGuid();
        var current = draft.GetProperty("versions")[0];
        Assert.That((current.GetProperty("number").GetInt32(), current.GetProperty("status").GetString()), Is.EqualTo((1, "registered")));

        var draftPdf = TextOf(await PdfAsync(writer, id));
        Assert.That(draftPdf, Does.Contain("DRAFT").And.Contain("vmA1").And.Contain("not signed"));
        Assert.That(draftPdf, Does.Contain("<script>alert(1)</script>"), "people's text is printed as text, never as markup");

        var refused = await writer.PostUnsafeAsync($"{Reports}/{id}/sign", new { password = BrowserClientExtensions.Password, meaning = "approved" });
        Assert.That((await Problems.AssertProblemAsync(refused, HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), Does.Contain("reports.sign"));

        var curator = await AsAsync(BuiltInRole.ClinicalCurator);
        var signedResponse = await curator.PostUnsafeAsync($"{Reports}/{id}/sign", new { password = BrowserClientExtensions.Password, meaning = "approved" });
        Assert.That(signedResponse.StatusCode, Is.EqualTo(HttpStatusCode.OK), await signedResponse.Content.ReadAsStringAsync());
        var version = (await signedResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions")[0];
        Assert.That(version.GetProperty("status").GetString(), Is.EqualTo("final"));
        var signature = version.GetProperty("signature");
        Assert.That(signature.GetProperty("meaning").GetString(), Is.EqualTo("approved"));
        Assert.That(signature.GetProperty("signedAt").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));

        var response = await curator.GetAsync($"{Reports}/{id}/pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        Assert.That(sha256, Is.EqualTo(signature.GetProperty("pdfSha256").GetString()), "the PDF served is the one signed");
        Assert.That(response.Headers.GetValues("X-Content-SHA256").Single(), Is.EqualTo(sha256));
        var text = TextOf(pdf);
        string snapshot;
        await using (var db = Database.CreateContext())
            snapshot = await db.ReportVersions.IgnoreQueryFilters().Where(v => v.ReportId == id).Select(v => v.Snapshot!).SingleAsync();
        var curatorName = await CuratorNameAsync();
        Assert.That(text, Does.Contain($"Electronically signed by {curatorName}").And.Contain("Meaning: approved").And.Contain("UTC"));
        Assert.That(text, Does.Contain("Content SHA-256: " + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(snapshot)))));
        // The classification and its evidence as they were when signed (PM2, PP3: likely pathogenic).
        Assert.That(text, Does.Contain("P-0001").And.Contain("NA12878").And.Contain("Evidence: PM2, PP3").And.Not.Contain("DRAFT"));
        Assert.That(snapshot, Does.Contain("\"classification\":\"likely-pathogenic\""));

        // Every view and download is in the audit trail.
        await using var read = Database.CreateContext();
        Assert.That(await read.AuditRecords.IgnoreQueryFilters().CountAsync(a => a.EntityId == id.ToString() && a.Action == "read"), Is.GreaterThanOrEqualTo(2));
    }

    private async Task<string> CuratorNameAsync()
    {
        await using var db = Database.CreateContext();
        return await db.Users.Where(u => u.Id == _lab.Members[BuiltInRole.ClinicalCurator].UserId).Select(u => u.DisplayName).SingleAsync();
    }

    [Test]
    public async Task A_wrong_password_is_403_changes_nothing_and_counts_towards_the_lockout()
    {
        var curator = await AsAsync(BuiltInRole.ClinicalCurator);
        var id = (await DraftAsync(curator, 1)).GetProperty("id").GetGuid();
        var users = Factory.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var account = (await users.FindByIdAsync(_lab.Members[BuiltInRole.ClinicalCurator].UserId.ToString()))!;
        await users.SetLockoutEnabledAsync(account, true); // as for every registered account (seeded ones are written directly)
        var wrong = await curator.PostUnsafeAsync($"{Reports}/{id}/sign", new { password = "not the password at all", meaning = "approved" });
        Assert.That((await Problems.AssertProblemAsync(wrong, HttpStatusCode.Forbidden)).GetProperty("detail").GetString(), Does.Contain("password is not right"));

        await using var db = Database.CreateContext();
        var version = await db.ReportVersions.IgnoreQueryFilters().SingleAsync(v => v.ReportId == id);
        Assert.That((version.SignedAt, version.Status.ToString()), Is.EqualTo(((DateTimeOffset?)null, "Registered")));
        Assert.That(await db.ReportDocuments.IgnoreQueryFilters().CountAsync(d => d.VersionId == version.Id), Is.Zero);
        account = (await Factory.Services.CreateScope().ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>()
            .FindByIdAsync(_lab.Members[BuiltInRole.ClinicalCurator].UserId.ToString()))!;
        Assert.That(account.AccessFailedCount, Is.EqualTo(1), "one more failed attempt");

        var noMeaning = await curator.PostUnsafeAsync($"{Reports}/{id}/sign", new { password = BrowserClientExtensions.Password, meaning = "looked at it" });
        Assert.That((await Problems.AssertProblemAsync(noMeaning, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("meaning", out _), Is.True);
    }

    [Test]
    public async Task A_signed_version_never_changes_and_an_amendment_is_a_new_version()
    {
        var curator = await AsAsync(BuiltInRole.ClinicalCurator);
        var id = (await DraftAsync(curator, 1)).GetProperty("id").GetGuid();
        Assert.That((await curator.PostUnsafeAsync($"{Reports}/{id}/sign", new { password = BrowserClientExtensions.Password, meaning = "approved" })).StatusCode,
            Is.EqualTo(HttpStatusCode.OK));
        var first = await PdfAsync(curator, id, 1);

        var edit = await curator.SendUnsafeAsync(HttpMethod.Patch, $"{Reports}/{id}", new { conclusion = "Changed after signing." });
        Assert.That((await Problems.AssertProblemAsync(edit, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), Does.Contain("amendment"));

        // Not even the database lets a signed version change.
        await using (var db = Database.CreateContext())
        {
            Assert.That(async () => await db.Database.ExecuteSqlRawAsync(
                    "UPDATE \"ReportVersions\" SET \"SignatureMeaning\" = 'reviewed' WHERE \"ReportId\" = {0}", id),
                Throws.Exception.With.Message.Contains("never changed").Or.InnerException.With.Message.Contains("never changed"));
            Assert.That(async () => await db.Database.ExecuteSqlRawAsync("UPDATE \"ReportDocuments\" SET \"Sha256\" = 'x'"),
                Throws.Exception.With.Message.Contains("never changed").Or.InnerException.With.Message.Contains("never changed"));
        }

        // The classification changes later: the signed report still says what it said.
        await curator.SendUnsafeAsync(HttpMethod.Put, $"/api/organizations/{_lab.OrganizationId}/classifications/WBcel235:CHROMOSOME_I:1500:G:A",
            new { classification = "benign", evidence = "BA1" });
        Assert.That(TextOf(await PdfAsync(curator, id, 1)), Does.Contain("Evidence: PM2, PP3").And.Not.Contain("BA1"));

        var amended = await curator.PostUnsafeAsync($"{Reports}/{id}/amendments", new { kind = "amended", reason = "The classification of vmA1 changed." });
        Assert.That(amended.StatusCode, Is.EqualTo(HttpStatusCode.OK), await amended.Content.ReadAsStringAsync());
        var patched = await curator.SendUnsafeAsync(HttpMethod.Patch, $"{Reports}/{id}", new { conclusion = "No variant explains the phenotype." });
        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), await patched.Content.ReadAsStringAsync());
        var signed = await curator.PostUnsafeAsync($"{Reports}/{id}/sign", new { password = BrowserClientExtensions.Password, meaning = "approved" });
        var versions = (await signed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions");
        Assert.That(versions.EnumerateArray().Select(v => (v.GetProperty("number").GetInt32(), v.GetProperty("status").GetString())),
            Is.EqualTo(new[] { (2, "amended"), (1, "final") }));
        Assert.That(TextOf(await PdfAsync(curator, id, 2)), Does.Contain("No variant explains the phenotype").And.Contain("Evidence: BA1").And.Contain("Why this version").And.Contain("vmA1 changed"));
        Assert.That(await PdfAsync(curator, id, 1), Is.EqualTo(first), "version 1 stays downloadable byte for byte");
    }

    [Test]
    public async Task Under_the_two_person_rule_a_report_is_final_only_with_another_persons_signature_and_carries_the_letterhead()
    {
        var supervisor = await AsAsync(BuiltInRole.Supervisor);
        var preferences = $"/api/organizations/{_lab.OrganizationId}/settings/reports";
        const string Png = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        var gif = await supervisor.SendUnsafeAsync(HttpMethod.Put, preferences, new { logo = "data:image/png;base64,R0lGODlhAQABAAAAACw=", requireSecondSignature = true });
        Assert.That((await Problems.AssertProblemAsync(gif, HttpStatusCode.BadRequest)).GetProperty("detail").GetString(), Does.Contain("PNG or JPEG"),
            "the image's own bytes decide, not the type it claims");
        var set = await supervisor.SendUnsafeAsync(HttpMethod.Put, preferences,
            new { header = "City Genomics Laboratory", footer = "Accredited laboratory no. 1234", logo = Png, requireSecondSignature = true });
        Assert.That(set.StatusCode, Is.EqualTo(HttpStatusCode.OK), await set.Content.ReadAsStringAsync());
        Assert.That((await (await AsAsync(BuiltInRole.ReportWriter)).GetFromJsonAsync<JsonElement>(preferences)).GetProperty("logo").GetString(), Is.EqualTo(Png));

        var curator = await AsAsync(BuiltInRole.ClinicalCurator);
        var id = (await DraftAsync(curator, 1)).GetProperty("id").GetGuid();
        var first = await curator.PostUnsafeAsync($"{Reports}/{id}/sign", new { password = BrowserClientExtensions.Password, meaning = "reviewed" });
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK), await first.Content.ReadAsStringAsync());
        var waiting = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions")[0];
        Assert.That((waiting.GetProperty("status").GetString(), waiting.GetProperty("signature").ValueKind), Is.EqualTo(("preliminary", JsonValueKind.Null)));
        Assert.That(waiting.GetProperty("firstSignature").GetProperty("meaning").GetString(), Is.EqualTo("reviewed"));
        await Problems.AssertProblemAsync(await curator.SendUnsafeAsync(HttpMethod.Patch, $"{Reports}/{id}", new { conclusion = "Changed." }), HttpStatusCode.Conflict);
        var again = await curator.PostUnsafeAsync($"{Reports}/{id}/sign", new { password = BrowserClientExtensions.Password, meaning = "approved" });
        Assert.That((await Problems.AssertProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("detail").GetString(), Does.Contain("another person"));
        // What the first signature froze, the database keeps too (whoever sends the UPDATE).
        await using (var db = Database.CreateContext())
        {
            Assert.That(async () => await db.Database.ExecuteSqlRawAsync("UPDATE \"ReportVersions\" SET \"Content\" = 'changed' WHERE \"ReportId\" = {0}", id),
                Throws.Exception.With.Message.Contains("never changed"));
            Assert.That(async () => await db.Database.ExecuteSqlRawAsync("UPDATE \"ReportVersions\" SET \"FirstSignatureMeaning\" = 'approved' WHERE \"ReportId\" = {0}", id),
                Throws.Exception.With.Message.Contains("never changed"));
        }
        await using (var db = Database.CreateContext())
            Assert.That(await db.ReportDocuments.IgnoreQueryFilters().CountAsync(d => d.OrganizationId == _lab.OrganizationId && d.Sha256 != ""), Is.EqualTo(1),
                "only the seeded signed report has a PDF: one signature is not final");

        var second = await supervisor.PostUnsafeAsync($"{Reports}/{id}/sign", new { password = BrowserClientExtensions.Password, meaning = "approved" });
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK), await second.Content.ReadAsStringAsync());
        Assert.That((await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("versions")[0].GetProperty("status").GetString(), Is.EqualTo("final"));
        var text = TextOf(await PdfAsync(curator, id));
        Assert.That(text, Does.Contain($"First signed by {await CuratorNameAsync()}").And.Contain("Meaning: reviewed").And.Contain("Meaning: approved"));
        Assert.That(text, Does.Contain("City Genomics Laboratory").And.Contain("Accredited laboratory no. 1234"));
    }

    [Test]
    public async Task Reports_of_an_analysis_one_cannot_see_are_not_found_and_foreign_variants_are_refused()
    {
        var curator = await AsAsync(BuiltInRole.ClinicalCurator);
        var foreign = await curator.PostUnsafeAsync(Reports, new { analysisId = _samples.CompleteAnalysisId, title = "Bad", variantIds = new[] { 1, 99 } });
        Assert.That((await Problems.AssertProblemAsync(foreign, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("variantIds")[0].GetString(),
            Does.Contain("99"));

        await using (var db = Database.CreateContext())
        {
            var sample = await db.Samples.IgnoreQueryFilters().Include(s => s.Assignments).SingleAsync(s => s.Id == _samples.SampleId);
            sample.Unassign(_lab.Members[BuiltInRole.ReportWriter].UserId);
            await db.SaveChangesAsync();
        }
        var writer = await AsAsync(BuiltInRole.ReportWriter);
        await Problems.AssertProblemAsync(await writer.GetAsync($"{Reports}/{_samples.SignedReportId}"), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await writer.GetAsync($"{Reports}/{_samples.SignedReportId}/pdf"), HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(await writer.SendUnsafeAsync(HttpMethod.Patch, $"{Reports}/{_samples.ReportId}", new { conclusion = "x" }), HttpStatusCode.NotFound);
        Assert.That((await writer.GetFromJsonAsync<JsonElement>(Reports)).GetArrayLength(), Is.Zero, "the list shows none of them");
    }
}

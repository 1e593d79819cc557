using VariantMiner.Domain.Auditing;
using static VariantMiner.Domain.Authorization.BuiltInRole;

namespace VariantMiner.WebApi.Tests.Security;

/// <summary>
/// Every write of every feature leaves exactly the expected audit rows, in the same transaction; rows are append-only
/// (the database refuses changes) and chained (verify names a row that does not fit); the trail is listed and exported.
/// </summary>
public class AuditTrailTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;
    private HttpClient _supervisor = null!;
    private string Org => $"/api/organizations/{_lab.OrganizationId}";
    private string Workspace => $"{Org}/workspaces/{_lab.WorkspaceId}";

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Audit Lab");
        _supervisor = await Factory.SignedInClientAsync(_lab.Members[Supervisor].Email);
    }

    private async Task<List<AuditRecord>> RowsAsync(Guid? organizationId = null)
    {
        await using var db = Database.CreateContext();
        var id = organizationId ?? _lab.OrganizationId;
        return await db.AuditRecords.IgnoreQueryFilters().Where(r => r.OrganizationId == id).OrderBy(r => r.Sequence).ToListAsync();
    }

    /// <summary>The (entity, action) pairs a call adds to the trail, sorted.</summary>
    private async Task<string[]> TrailOfAsync(Func<Task<HttpResponseMessage>> call)
    {
        var before = (await RowsAsync()).Count;
        var response = await call();
        Assert.That(response.IsSuccessStatusCode, Is.True, await response.Content.ReadAsStringAsync());
        return (await RowsAsync()).Skip(before).Select(r => $"{r.EntityType} {r.Action}").Order().ToArray();
    }

    private static JsonElement Changes(AuditRecord row) => JsonDocument.Parse(row.Changes).RootElement;

    [Test]
    public async Task Organization_settings_leave_one_update_row_with_old_and_new_values()
    {
        var trail = await TrailOfAsync(() => _supervisor.SendUnsafeAsync(HttpMethod.Patch, Org, new { description = "Audited" }));
        Assert.That(trail, Is.EqualTo(new[] { "Organization update" }));
        var row = (await RowsAsync()).Last();
        Assert.That(Changes(row).GetProperty("Description").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.GetString()),
            Is.EqualTo(new[] { null, "Audited" }));
        Assert.That(row.ActorUserId, Is.EqualTo(_lab.Members[Supervisor].UserId));
        Assert.That(row.RequestId, Is.Not.Null.And.Not.Empty);

        trail = await TrailOfAsync(() => _supervisor.SendUnsafeAsync(HttpMethod.Put, $"{Org}/settings/access-control", new { roleBasedAccessEnabled = false }));
        Assert.That(trail, Is.EqualTo(new[] { "Organization update" }));
    }

    [Test]
    public async Task Workspaces_and_people_leave_their_rows()
    {
        Assert.That(await TrailOfAsync(() => _supervisor.PostUnsafeAsync($"{Org}/workspaces", new { name = "Audited" })),
            Is.EqualTo(new[] { "Membership update", "Workspace create", "WorkspaceGrant create" }), "the creator's grant changes their membership's version");
        Assert.That(await TrailOfAsync(() => _supervisor.SendUnsafeAsync(HttpMethod.Patch, $"{Org}/members/{_lab.TargetUserId}",
            new { roleId = _lab.CustomRoleId })), Is.EqualTo(new[] { "Membership update" }));
        Assert.That(await TrailOfAsync(() => _supervisor.SendUnsafeAsync(HttpMethod.Delete, $"{Org}/workspaces/{_lab.WorkspaceId}/access/{_lab.TargetUserId}")),
            Is.EqualTo(new[] { "Membership update", "WorkspaceGrant delete" }));
    }

    [Test]
    public async Task Roles_and_invitations_leave_their_rows_and_never_a_token_hash()
    {
        Assert.That(await TrailOfAsync(() => _supervisor.PostUnsafeAsync($"{Org}/roles",
                new { name = "Auditor", permissions = new[] { "organization.audit.view", "samples.view.all" } })),
            Is.EqualTo(new[] { "Role create", "RolePermission create", "RolePermission create" }));
        Assert.That(await TrailOfAsync(() => _supervisor.PostUnsafeAsync($"{Org}/invitations",
                new { email = "audited@lab.example", workspaceIds = new[] { _lab.WorkspaceId } })),
            Is.EqualTo(new[] { "Invitation create", "InvitationWorkspace create" }));
        Assert.That(await TrailOfAsync(() => _supervisor.PostUnsafeAsync($"{Org}/invitations/{_lab.InvitationId}/resend")),
            Is.EqualTo(new[] { "Invitation update" }));
        Assert.That((await RowsAsync()).Select(r => r.Changes), Has.None.Contains("TokenHash"));
    }

    [Test]
    public async Task Samples_and_subjects_leave_their_rows()
    {
        Assert.That(await TrailOfAsync(() => _supervisor.PostUnsafeAsync($"{Workspace}/subjects", new { externalId = "P-AUDIT" })),
            Is.EqualTo(new[] { "Subject create" }));
        var created = await _supervisor.PostUnsafeAsync($"{Workspace}/samples", new { name = "Audited", assay = "WGS" });
        var sampleId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var rows = await RowsAsync();
        Assert.That(rows.TakeLast(2).Select(r => $"{r.EntityType} {r.Action}").Order(), Is.EqualTo(new[] { "Sample create", "SampleAssignment create" }));
        Assert.That(rows.Last().WorkspaceId, Is.EqualTo(_lab.WorkspaceId));
        Assert.That(await TrailOfAsync(() => _supervisor.SendUnsafeAsync(HttpMethod.Delete, $"{Workspace}/samples/{sampleId}")),
            Is.EqualTo(new[] { "Sample update" }), "deleting moves it to the trash (DeletedAt); the purge deletes the rows, audited too (TrashTests)");
        Assert.That(await TrailOfAsync(() => _supervisor.PostUnsafeAsync($"{Workspace}/trash/samples/{sampleId}/restore")), Is.EqualTo(new[] { "Sample update" }));
    }

    [Test]
    public async Task Reading_subjects_patient_data_leaves_a_read_row_per_subject_read()
    {
        var created = await _supervisor.PostUnsafeAsync($"{Workspace}/subjects", new { externalId = "P-READ", dateOfBirth = "1980-01-02" });
        var subjectId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await _supervisor.PostUnsafeAsync($"{Workspace}/subjects", new { externalId = "P-READ-2" });

        Assert.That(await TrailOfAsync(() => _supervisor.GetAsync($"{Workspace}/subjects/{subjectId}")), Is.EqualTo(new[] { "Subject read" }));
        Assert.That(await TrailOfAsync(() => _supervisor.GetAsync($"{Workspace}/subjects")), Is.EqualTo(new[] { "Subject read", "Subject read" }));
        var rows = await RowsAsync();
        Assert.That(rows.Last().ActorUserId, Is.EqualTo(_lab.Members[Supervisor].UserId));
        Assert.That(rows.Where(r => r.Action == AuditRecord.Read).Select(r => r.EntityId), Does.Contain(subjectId.ToString()));
    }

    [Test]
    public async Task A_refused_command_leaves_no_row()
    {
        var before = (await RowsAsync()).Count;
        var refused = await _supervisor.PostUnsafeAsync($"{Org}/workspaces", new { name = "Genomes" }); // the name is taken
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await RowsAsync()).Count, Is.EqualTo(before));
    }

    [Test]
    public async Task The_database_refuses_to_change_or_remove_an_audit_row()
    {
        await _supervisor.SendUnsafeAsync(HttpMethod.Patch, Org, new { description = "Audited" });
        var row = (await RowsAsync()).Last();
        await using var db = Database.CreateContext();
        Assert.That(async () => await db.Database.ExecuteSqlAsync($"""UPDATE "AuditRecords" SET "Changes" = {"{}"} WHERE "Id" = {row.Id}"""),
            Throws.Exception.With.Message.Contains("append-only"));
        Assert.That(async () => await db.Database.ExecuteSqlAsync($"""DELETE FROM "AuditRecords" WHERE "Id" = {row.Id}"""),
            Throws.Exception.With.Message.Contains("append-only"));
        Assert.That((await RowsAsync()).Last().Hash, Is.EqualTo(row.Hash));
    }

    [Test]
    public async Task Verify_accepts_the_chain_and_names_a_row_inserted_out_of_chain()
    {
        await _supervisor.SendUnsafeAsync(HttpMethod.Patch, Org, new { description = "One" });
        await _supervisor.SendUnsafeAsync(HttpMethod.Patch, Org, new { description = "Two" });
        var intact = await _supervisor.GetFromJsonAsync<JsonElement>($"{Org}/audit/verify");
        Assert.That(intact.GetProperty("intact").GetBoolean(), Is.True, intact.ToString());
        Assert.That(intact.GetProperty("rowCount").GetInt64(), Is.EqualTo(2));

        // A forged row appended behind the application's back, pointing at a made-up predecessor.
        var forged = Guid.CreateVersion7();
        object now = Provider == DatabaseProvider.Sqlite ? DateTime.UtcNow : DateTimeOffset.UtcNow;
        await using (var db = Database.CreateContext())
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "AuditRecords" ("Id","OrganizationId","Sequence","EntityType","EntityId","Action","Changes","OccurredAt","PreviousHash","Hash")
                VALUES ({forged},{_lab.OrganizationId},{3L},'Organization','x','update',{"{}"},{now},'forged','forged')
                """);
        var broken = await _supervisor.GetFromJsonAsync<JsonElement>($"{Org}/audit/verify");
        Assert.That(broken.GetProperty("intact").GetBoolean(), Is.False);
        Assert.That(broken.GetProperty("firstBrokenSequence").GetInt64(), Is.EqualTo(3));
        Assert.That(broken.GetProperty("firstBrokenId").GetGuid(), Is.EqualTo(forged));
    }

    [Test]
    public async Task The_trail_is_listed_with_filters_and_exported_as_csv()
    {
        await _supervisor.SendUnsafeAsync(HttpMethod.Patch, Org, new { description = "Listed" });
        await _supervisor.PostUnsafeAsync($"{Org}/workspaces", new { name = "Listed" });
        var page = await _supervisor.GetFromJsonAsync<JsonElement>($"{Org}/audit?entityType=Workspace&limit=10");
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(i => i.GetProperty("entityType").GetString()), Is.EqualTo(new[] { "Workspace" }));
        Assert.That(items[0].GetProperty("actorName").GetString(), Is.Not.EqualTo("System"));

        var export = await _supervisor.GetAsync($"{Org}/audit/export?format=csv");
        Assert.That(export.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/csv"));
        Assert.That(export.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("attachment"));
        var lines = (await export.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.StartWith("sequence,occurred_at_utc"));
        Assert.That(lines.Length - 1, Is.EqualTo((await RowsAsync()).Count));

        var analyst = await Factory.SignedInClientAsync(_lab.Members[Analyst].Email);
        await Problems.AssertProblemAsync(await analyst.GetAsync($"{Org}/audit"), HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(await analyst.GetAsync($"{Org}/audit/export"), HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task Deleting_the_organization_keeps_its_audit_rows_and_records_the_deletion()
    {
        await _supervisor.SendUnsafeAsync(HttpMethod.Patch, Org, new { description = "Before deletion" });
        var deleted = await _supervisor.SendUnsafeAsync(HttpMethod.Delete, Org, new { confirmName = "Audit Lab" });
        Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await deleted.Content.ReadAsStringAsync());

        var rows = await RowsAsync();
        Assert.That(rows.Select(r => $"{r.EntityType} {r.Action}"), Is.EqualTo(new[] { "Organization update", "Organization delete" }));
        await using var db = Database.CreateContext();
        Assert.That(await db.Organizations.AnyAsync(o => o.Id == _lab.OrganizationId), Is.False);
        Assert.That(await db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.OrganizationId == _lab.OrganizationId), Is.False);
    }
}

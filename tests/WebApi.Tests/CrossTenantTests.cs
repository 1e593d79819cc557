namespace VariantMiner.WebApi.Tests;

/// <summary>
/// Tenant isolation: a member of organization B, holding every permission there, uses organization A's ids on every
/// organization-scoped endpoint (enumerated, so new endpoints are covered) and always gets 404, for reads and
/// writes; nested routes check the parent. Afterwards nothing of A has changed.
/// </summary>
public class CrossTenantTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _a = null!;
    private SeededLab _b = null!;
    /// <summary>A's route values: its workspace, members and roles, and its sample, files, workflow, bundle and runs.</summary>
    private Dictionary<string, Guid> _aIds = null!;

    [SetUp]
    public async Task SeedTwoLabs()
    {
        await using (var db = Database.CreateContext())
        {
            _a = await SeededLab.CreateAsync(db, "Lab A");
            _b = await SeededLab.CreateAsync(db, "Lab B");
        }
        SeededSamples a;
        await using (var db = Database.CreateContext()) a = await SeededSamples.CreateAsync(db, _a);
        _aIds = new Dictionary<string, Guid>(_a.RouteValues)
        {
            ["sampleId"] = a.SampleId,
            ["subjectId"] = a.SubjectId,
            ["uploadId"] = a.UploadId,
            ["fileId"] = a.FileId,
            ["referenceId"] = a.ReferenceId,
            ["workflowId"] = a.WorkflowId,
            ["analysisId"] = a.AnalysisId,
            ["noteId"] = a.NoteId,
            ["geneListId"] = a.GeneListId,
            ["filterSetId"] = a.FilterSetId,
            ["savedSearchId"] = a.SavedSearchId,
            ["tokenId"] = a.TokenId,
            ["clientId"] = a.OrganizationClientId,
            ["reportId"] = a.SignedReportId,
            ["orderId"] = a.OrderId,
            ["notificationId"] = a.NotificationId,
            ["bookmarkId"] = a.BookmarkId,
        };
    }

    private IReadOnlyList<ApiEndpointCatalog.ApiEndpoint> OrganizationEndpoints()
    {
        var endpoints = ApiEndpointCatalog.All(Factory.Services).Where(e => e.IsOrganizationScoped).ToList();
        Assert.That(endpoints, Has.Count.GreaterThanOrEqualTo(14));
        return endpoints;
    }

    /// <summary>A body that would do real damage if it got through: A's own name as delete confirmation, etc.</summary>
    private object DamagingBody() => new
    {
        name = "Hijacked",
        description = "Hijacked",
        confirmName = _a.Name,
        roleBasedAccessEnabled = false,
        organizationId = _a.OrganizationId,
        roleId = _a.CustomRoleId,
        position = "Hijacked",
        permissions = Permissions.All,
        email = "intruder@lab-b.example",
        allowedEmailDomains = new[] { "lab-b.example" },
        assay = "WGS",
        externalId = "Hijacked",
        sampleIds = Array.Empty<Guid>(),
        pipeline = "germline-fastq",
        kind = "gene-list",
        deleteFastqDaysAfterAnalysis = 1,
        version = Guid.CreateVersion7().ToString(), // a sample's concurrency token, a bundle's version text
        genomeBuild = "hijacked",
        genomeFileId = Guid.CreateVersion7(),
        userIds = Array.Empty<Guid>(),
        mode = "replace",
        csv = "sample,assay\nHijacked,WGS",
        storageQuotaBytes = 0,
        classification = "benign",
        evidence = "Hijacked",
        text = "Hijacked",
        tags = new[] { "hijacked" },
        genes = new[] { "HIJACK" },
        filters = new { zygosity = "het" },
        minimumPasswordLength = 128, // a security policy that would stop A's members
        requireTwoFactor = true,
        personalAccessTokensAllowed = false,
        maxTokenLifetimeDays = 1,
        expiresInDays = 1,
        enabled = true, // an institution sign-in that would send A's people to B's provider
        issuer = "https://idp.lab-b.example",
        clientId = "hijacked",
        clientSecret = "hijacked",
        emailDomains = new[] { "lab-a.example" },
        defaultRoleId = _a.CustomRoleId,
        justInTimeMembership = true,
        required = true,
        analysisId = Guid.CreateVersion7(),
        settings = new[] { new { @event = "report.signed", inApp = false, email = false, audience = "everyone" } }, // silence A's notifications
        targetId = Guid.CreateVersion7(),
        workspaceId = _a.WorkspaceId,
        title = "Hijacked",
        conclusion = "Hijacked",
        password = BrowserClientExtensions.Password,
        meaning = "approved",
        reason = "Hijacked",
        orderingClinician = "Hijacked",
        test = "Hijacked",
        header = "Hijacked",
        requireSecondSignature = true,
        status = "cancelled",
    };

    [Test]
    public async Task Every_endpoint_with_another_organizations_ids_answers_404_and_changes_nothing()
    {
        var before = await SnapshotAAsync();
        var intruder = await Factory.SignedInClientAsync(_b.Members[BuiltInRole.Supervisor].Email);
        var ids = _aIds;

        foreach (var endpoint in OrganizationEndpoints())
        {
            var response = await SendAsync(intruder, endpoint, ids);
            await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        }

        Assert.That(await SnapshotAAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Nested_routes_check_the_parent_organization_of_workspaces_and_members()
    {
        var before = await SnapshotAAsync();
        var intruder = await Factory.SignedInClientAsync(_b.Members[BuiltInRole.Supervisor].Email);
        // My own organization, with A's workspace, member, role and invitation.
        var ids = new Dictionary<string, Guid>(_aIds) { ["orgId"] = _b.OrganizationId };
        // A variant key is a value, not a row of A: in my own organization it reads and writes my organization's knowledge
        // (checked below: A's classification and note of the same key stay invisible).
        // So is a statement's month: in my organization it is my organization's statement.
        var nested = OrganizationEndpoints().Where(e => e.Route.Count(c => c == '{') > 1 && !e.Route.Contains("{variantKey}") && !e.Route.Contains("{month}"))
            .ToList();
        Assert.That(nested, Is.Not.Empty);

        foreach (var endpoint in nested)
        {
            var response = await SendAsync(intruder, endpoint, ids);
            await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        }
        var knowledge = $"/api/organizations/{_b.OrganizationId}";
        var key = ApiEndpointCatalog.SeededVariantKey;
        var classification = await intruder.GetFromJsonAsync<JsonElement>($"{knowledge}/classifications/{key}");
        Assert.That(classification.GetProperty("classification").ValueKind, Is.EqualTo(JsonValueKind.Null), "A's classification of the same key");
        Assert.That(classification.GetProperty("history").GetArrayLength(), Is.Zero);
        Assert.That((await intruder.GetFromJsonAsync<JsonElement>($"{knowledge}/variants/{key}/notes")).GetArrayLength(), Is.Zero, "A's note on it");

        Assert.That(await SnapshotAAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task Switching_to_another_organization_is_refused_like_a_missing_one()
    {
        var intruder = await Factory.SignedInClientAsync(_b.Members[BuiltInRole.Supervisor].Email);
        var response = await intruder.SendUnsafeAsync(HttpMethod.Put, "/api/auth/me/last-organization", new { organizationId = _a.OrganizationId });
        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task My_organization_list_never_shows_the_other_organization()
    {
        var intruder = await Factory.SignedInClientAsync(_b.Members[BuiltInRole.Supervisor].Email);
        var list = await intruder.GetFromJsonAsync<List<OrganizationRow>>("/api/organizations");
        Assert.That(list!.Select(o => o.Id), Is.EqualTo(new[] { _b.OrganizationId }));
    }

    [Test]
    public async Task A_body_cannot_move_data_into_another_organization()
    {
        var supervisorOfB = await Factory.SignedInClientAsync(_b.Members[BuiltInRole.Supervisor].Email);
        var before = await SnapshotAAsync();
        var response = await supervisorOfB.SendUnsafeAsync(HttpMethod.Patch, $"/api/organizations/{_b.OrganizationId}", DamagingBody());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        var created = await supervisorOfB.PostUnsafeAsync($"/api/organizations/{_b.OrganizationId}/workspaces",
            new { name = "Planted", organizationId = _a.OrganizationId });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        Assert.That(await SnapshotAAsync(), Is.EqualTo(before), "organizationId in a body is ignored");
        await using var db = Database.CreateContext();
        Assert.That(await _b.SnapshotAsync(db), Does.Contain("Hijacked").And.Contain("Planted"));
    }

    private async Task<string> SnapshotAAsync()
    {
        await using var db = Database.CreateContext();
        return await _a.SnapshotAsync(db);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, ApiEndpointCatalog.ApiEndpoint endpoint, IReadOnlyDictionary<string, Guid> ids) =>
        endpoint.IsUnsafe
            ? await client.SendUnsafeAsync(new HttpMethod(endpoint.Method), endpoint.Url(ids), DamagingBody())
            : await client.GetAsync(endpoint.Url(ids));

    private sealed record OrganizationRow(Guid Id, string Name);
}

using System.Text;
using System.Text.Json.Nodes;

namespace VariantMiner.WebApi.Tests;

public class HostTests(DatabaseProvider provider) : WebTestBase(provider)
{
    [Test]
    public async Task Health_is_anonymous_and_checks_the_database_and_the_pipelines()
    {
        var response = await Factory.CreateBrowserClient().GetAsync("/health");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        var checks = health.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.That(checks["database"], Is.EqualTo("Healthy"));
        // The test machine has the pipelines' tools (CI installs them), so both pipelines are ready.
        Assert.That(checks["pipelines"], Is.EqualTo("Healthy"), health.ToString());
        Assert.That(health.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task Unknown_api_route_is_a_404_problem_not_the_spa()
    {
        await Problems.AssertProblemAsync(await Factory.CreateBrowserClient().GetAsync("/api/no/such/route"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Deep_links_fall_back_to_the_spa_index()
    {
        var response = await Factory.CreateBrowserClient().GetAsync("/organizations/123/settings");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(VariantMinerFactory.SpaMarker));
    }

    [Test]
    public async Task Malformed_json_is_a_readable_400_problem()
    {
        var client = Factory.CreateBrowserClient();
        var token = JsonDocument.Parse(await client.GetStringAsync("/api/auth/antiforgery")).RootElement.GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = new StringContent("{\"email\":", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-XSRF-TOKEN", token);
        var problem = await Problems.AssertProblemAsync(await client.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("JSON"));
    }

    [Test]
    public async Task Api_responses_carry_security_headers_and_no_store()
    {
        var response = await Factory.CreateBrowserClient().GetAsync("/api/auth/antiforgery");
        Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("frame-ancestors 'none'"));
        Assert.That(response.Headers.GetValues("Referrer-Policy"), Is.Not.Empty);
        Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
    }

    [Test]
    public async Task OpenApi_document_has_a_stable_unique_operation_id_for_every_operation()
    {
        var document = JsonNode.Parse(await Factory.CreateBrowserClient().GetStringAsync("/openapi/v1.json"))!;
        var operations = document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(op => (path.Key, op.Key, op.Value!))).ToList();
        Assert.That(operations, Is.Not.Empty);
        var ids = operations.Select(o => o.Item3["operationId"]?.GetValue<string>()).ToList();
        Assert.That(ids, Has.None.Null, "every operation needs an operationId (WithName): it becomes the SDK's method name");
        Assert.That(ids, Is.Unique);
    }

    [Test]
    public async Task OpenApi_document_says_how_each_operation_is_authenticated()
    {
        var document = JsonNode.Parse(await Factory.CreateBrowserClient().GetStringAsync("/openapi/v1.json"))!;
        var schemes = document["components"]!["securitySchemes"]!;
        Assert.That(schemes["cookie"]!["in"]!.GetValue<string>(), Is.EqualTo("cookie"));
        Assert.That(schemes["personalAccessToken"]!["scheme"]!.GetValue<string>(), Is.EqualTo("bearer"));
        Assert.That(schemes["organizationClient"]!["flows"]!["clientCredentials"]!["tokenUrl"]!.GetValue<string>(), Is.EqualTo("/connect/token"));
        string Security(string path, string method) => document["paths"]![path]![method]!["security"]!.ToJsonString();
        Assert.That(Security("/api/auth/login", "post"), Is.EqualTo("[]"), "anonymous");
        Assert.That(Security("/api/auth/me", "get"), Is.EqualTo("""[{"cookie":[]}]"""), "the account's routes: the session only");
        Assert.That(Security("/api/organizations/{orgId}/workspaces", "get"), Is.EqualTo("""[{"cookie":[]},{"personalAccessToken":[]},{"organizationClient":[]}]"""), "an organization's: either");
    }

    /// <summary>
    /// The committed clientapp/openapi/v1.json (from which the TypeScript client is generated) must equal what the
    /// server serves. Run `./build.sh openapi` to refresh it after changing endpoints.
    /// </summary>
    [Test]
    public async Task Committed_openapi_document_is_current()
    {
        var served = await Factory.CreateBrowserClient().GetStringAsync("/openapi/v1.json");
        var committedPath = Path.Combine(RepositoryPaths.Root, "clientapp", "openapi", "v1.json");
        if (Environment.GetEnvironmentVariable("VARIANTMINER_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(committedPath, Normalize(served));
            Assert.Pass($"wrote {committedPath}");
        }
        Assert.That(File.Exists(committedPath), Is.True, $"{committedPath} is missing: run ./build.sh openapi");
        Assert.That(Normalize(await File.ReadAllTextAsync(committedPath)), Is.EqualTo(Normalize(served)),
            "clientapp/openapi/v1.json is stale: run ./build.sh openapi and commit the result");
    }

    /// <summary>
    /// The SPA's typed permission keys (clientapp/src/api/permissionKeys.ts) are generated from the catalogue, so a
    /// permission check on a key that does not exist fails to compile. `./build.sh openapi` refreshes the file.
    /// </summary>
    [Test]
    public async Task Committed_openapi_document_is_current_for_permission_keys()
    {
        var generated = "// Generated from the permission catalogue (src/Domain/Authorization/Permissions.cs) by ./build.sh openapi. Do not edit.\n"
            + "export const PERMISSION_KEYS = [\n"
            + string.Concat(Domain.Authorization.Permissions.Catalogue.Select(p => $"  '{p.Key}',\n"))
            + "] as const;\n\nexport type PermissionKey = (typeof PERMISSION_KEYS)[number];\n";
        var path = Path.Combine(RepositoryPaths.Root, "clientapp", "src", "api", "permissionKeys.ts");
        if (Environment.GetEnvironmentVariable("VARIANTMINER_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(path, generated);
            Assert.Pass($"wrote {path}");
        }
        Assert.That(File.Exists(path) ? await File.ReadAllTextAsync(path) : "", Is.EqualTo(generated),
            "clientapp/src/api/permissionKeys.ts is stale: run ./build.sh openapi and commit the result");
    }

    private static string Normalize(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";

}

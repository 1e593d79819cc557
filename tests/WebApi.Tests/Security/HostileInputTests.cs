using System.Text;
using System.Text.Json.Nodes;

namespace VariantMiner.WebApi.Tests.Security;

/// <summary>
/// Every API write endpoint, enumerated from the host (new endpoints are covered without editing this file), fed what an
/// attacker with an account sends: hostile content types and charsets, empty bodies, nulls in every field, null list
/// elements. Never a 500; a missing or null required field is a 400; nothing of the organization changes.
/// </summary>
public class HostileInputTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private static readonly string[] HostileContentTypes =
    [
        "application/json; charset=x-no-such-charset",
        "application/json; charset=utf-16",
        "application/json; charset=\"",
        "application/json; charset=utf-8; charset=latin1",
        "application/json;;;charset",
        "text/plain",
        "application/xml",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
    ];

    private async Task<(SeededLab Lab, Dictionary<string, Guid> Ids, HttpClient Client)> SupervisorAsync()
    {
        SeededLab lab;
        SeededSamples samples;
        await using (var db = Database.CreateContext()) lab = await SeededLab.CreateAsync(db, "Hostile Lab");
        await using (var db = Database.CreateContext()) samples = await SeededSamples.CreateAsync(db, lab);
        var ids = new Dictionary<string, Guid>(lab.RouteValues) { ["sampleId"] = samples.SampleId, ["subjectId"] = samples.SubjectId };
        return (lab, ids, await Factory.SignedInClientAsync(lab.Members[BuiltInRole.Supervisor].Email));
    }

    private IEnumerable<ApiEndpointCatalog.ApiEndpoint> WriteEndpoints() =>
        ApiEndpointCatalog.All(Factory.Services).Where(e => e.IsUnsafe && e.Route != "/api/{**path}");

    private static async Task<HttpResponseMessage> SendRawAsync(HttpClient client, string method, string url, byte[] body, string contentType)
    {
        var token = JsonDocument.Parse(await client.GetStringAsync("/api/auth/antiforgery")).RootElement.GetProperty("token").GetString();
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.Add("X-XSRF-TOKEN", token);
        return await client.SendAsync(request);
    }

    [Test]
    public async Task Hostile_content_types_and_charsets_never_cause_a_500_on_any_write_endpoint_signed_in_or_not()
    {
        var (lab, ids, supervisor) = await SupervisorAsync();
        string before;
        await using (var db = Database.CreateContext()) before = await lab.SnapshotAsync(db);
        var anonymous = Factory.CreateBrowserClient();
        var failures = new List<string>();
        foreach (var api in WriteEndpoints())
            foreach (var contentType in HostileContentTypes)
                foreach (var (who, client) in new[] { ("supervisor", supervisor), ("anonymous", anonymous) })
                {
                    var response = await SendRawAsync(client, api.Method, api.Url(ids), Encoding.UTF8.GetBytes("{}"), contentType);
                    var body = await response.Content.ReadAsStringAsync();
                    if ((int)response.StatusCode >= 500 || (body.Length > 0 && response.Content.Headers.ContentType?.MediaType != "application/problem+json" && !response.IsSuccessStatusCode))
                        failures.Add($"{who} {api.Key} [{contentType}] → {(int)response.StatusCode} {body}");
                }
        Assert.That(failures, Is.Empty);
        await using (var db = Database.CreateContext()) Assert.That(await lab.SnapshotAsync(db), Is.EqualTo(before));
    }

    [Test]
    public async Task A_body_in_a_charset_other_than_utf8_is_a_415_problem()
    {
        var (_, _, supervisor) = await SupervisorAsync();
        var response = await SendRawAsync(supervisor, "POST", "/api/auth/login", Encoding.UTF8.GetBytes("{}"), "application/json; charset=x-no-such-charset");
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("UTF-8"));
    }

    /// <summary>
    /// For each write endpoint with a JSON body: <c>{}</c>, then each field of its request schema set to null while the
    /// other required fields hold a value of their type, then each list of strings holding one null. A required
    /// (non-nullable) field missing or null is always a 400 naming the field (a 400 comes before any handler runs, so
    /// nothing changed); an optional field may be null by design; nothing is ever a 500.
    /// </summary>
    [Test]
    public async Task Missing_and_null_fields_are_400_problems_on_every_write_endpoint()
    {
        var (_, ids, supervisor) = await SupervisorAsync();
        var document = JsonNode.Parse(await supervisor.GetStringAsync("/openapi/v1.json"))!;
        var failures = new List<string>();
        var checkedBodies = 0;
        foreach (var api in WriteEndpoints())
        {
            var schema = RequestSchema(document, api);
            if (schema is null) continue;
            var properties = schema["properties"]?.AsObject() ?? new JsonObject();
            var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
            if (api.Route.StartsWith("/api/auth/", StringComparison.Ordinal) && api.Method == "POST" && api.Route.EndsWith("logout", StringComparison.Ordinal)) continue;

            async Task<HttpResponseMessage> Send(JsonObject body) =>
                await SendRawAsync(supervisor, api.Method, api.Url(ids), Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json");

            var empty = await Send([]);
            checkedBodies++;
            if ((int)empty.StatusCode >= 500) failures.Add($"{api.Key} {{}} → {(int)empty.StatusCode}");
            else if (required.Count > 0 && empty.StatusCode != HttpStatusCode.BadRequest)
                failures.Add($"{api.Key} {{}} → {(int)empty.StatusCode}, expected 400 (required: {string.Join(", ", required)})");

            foreach (var (name, property) in properties)
            {
                var body = Plausible(document, properties, required);
                body[name] = null;
                var response = await Send(body);
                var text = await response.Content.ReadAsStringAsync();
                if ((int)response.StatusCode >= 500) failures.Add($"{api.Key} {name}=null → {(int)response.StatusCode} {text}");
                else if (required.Contains(name) && (response.StatusCode != HttpStatusCode.BadRequest || !text.Contains(name, StringComparison.Ordinal)))
                    failures.Add($"{api.Key} {name}=null → {(int)response.StatusCode} {text}, expected a 400 naming {name}");

                if (Resolve(document, property!)["type"]?.ToString() == "array" && Resolve(document, property!["items"]!)["type"]?.ToString() == "string")
                {
                    body = Plausible(document, properties, required);
                    body[name] = new JsonArray((JsonNode?)null);
                    response = await Send(body);
                    text = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.BadRequest || !text.Contains(name, StringComparison.Ordinal))
                        failures.Add($"{api.Key} {name}=[null] → {(int)response.StatusCode} {text}, expected a 400 naming {name}");
                }
            }
        }
        Assert.That(checkedBodies, Is.GreaterThan(15), "the enumeration found the JSON write endpoints");
        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task The_access_control_switch_refuses_an_empty_body_and_stays_on()
    {
        var (lab, _, supervisor) = await SupervisorAsync();
        var url = $"/api/organizations/{lab.OrganizationId}/settings/access-control";
        var problem = await Problems.AssertProblemAsync(await supervisor.SendUnsafeAsync(HttpMethod.Put, url, new { }), HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("roleBasedAccessEnabled", out _), Is.True, problem.ToString());
        await Problems.AssertProblemAsync(await supervisor.SendUnsafeAsync(HttpMethod.Put, url, new { roleBasedAccessEnabled = (bool?)null }), HttpStatusCode.BadRequest);
        var state = JsonDocument.Parse(await supervisor.GetStringAsync(url)).RootElement;
        Assert.That(state.GetProperty("roleBasedAccessEnabled").GetBoolean(), Is.True);
    }

    [Test]
    public async Task A_null_domain_in_the_invitation_preferences_is_a_400_not_a_500()
    {
        var (lab, _, supervisor) = await SupervisorAsync();
        var response = await supervisor.SendUnsafeAsync(HttpMethod.Put, $"/api/organizations/{lab.OrganizationId}/settings/invitations",
            JsonNode.Parse("""{"allowedEmailDomains":[null]}"""));
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("allowedEmailDomains", out _), Is.True, problem.ToString());
    }

    private static JsonObject? RequestSchema(JsonNode document, ApiEndpointCatalog.ApiEndpoint api)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(api.Route, @"\{(?<name>[a-zA-Z]+)[^}]*\}", "{${name}}");
        var content = document["paths"]?[path]?[api.Method.ToLowerInvariant()]?["requestBody"]?["content"]?["application/json"]?["schema"];
        return content is null ? null : Resolve(document, content).AsObject();
    }

    private static JsonNode Resolve(JsonNode document, JsonNode schema)
    {
        if (schema["$ref"] is { } reference)
            return document["components"]!["schemas"]![reference.GetValue<string>().Split('/')[^1]]!;
        if (schema["allOf"] is JsonArray all && all.Count == 1) return Resolve(document, all[0]!);
        return schema;
    }

    /// <summary>A body with every required field set to a value of its type (not necessarily a valid one).</summary>
    private static JsonObject Plausible(JsonNode document, JsonObject properties, IReadOnlySet<string> required)
    {
        var body = new JsonObject();
        foreach (var (name, property) in properties)
        {
            if (!required.Contains(name)) continue;
            var schema = Resolve(document, property!);
            body[name] = (schema["type"]?.ToString(), schema["format"]?.ToString()) switch
            {
                ("boolean", _) => true,
                ("integer", _) or ("number", _) => 1,
                ("array", _) => new JsonArray(),
                ("string", "uuid") => Guid.NewGuid().ToString(),
                ("string", "date") => "2000-01-01",
                ("string", _) when schema["enum"] is JsonArray values => values[0]!.DeepClone(),
                ("string", _) => "x",
                _ => new JsonObject(),
            };
        }
        return body;
    }
}

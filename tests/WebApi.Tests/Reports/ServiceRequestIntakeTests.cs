using System.Text;
using System.Text.Json.Nodes;

namespace VariantMiner.WebApi.Tests.Reports;

/// <summary>FHIR R4 ServiceRequest bundles as a LIMS would send them (JSON written by hand, as another system would).</summary>
public static class ServiceRequests
{
    public static string Bundle(string patientId = "P-0777", string specimen = "LIMS-0001", bool requester = true, string priority = "stat") =>
        new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "collection",
            ["entry"] = new JsonArray(
                new JsonObject
                {
                    ["fullUrl"] = "urn:uuid:5f0c4c8e-0000-4000-8000-000000000001",
                    ["resource"] = new JsonObject
                    {
                        ["resourceType"] = "ServiceRequest",
                        ["identifier"] = new JsonArray(new JsonObject { ["system"] = "urn:lims", ["value"] = "ACC-777" }),
                        ["status"] = "active",
                        ["intent"] = "order",
                        ["priority"] = priority,
                        ["code"] = new JsonObject { ["text"] = "Epilepsy gene panel" },
                        ["subject"] = new JsonObject { ["reference"] = "urn:uuid:5f0c4c8e-0000-4000-8000-000000000002" },
                        ["occurrenceDateTime"] = "2030-01-31",
                        ["reasonCode"] = new JsonArray(
                            new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://human-phenotype-ontology.org", ["code"] = "HP:0001250" }) },
                            new JsonObject { ["text"] = "Seizures since the age of two." }),
                        ["specimen"] = new JsonArray(new JsonObject { ["reference"] = "urn:uuid:5f0c4c8e-0000-4000-8000-000000000003" }),
                    },
                },
                new JsonObject
                {
                    ["fullUrl"] = "urn:uuid:5f0c4c8e-0000-4000-8000-000000000002",
                    ["resource"] = new JsonObject
                    {
                        ["resourceType"] = "Patient",
                        ["identifier"] = new JsonArray(new JsonObject { ["system"] = "urn:hospital", ["value"] = patientId }),
                        ["gender"] = "male",
                        ["birthDate"] = "2019-03-04",
                    },
                },
                new JsonObject
                {
                    ["fullUrl"] = "urn:uuid:5f0c4c8e-0000-4000-8000-000000000003",
                    ["resource"] = new JsonObject
                    {
                        ["resourceType"] = "Specimen",
                        ["identifier"] = new JsonArray(new JsonObject { ["value"] = specimen }),
                        ["type"] = new JsonObject { ["text"] = "WES" },
                    },
                }),
        }.ToJsonString() is var json && requester
            ? json.Replace("\"occurrenceDateTime\"", "\"requester\":{\"display\":\"Dr. N. Eurologist\"},\"occurrenceDateTime\"", StringComparison.Ordinal)
            : json;
}

/// <summary>
/// Orders sent as FHIR: a ServiceRequest bundle becomes a subject, its samples and the order; a missing or malformed
/// element is a 400 naming its FHIR path and records nothing; another content type is 415.
/// </summary>
public class ServiceRequestIntakeTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;
    private string Orders => $"/api/organizations/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}/orders";

    [SetUp]
    public async Task Seed()
    {
        await using var db = Database.CreateContext();
        _lab = await SeededLab.CreateAsync(db, "Intake Lab");
    }

    private static async Task<HttpResponseMessage> SendFhirAsync(HttpClient client, string url, string body, string contentType = "application/fhir+json")
    {
        var token = (await client.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery")).GetProperty("token").GetString();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add("X-XSRF-TOKEN", token);
        return await client.SendAsync(request);
    }

    private async Task<(int Subjects, int Samples, int Orders)> CountsAsync()
    {
        await using var db = Database.CreateContext();
        var id = _lab.OrganizationId;
        return (await db.Subjects.IgnoreQueryFilters().CountAsync(s => s.OrganizationId == id), await db.Samples.IgnoreQueryFilters().CountAsync(s => s.OrganizationId == id),
            await db.Orders.IgnoreQueryFilters().CountAsync(o => o.OrganizationId == id));
    }

    [Test]
    public async Task A_service_request_bundle_becomes_the_subject_its_sample_and_the_order()
    {
        var curator = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.ClinicalCurator].Email);
        var created = await SendFhirAsync(curator, Orders, ServiceRequests.Bundle());
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var order = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That((order.GetProperty("test").GetString(), order.GetProperty("orderingClinician").GetString(), order.GetProperty("priority").GetString(),
                order.GetProperty("dueDate").GetString(), order.GetProperty("externalId").GetString()),
            Is.EqualTo(("Epilepsy gene panel", "Dr. N. Eurologist", "stat", "2030-01-31", "ACC-777")));
        Assert.That(order.GetProperty("phenotypeTerms")[0].GetString(), Is.EqualTo("HP:0001250"));
        Assert.That(order.GetProperty("indication").GetString(), Does.Contain("Seizures since the age of two."));

        await using (var db = Database.CreateContext())
        {
            var subject = await db.Subjects.IgnoreQueryFilters().SingleAsync(s => s.OrganizationId == _lab.OrganizationId && s.ExternalId == "P-0777");
            Assert.That((subject.Sex.ToString(), subject.DateOfBirth), Is.EqualTo(("Male", (DateOnly?)new DateOnly(2019, 3, 4))));
            var sample = await db.Samples.IgnoreQueryFilters().SingleAsync(s => s.OrganizationId == _lab.OrganizationId && s.Name == "LIMS-0001");
            Assert.That((sample.SubjectId, sample.Assay), Is.EqualTo(((Guid?)subject.Id, "WES")));
            Assert.That(order.GetProperty("sampleIds")[0].GetGuid(), Is.EqualTo(sample.Id));
        }

        // The same patient and specimen again: found, not duplicated.
        var again = await SendFhirAsync(curator, Orders, ServiceRequests.Bundle(priority: "routine"));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Created), await again.Content.ReadAsStringAsync());
        Assert.That(await CountsAsync(), Is.EqualTo((1, 1, 2)));
    }

    [Test]
    public async Task A_bad_service_request_names_the_fhir_path_and_records_nothing()
    {
        var curator = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.ClinicalCurator].Email);
        var before = await CountsAsync();

        var noRequester = await Problems.AssertProblemAsync(await SendFhirAsync(curator, Orders, ServiceRequests.Bundle(requester: false)), HttpStatusCode.BadRequest);
        Assert.That(noRequester.GetProperty("errors").GetProperty("serviceRequest.requester")[0].GetString(), Does.Contain("At ServiceRequest.requester."),
            noRequester.ToString());

        var malformed = ServiceRequests.Bundle().Replace("\"intent\":\"order\"", "\"intent\":\"whenever\"", StringComparison.Ordinal);
        var invalid = await Problems.AssertProblemAsync(await SendFhirAsync(curator, Orders, malformed), HttpStatusCode.BadRequest);
        Assert.That(invalid.GetProperty("errors").EnumerateObject().Select(e => e.Name), Has.Some.Contains("intent"), invalid.ToString());

        var badHpo = ServiceRequests.Bundle().Replace("HP:0001250", "seizures", StringComparison.Ordinal);
        Assert.That((await Problems.AssertProblemAsync(await SendFhirAsync(curator, Orders, badHpo), HttpStatusCode.BadRequest))
            .GetProperty("detail").GetString(), Does.Contain("HPO").Or.Contain("seizures"));

        await Problems.AssertProblemAsync(await SendFhirAsync(curator, Orders, ServiceRequests.Bundle(), "text/plain"), HttpStatusCode.UnsupportedMediaType);
        await Problems.AssertProblemAsync(await SendFhirAsync(curator, Orders, "{\"resourceType\":\"Patient\"}"), HttpStatusCode.BadRequest);
        Assert.That(await CountsAsync(), Is.EqualTo(before), "nothing was recorded");
    }
}

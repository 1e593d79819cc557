using System.Security.Cryptography;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Application.Files;
using Task = System.Threading.Tasks.Task;

namespace VariantMiner.WebApi.Tests.Reports;

/// <summary>
/// The FHIR export of a signed report: a Bundle the Firely validator accepts against the R4 base definitions (the IG's
/// own profiles are not available offline, so its required elements are asserted one by one here), with the
/// genomics-report DiagnosticReport, the variant and diagnostic-implication Observations, the order's ServiceRequest,
/// the Patient, the Specimen and the signed PDF.
/// </summary>
public class FhirExportTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private const string Loinc = "http://loinc.org";
    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);
    private static readonly Lazy<Validator> R4 = new(() =>
    {
        var source = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(source.AsAsync(), new LocalTerminologyService(source.AsAsync()));
    });

    private SeededLab _lab = null!;
    private SeededSamples _samples = null!;

    private string Reports => $"/api/organizations/{_lab.OrganizationId}/workspaces/{_lab.WorkspaceId}/reports";

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Fhir Lab");
        await using (var db = Database.CreateContext()) _samples = await SeededSamples.CreateAsync(db, _lab, Factory.Services.GetRequiredService<IFileStore>());
    }

    /// <summary>What the Firely validator finds wrong against the R4 base definitions.</summary>
    internal static List<string> Errors(Resource resource) =>
        R4.Value.Validate(resource).Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            // The IG's profiles are named in meta.profile but cannot be fetched here: only that may be reported about them.
            .Where(i => !(i.Details?.Text ?? i.Diagnostics ?? "").StartsWith("Unable to resolve reference to profile 'http://hl7.org/fhir/uv/genomics-reporting/",
                StringComparison.Ordinal))
            .Select(e => $"{e.Expression?.FirstOrDefault() ?? string.Join(",", e.Location)}: {e.Details?.Text ?? e.Diagnostics}").ToList();

    private static T Resolve<T>(Bundle bundle, ResourceReference? reference) where T : Resource =>
        (T)bundle.Entry.Single(e => e.FullUrl == reference!.Reference).Resource!;

    private static bool HasCode(DataType? value, string system, string code) => value is CodeableConcept concept && concept.Coding.Any(c => c.System == system && c.Code == code);

    private static T ValueOf<T>(Observation o, string loinc) where T : DataType => (T)o.Component.Single(c => HasCode(c.Code, Loinc, loinc)).Value!;

    [Test]
    public async Task A_signed_report_exports_as_a_valid_genomics_reporting_bundle()
    {
        var curator = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.ClinicalCurator].Email);
        var created = await curator.PostUnsafeAsync(Reports, new
        {
            analysisId = _samples.CompleteAnalysisId,
            orderId = _samples.OrderId,
            title = "Epilepsy panel",
            variantIds = new[] { 1, 2 },
            conclusion = "Likely pathogenic variant in vmA1.",
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var signed = await curator.PostUnsafeAsync($"{Reports}/{id}/sign", new { password = BrowserClientExtensions.Password, meaning = "approved" });
        Assert.That(signed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await signed.Content.ReadAsStringAsync());

        var response = await curator.GetAsync($"{Reports}/{id}/fhir");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/fhir+json"));
        var bundle = JsonSerializer.Deserialize<Bundle>(await response.Content.ReadAsStringAsync(), Fhir)!;

        var errors = Errors(bundle);
        Assert.That(errors, Is.Empty);
        // The validator does check the base definitions: the same bundle without the report's required code is refused.
        var broken = JsonSerializer.Deserialize<Bundle>(await response.Content.ReadAsStringAsync(), Fhir)!;
        broken.Entry.Select(e => e.Resource).OfType<DiagnosticReport>().Single().Code = null!;
        Assert.That(Errors(broken), Is.Not.Empty);

        // DiagnosticReport (genomics-report): LOINC 51969-4, category GE, final, subject, specimen, results, basedOn, issued, the PDF.
        var report = bundle.Entry.Select(e => e.Resource).OfType<DiagnosticReport>().Single();
        Assert.That(report.Meta!.Profile, Does.Contain("http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/genomics-report"));
        Assert.That(HasCode(report.Code, Loinc, "51969-4"), Is.True);
        Assert.That(report.Category.Any(c => HasCode(c, "http://terminology.hl7.org/CodeSystem/v2-0074", "GE")), Is.True);
        Assert.That(report.Status, Is.EqualTo(DiagnosticReport.DiagnosticReportStatus.Final));
        Assert.That(report.Issued, Is.Not.Null);
        Assert.That(report.Conclusion, Does.Contain("Likely pathogenic variant in vmA1."));
        var patient = Resolve<Patient>(bundle, report.Subject);
        Assert.That((patient.Gender, patient.BirthDate), Is.EqualTo((AdministrativeGender.Female, "1990-05-17")));
        Assert.That(patient.Identifier.Single().Value, Is.EqualTo("P-0001"));
        Assert.That(Resolve<Specimen>(bundle, report.Specimen.Single()).Identifier.Single().Value, Is.EqualTo("NA12878"));
        var pdf = await (await curator.GetAsync($"{Reports}/{id}/pdf")).Content.ReadAsByteArrayAsync();
        var form = report.PresentedForm.Single();
        Assert.That((form.ContentType, form.Data, form.Hash), Is.EqualTo(("application/pdf", pdf, SHA1.HashData(pdf))));

        // ServiceRequest from the order.
        var request = Resolve<ServiceRequest>(bundle, report.BasedOn.Single());
        Assert.That((request.Intent, request.Priority, request.Identifier.Single().Value), Is.EqualTo((RequestIntent.Order, RequestPriority.Urgent, "ACC-0001")));
        Assert.That(request.ReasonCode.Any(r => HasCode(r, "http://human-phenotype-ontology.org", "HP:0001250")), Is.True);

        // Variant Observations (69548-6) and the diagnostic implication of the classified one (53037-8, derived from its variant).
        var observations = report.Result.Select(r => Resolve<Observation>(bundle, r)).ToList();
        var variants = observations.Where(o => HasCode(o.Code, Loinc, "69548-6")).ToList();
        Assert.That(variants, Has.Count.EqualTo(2));
        var first = variants.Single(v => v.Component.Any(c => HasCode(c.Code, Loinc, "69547-8") && c.Value is FhirString { Value: "G" }));
        Assert.That(first.Meta!.Profile, Does.Contain("http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/variant"));
        Assert.That(HasCode(first.Value, Loinc, "LA9633-4"), Is.True, "present");
        Assert.That(ValueOf<FhirString>(first, "69551-0").Value, Is.EqualTo("A"));
        Assert.That(HasCode(ValueOf<CodeableConcept>(first, "53034-5"), Loinc, "LA6706-1"), Is.True, "heterozygous");
        Assert.That(ValueOf<Hl7.Fhir.Model.Range>(first, "81254-5").Low!.Value, Is.EqualTo(1500));
        Assert.That(ValueOf<Quantity>(first, "92821-8").Value, Is.EqualTo(0.0001m));
        Assert.That(ValueOf<CodeableConcept>(first, "48018-6").Text, Is.EqualTo("vmA1"));
        var implication = observations.Single(o => o.Code.Coding.Any(c => c.Code == "diagnostic-implication"));
        Assert.That(HasCode(ValueOf<CodeableConcept>(implication, "53037-8"), Loinc, "LA26332-9"), Is.True, "likely pathogenic");
        var variantUrl = bundle.Entry.Single(e => ReferenceEquals(e.Resource, first)).FullUrl;
        Assert.That(implication.DerivedFrom.Single().Reference, Is.EqualTo(variantUrl));
        Assert.That(observations.Count(o => o.Code.Coding.Any(c => c.Code == "diagnostic-implication")), Is.EqualTo(1), "the unclassified variant has none");

        // An amendment's draft exports with its own status; the signed version 1 stays as it was signed.
        await curator.PostUnsafeAsync($"{Reports}/{id}/amendments", new { kind = "corrected", reason = "Typo." });
        var draft = JsonSerializer.Deserialize<Bundle>(await curator.GetStringAsync($"{Reports}/{id}/fhir"), Fhir)!;
        Assert.That(draft.Entry.Select(e => e.Resource).OfType<DiagnosticReport>().Single().Status, Is.EqualTo(DiagnosticReport.DiagnosticReportStatus.Registered));
        var first1 = JsonSerializer.Deserialize<Bundle>(await curator.GetStringAsync($"{Reports}/{id}/fhir?version=1"), Fhir)!;
        Assert.That(first1.Entry.Select(e => e.Resource).OfType<DiagnosticReport>().Single().Status, Is.EqualTo(DiagnosticReport.DiagnosticReportStatus.Final));
    }
}

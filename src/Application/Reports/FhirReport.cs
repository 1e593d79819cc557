using System.Security.Cryptography;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using VariantMiner.Domain.Orders;
using VariantMiner.Domain.Reports;
using FhirDate = Hl7.Fhir.Model.Date;

namespace VariantMiner.Application.Reports;

/// <summary>
/// A report version as a FHIR R4 Bundle following the HL7 Genomics Reporting IG: the genomics-report DiagnosticReport
/// (LOINC 51969-4, category GE), one variant Observation (69548-6) per reported variant with its HGVS, position, alleles,
/// allelic state and population frequency, one diagnostic-implication Observation per classified variant (53037-8,
/// derived from the variant), the ServiceRequest of the order, the Patient and the Specimens; the signed PDF as the
/// report's presented form.
/// </summary>
public static class FhirReport
{
    public const string MediaType = "application/fhir+json";
    private const string Loinc = "http://loinc.org";
    private const string Ig = "http://hl7.org/fhir/uv/genomics-reporting/StructureDefinition/";
    private const string IgCodes = "http://hl7.org/fhir/uv/genomics-reporting/CodeSystem/tbd-codes-cs";
    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).Pretty();

    public static string ToJson(Bundle bundle) => JsonSerializer.Serialize(bundle, Json);

    public static Bundle FromJson(string json) => JsonSerializer.Deserialize<Bundle>(json, Json)!;

    /// <summary>
    /// The identifier systems of subjects and samples: their external ids are unique within a workspace only, so the
    /// system names the workspace — two organizations' (or workspaces') "P-001" are never the same patient on a server
    /// both push to.
    /// </summary>
    public static string SubjectSystem(Guid workspaceId) => $"urn:variantminer:workspace:{workspaceId}:subject";

    public static string SampleSystem(Guid workspaceId) => $"urn:variantminer:workspace:{workspaceId}:sample";

    public static Bundle Build(Guid reportId, Guid workspaceId, ReportVersion version, string status, ReportSnapshotDto s, Order? order, byte[]? pdf)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Id = $"{reportId}-v{version.Number}", Timestamp = version.UpdatedAt };
        string Add(Resource resource)
        {
            var url = "urn:uuid:" + Guid.NewGuid();
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = url, Resource = resource });
            return url;
        }

        string? patient = null;
        if (s.Subject is { } subject)
            patient = Add(new Patient
            {
                Identifier = [new Identifier(SubjectSystem(workspaceId), subject.ExternalId)],
                Gender = subject.Sex switch { "male" => AdministrativeGender.Male, "female" => AdministrativeGender.Female, "other" => AdministrativeGender.Other, _ => AdministrativeGender.Unknown },
                BirthDateElement = subject.DateOfBirth is { } born ? new FhirDate(born.Year, born.Month, born.Day) : null,
            });
        ResourceReference? Subject() => patient is null ? null : new ResourceReference(patient);

        var specimens = s.Specimens.Select(sp => new ResourceReference(Add(new Specimen
        {
            Identifier = [new Identifier(SampleSystem(workspaceId), sp.Name)],
            Type = new CodeableConcept { Text = sp.Assay },
            Subject = Subject(),
        }))).ToList();

        ResourceReference? request = null;
        if (order is not null)
            request = new ResourceReference(Add(new ServiceRequest
            {
                Identifier = order.Details.ExternalId is { } accession ? [new Identifier("urn:variantminer:order", accession)] : [],
                Status = order.Status switch
                {
                    OrderStatus.Closed or OrderStatus.Reported => RequestStatus.Completed,
                    OrderStatus.Cancelled => RequestStatus.Revoked,
                    _ => RequestStatus.Active,
                },
                Intent = RequestIntent.Order,
                Priority = order.Details.Priority switch
                {
                    OrderPriority.Urgent => RequestPriority.Urgent,
                    OrderPriority.Asap => RequestPriority.Asap,
                    OrderPriority.Stat => RequestPriority.Stat,
                    _ => RequestPriority.Routine,
                },
                Code = new CodeableConcept { Text = order.Details.Test },
                Subject = Subject() ?? new ResourceReference { Display = "unknown subject" },
                Requester = new ResourceReference { Display = string.Join(", ", new[] { order.Details.OrderingClinician, order.Details.OrderingInstitution }.Where(x => x is not null)) },
                ReasonCode = order.Details.PhenotypeTerms.Select(t => new CodeableConcept("http://human-phenotype-ontology.org", t))
                    .Concat(order.Details.Indication is { } indication ? [new CodeableConcept { Text = indication }] : []).ToList(),
                Specimen = specimens,
                AuthoredOnElement = new FhirDateTime(order.CreatedAt),
            }));

        var results = new List<ResourceReference>();
        foreach (var v in s.Variants)
        {
            var variant = Add(VariantObservation(v, Subject(), specimens));
            results.Add(new ResourceReference(variant));
            if (v.Classification is { } classification)
                results.Add(new ResourceReference(Add(ImplicationObservation(classification, v.Evidence, variant, Subject()))));
        }

        var report = new DiagnosticReport
        {
            Meta = new Meta { Profile = [Ig + "genomics-report"] },
            Identifier = [new Identifier("urn:variantminer:report", $"{reportId}/{version.Number}")],
            Status = status switch
            {
                "final" => DiagnosticReport.DiagnosticReportStatus.Final,
                "amended" => DiagnosticReport.DiagnosticReportStatus.Amended,
                "corrected" => DiagnosticReport.DiagnosticReportStatus.Corrected,
                "appended" => DiagnosticReport.DiagnosticReportStatus.Appended,
                "preliminary" => DiagnosticReport.DiagnosticReportStatus.Preliminary,
                "partial" => DiagnosticReport.DiagnosticReportStatus.Partial,
                "cancelled" => DiagnosticReport.DiagnosticReportStatus.Cancelled,
                _ => DiagnosticReport.DiagnosticReportStatus.Registered,
            },
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0074", "GE", "Genetics")],
            Code = new CodeableConcept(Loinc, "51969-4", "Genetic analysis report") { Text = s.Title },
            Subject = Subject(),
            BasedOn = request is null ? [] : [request],
            Specimen = specimens,
            Result = results,
            Conclusion = string.Join("\n\n", new[] { s.Interpretation, s.Conclusion }.Where(x => x is not null)) is { Length: > 0 } text ? text : null,
            Performer = [new ResourceReference { Display = s.Organization }],
        };
        if (version.SignedAt is { } signed)
        {
            report.IssuedElement = new Instant(signed);
            report.ResultsInterpreter = [new ResourceReference { Display = version.SignerName }];
        }
        if (pdf is not null)
            report.PresentedForm = [new Attachment
            {
                ContentType = "application/pdf",
                Data = pdf,
                Hash = SHA1.HashData(pdf), // FHIR R4's Attachment.hash is SHA-1
                Title = $"{s.Title} (version {version.Number})",
            }];
        bundle.Entry.Insert(0, new Bundle.EntryComponent { FullUrl = "urn:uuid:" + Guid.NewGuid(), Resource = report });
        return bundle;
    }

    /// <summary>
    /// The same resources as a transaction for a FHIR server to store (POSTed to its base): each entry created; the
    /// Patient and the DiagnosticReport only when the server holds none with their identifier yet, so a version sent twice
    /// (a retry after a lost answer) does not leave two reports.
    /// </summary>
    public static Bundle AsTransaction(Bundle collection)
    {
        var transaction = new Bundle { Type = Bundle.BundleType.Transaction, Timestamp = collection.Timestamp };
        foreach (var entry in collection.Entry)
        {
            var request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = entry.Resource!.TypeName };
            var identifier = entry.Resource switch
            {
                DiagnosticReport r => r.Identifier.FirstOrDefault(),
                Patient p => p.Identifier.FirstOrDefault(),
                _ => null,
            };
            if (identifier is { System: not null, Value: not null }) request.IfNoneExist = $"identifier={Uri.EscapeDataString(identifier.System)}|{Uri.EscapeDataString(identifier.Value)}";
            transaction.Entry.Add(new Bundle.EntryComponent { FullUrl = entry.FullUrl, Resource = entry.Resource, Request = request });
        }
        return transaction;
    }

    private static Observation VariantObservation(ReportVariantDto v, ResourceReference? subject, List<ResourceReference> specimens)
    {
        var observation = new Observation
        {
            Meta = new Meta { Profile = [Ig + "variant"] },
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory")],
            Code = new CodeableConcept(Loinc, "69548-6", "Genetic variant assessment"),
            Subject = subject,
            Specimen = specimens.FirstOrDefault(),
            Value = new CodeableConcept(Loinc, "LA9633-4", "Present"),
        };
        void Component(string code, string display, DataType value) =>
            observation.Component.Add(new Observation.ComponentComponent { Code = new CodeableConcept(Loinc, code, display), Value = value });
        if (v.Gene is { } gene) Component("48018-6", "Gene studied [ID]", new CodeableConcept { Text = gene });
        if (v.DnaChange is { } c)
            Component("48004-6", "DNA change (c.HGVS)", new CodeableConcept("http://varnomen.hgvs.org", v.Transcript is null ? c : $"{v.Transcript}:{c}"));
        if (v.ProteinChange is { } p) Component("48005-3", "Amino acid change (pHGVS)", new CodeableConcept("http://varnomen.hgvs.org", p));
        Component("48013-7", "Genomic reference sequence [ID]", new CodeableConcept { Text = v.Chrom });
        Component("92822-6", "Genomic coord system", new CodeableConcept(Loinc, "LA30102-0", "1-based character counting"));
        Component("81254-5", "Genomic allele start-end", new Hl7.Fhir.Model.Range
        {
            Low = new Quantity { Value = v.Position },
            High = new Quantity { Value = v.Position + v.Ref.Length - 1 },
        });
        Component("69547-8", "Genomic ref allele [ID]", new FhirString(v.Ref));
        Component("69551-0", "Genomic alt allele [ID]", new FhirString(v.Alt));
        if (v.Zygosity switch { "heterozygous" => ("LA6706-1", "Heterozygous"), "homozygous" => ("LA6705-3", "Homozygous"), "hemizygous" => ("LA6707-9", "Hemizygous"), _ => default } is
            { Item1: not null } state)
            Component("53034-5", "Allelic state", new CodeableConcept(Loinc, state.Item1, state.Item2));
        if (v.PopulationAf is { } af) Component("92821-8", "Population allele frequency", new Quantity { Value = (decimal)af, Unit = "1", System = "http://unitsofmeasure.org", Code = "1" });
        return observation;
    }

    private static Observation ImplicationObservation(string classification, string? evidence, string variant, ResourceReference? subject)
    {
        var (code, display) = classification switch
        {
            "pathogenic" => ("LA6668-3", "Pathogenic"),
            "likely-pathogenic" => ("LA26332-9", "Likely pathogenic"),
            "likely-benign" => ("LA26334-5", "Likely benign"),
            "benign" => ("LA6675-8", "Benign"),
            _ => ("LA26333-7", "Uncertain significance"),
        };
        var observation = new Observation
        {
            Meta = new Meta { Profile = [Ig + "diagnostic-implication"] },
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory")],
            Code = new CodeableConcept(IgCodes, "diagnostic-implication", "Diagnostic Implication"),
            Subject = subject,
            DerivedFrom = [new ResourceReference(variant)],
        };
        observation.Component.Add(new Observation.ComponentComponent
        {
            Code = new CodeableConcept(Loinc, "53037-8", "Genetic variation clinical significance"),
            Value = new CodeableConcept(Loinc, code, display),
        });
        if (evidence is not null) observation.Note = [new Annotation { Text = new Markdown(evidence) }];
        return observation;
    }
}

using System.Text.Json;
using FluentValidation.Results;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using VariantMiner.Application.Samples;
using VariantMiner.Domain.Orders;
using VariantMiner.Domain.Samples;
using FhirPatient = Hl7.Fhir.Model.Patient;
using FhirSpecimen = Hl7.Fhir.Model.Specimen;

namespace VariantMiner.Application.Orders;

/// <summary>
/// An order sent as FHIR R4 (orders.manage): a Bundle holding a ServiceRequest, its Patient and Specimens, as a LIMS or
/// an EHR sends work in. The Patient becomes (or finds, by its identifier) the subject; each Specimen a sample of that
/// subject (found by its identifier, else defined); the ServiceRequest the order — test from its code, requester as the
/// ordering clinician, HPO terms and text from its reasons, priority, due date from its occurrence, identifier. All or
/// nothing: a missing or malformed element is a 400 naming its FHIR path, and nothing is recorded.
/// </summary>
[RequiresPermission(Permissions.OrdersManage)]
/// <param name="ContentType">The request's; anything but application/fhir+json is refused (415) — after the organization and permission checks.</param>
public sealed record IntakeServiceRequest(string Json, string? ContentType) : ICommand<OrderDto>, IWorkspaceRequest
{
    public Guid OrganizationId { get; init; }
    public Guid WorkspaceId { get; init; }
}

public sealed class IntakeServiceRequestHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock)
    : ICommandHandler<IntakeServiceRequest, OrderDto>
{
    private const string Hpo = "http://human-phenotype-ontology.org";
    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public async ValueTask<OrderDto> Handle(IntakeServiceRequest command, CancellationToken cancellationToken)
    {
        if (!string.Equals(command.ContentType?.Split(';')[0].Trim(), "application/fhir+json", StringComparison.OrdinalIgnoreCase))
            throw new RequestRefusedException(415, "Unsupported media type", "Send the ServiceRequest as application/fhir+json.");
        var bundle = Parse(command.Json);
        var resources = bundle.Entry.Select(e => (e.FullUrl, e.Resource)).ToList();
        var request = resources.Select(r => r.Resource).OfType<ServiceRequest>().SingleOrDefault()
            ?? throw Invalid("Bundle.entry", "The bundle holds no ServiceRequest (or more than one).");
        T? Find<T>(ResourceReference? reference) where T : Resource =>
            reference?.Reference is { } url ? resources.Where(r => r.FullUrl == url || $"{r.Resource?.TypeName}/{r.Resource?.Id}" == url).Select(r => r.Resource).OfType<T>().FirstOrDefault() : null;

        var patient = Find<FhirPatient>(request.Subject) ?? throw Invalid("ServiceRequest.subject", "The subject must reference a Patient in the bundle.");
        var subjectId = patient.Identifier.FirstOrDefault(i => !string.IsNullOrWhiteSpace(i.Value))?.Value
            ?? throw Invalid("Patient.identifier", "The Patient needs an identifier (the subject's id in this lab).");
        var test = request.Code?.Text ?? request.Code?.Coding.FirstOrDefault()?.Display
            ?? throw Invalid("ServiceRequest.code", "The ServiceRequest needs a code with a text or display: the test ordered.");
        var clinician = request.Requester?.Display
            ?? throw Invalid("ServiceRequest.requester", "The ServiceRequest needs its requester (display): the ordering clinician.");
        var specimens = request.Specimen.Select((reference, i) => Find<FhirSpecimen>(reference)
            ?? throw Invalid($"ServiceRequest.specimen[{i}]", "Each specimen must reference a Specimen in the bundle.")).ToList();
        if (specimens.Count == 0) throw Invalid("ServiceRequest.specimen", "The ServiceRequest names no specimen: an order is for one or more samples.");
        var names = specimens.Select((s, i) => s.Identifier.FirstOrDefault(x => !string.IsNullOrWhiteSpace(x.Value))?.Value
            ?? throw Invalid($"Specimen[{i}].identifier", "Each Specimen needs an identifier (the sample's name).")).ToList();

        var me = currentUser.UserId!.Value;
        var now = clock.GetUtcNow();
        var subject = await db.Subjects.SingleOrDefaultAsync(s => s.WorkspaceId == command.WorkspaceId && s.ExternalId == subjectId, cancellationToken);
        if (subject is null)
        {
            subject = new Subject(command.OrganizationId, command.WorkspaceId, subjectId, patient.Gender switch
            {
                AdministrativeGender.Female => Sex.Female,
                AdministrativeGender.Male => Sex.Male,
                AdministrativeGender.Other => Sex.Other,
                _ => Sex.Unknown,
            }, DateOnly.TryParse(patient.BirthDate, out var born) ? born : null, [], null, me, now);
            db.Subjects.Add(subject);
        }
        var visible = SampleVisibility.VisibleSamples(db.Samples, scope.Access, me, command.WorkspaceId);
        var sampleIds = new List<Guid>();
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            var existing = await db.Samples.Where(s => s.WorkspaceId == command.WorkspaceId && s.Name == name).Select(s => new { s.Id, s.SubjectId }).SingleOrDefaultAsync(cancellationToken);
            if (existing is not null)
            {
                if (!await visible.AnyAsync(s => s.Id == existing.Id, cancellationToken) || existing.SubjectId != subject.Id)
                    throw Invalid($"Specimen[{i}].identifier", $"A sample named {name} exists in this workspace for another subject (or one you cannot see).");
                sampleIds.Add(existing.Id);
                continue;
            }
            var sample = new Sample(command.OrganizationId, command.WorkspaceId, name, specimens[i].Type?.Text ?? test, subject.Id, me, now);
            db.Samples.Add(sample);
            sampleIds.Add(sample.Id);
        }

        var details = new OrderDetails(test, clinician, null,
            string.Join("\n", request.ReasonCode.Select(r => r.Text).Concat(request.Note.Select(n => n.Text)).Where(t => !string.IsNullOrWhiteSpace(t))) is { Length: > 0 } text ? text : null,
            request.ReasonCode.SelectMany(r => r.Coding).Where(c => c.System == Hpo).Select(c => c.Code).OfType<string>().ToList(),
            request.Priority switch
            {
                RequestPriority.Urgent => OrderPriority.Urgent,
                RequestPriority.Asap => OrderPriority.Asap,
                RequestPriority.Stat => OrderPriority.Stat,
                _ => OrderPriority.Routine,
            },
            request.Occurrence switch
            {
                FhirDateTime when_ when DateTimeOffset.TryParse(when_.Value, out var at) => DateOnly.FromDateTime(at.UtcDateTime),
                Period { End: { } end } when DateTimeOffset.TryParse(end, out var at) => DateOnly.FromDateTime(at.UtcDateTime),
                _ => null,
            },
            request.Identifier.FirstOrDefault(x => !string.IsNullOrWhiteSpace(x.Value))?.Value);
        Order order;
        try
        {
            order = new Order(command.OrganizationId, command.WorkspaceId, subject.Id, sampleIds, details, me, now);
        }
        catch (Domain.Common.DomainException invalid)
        {
            throw Invalid("ServiceRequest", invalid.Message);
        }
        db.Orders.Add(order);
        await db.SaveChangesAsync(cancellationToken);
        return (await OrderVisibility.ToDtosAsync([order], accounts, DateOnly.FromDateTime(now.UtcDateTime), cancellationToken))[0];
    }

    /// <summary>A Bundle, or a bare ServiceRequest with its Patient and Specimens contained.</summary>
    private static Bundle Parse(string json)
    {
        Resource resource;
        try
        {
            resource = JsonSerializer.Deserialize<Resource>(json, Fhir) ?? throw Invalid("$", "The body is empty.");
        }
        catch (DeserializationFailedException failed)
        {
            throw new ValidationException(failed.Exceptions.Select(e => new ValidationFailure(PathOf(e), e.Message)).ToList());
        }
        catch (JsonException malformed)
        {
            throw Invalid("$", $"The body is not FHIR JSON: {malformed.Message}");
        }
        return resource switch
        {
            Bundle bundle => bundle,
            ServiceRequest request => new Bundle
            {
                Entry = request.Contained.Select(c => new Bundle.EntryComponent { FullUrl = "#" + c.Id, Resource = c })
                    .Prepend(new Bundle.EntryComponent { Resource = request }).ToList(),
            },
            _ => throw Invalid("resourceType", $"Send a Bundle or a ServiceRequest, not a {resource.TypeName}."),
        };
    }

    /// <summary>Where the parser found the problem: its instance path, else the one its message names ("At Bundle.entry[0]…, line …").</summary>
    private static string PathOf(Exception e) =>
        e is FhirJsonException { InstancePath: { Length: > 0 } path } ? path
        : System.Text.RegularExpressions.Regex.Match(e.Message, @"At ([A-Za-z][\w.\[\]]*)[,.]") is { Success: true } named ? named.Groups[1].Value
        : "$";

    /// <summary>A refusal keyed by the FHIR path (the problem's keys are camel-cased, so the message names it exactly too).</summary>
    private static ValidationException Invalid(string path, string message) => new([new ValidationFailure(path, $"{message} At {path}.")]);
}

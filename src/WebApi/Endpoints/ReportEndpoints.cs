using VariantMiner.Application.Integrations;
using VariantMiner.Application.Reports;

namespace VariantMiner.WebApi.Endpoints;

/// <summary>Clinical reports of a workspace's analyses: drafts, signing, amendments, the PDF of each version; the organization's report preferences.</summary>
internal sealed class ReportEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var preferences = app.MapGroup("/api/organizations/{orgId:guid}/settings/reports")
            .RequireAuthorization()
            .WithTags("Reports")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        preferences.MapGet("", async Task<Ok<ReportPreferencesDto>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetReportPreferences(orgId), ct)))
            .WithName("Reports_GetPreferences")
            .WithSummary("The organization's report preferences: letterhead (header, footer, logo) and the two-person rule (every member).");

        preferences.MapPut("", async Task<Ok<ReportPreferencesDto>> (Guid orgId, SetReportPreferences body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId }, ct)))
            .WithName("Reports_SetPreferences")
            .WithSummary("Sets them (organization.settings.manage): {header, footer, logo: data URI of a PNG or JPEG ≤ 256 KiB, requireSecondSignature}.")
            .ProducesValidationProblem();

        var integrations = app.MapGroup("/api/organizations/{orgId:guid}/settings/integrations")
            .RequireAuthorization()
            .WithTags("Reports")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        integrations.MapGet("", async Task<Ok<IntegrationSettingsDto>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetIntegrationSettings(orgId), ct)))
            .WithName("Integrations_Get")
            .WithSummary("The organization's integration settings (organization.settings.manage): the FHIR server final reports are pushed to, the webhook " +
                "events are posted to; secrets are never returned.");

        integrations.MapPut("", async Task<Ok<IntegrationSettingsDto>> (Guid orgId, SetIntegrationSettings body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId }, ct)))
            .WithName("Integrations_Set")
            .WithSummary("Sets them (organization.settings.manage): {fhirBaseUrl (https, public; empty stops pushing), fhirAuthentication: none|bearer|basic, " +
                "fhirUserName, fhirSecret (null keeps the one kept), webhookUrl (https, public; empty: no webhook), webhookSecret (16–200 characters; null keeps " +
                "the one kept)}. A part whose address is left out (null) stays as it is.")
            .ProducesValidationProblem();

        integrations.MapGet("/webhook/deliveries", async Task<Ok<IReadOnlyList<WebhookDeliveryDto>>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListWebhookDeliveries(orgId), ct)))
            .WithName("Integrations_ListWebhookDeliveries")
            .WithSummary("The webhook's delivery log, newest first: each event, its status, rounds, the receiver's last answer (organization.settings.manage).");

        integrations.MapPost("/webhook/test", async Task<Accepted<WebhookDeliveryDto>> (Guid orgId, ISender sender, CancellationToken ct) =>
                TypedResults.Accepted((string?)null, await sender.Send(new SendWebhookTest { OrganizationId = orgId }, ct)))
            .WithName("Integrations_TestWebhook")
            .WithSummary("Queues a test event (webhook.test) for the webhook (organization.settings.manage); 409 when no webhook is set.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        var reports = app.MapGroup("/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/reports")
            .RequireAuthorization()
            .WithTags("Reports")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        reports.MapGet("", async Task<Ok<IReadOnlyList<ReportSummaryDto>>> (Guid orgId, Guid workspaceId, Guid? analysisId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListReports(orgId, workspaceId, analysisId), ct)))
            .WithName("Reports_List")
            .WithSummary("The reports I may see (those of analyses whose variants I may read), newest first; optionally one analysis's.");

        reports.MapPost("", async Task<Created<ReportDto>> (Guid orgId, Guid workspaceId, CreateReport body, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(body with { OrganizationId = orgId, WorkspaceId = workspaceId }, ct);
                return TypedResults.Created($"/api/organizations/{orgId}/workspaces/{workspaceId}/reports/{created.Id}", created);
            })
            .WithName("Reports_Create")
            .WithSummary("Drafts a report of a COMPLETE analysis (reports.write): {analysisId, title, variantIds, interpretation, conclusion, limitations, filters}.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        var report = reports.MapGroup("/{reportId:guid}");

        report.MapGet("", async Task<Ok<ReportDto>> (Guid orgId, Guid workspaceId, Guid reportId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetReport(orgId, workspaceId, reportId), ct)))
            .WithName("Reports_Get")
            .WithSummary("A report with every version, newest first (audited as a read of patient data).");

        report.MapPatch("", async Task<Ok<ReportDto>> (Guid orgId, Guid workspaceId, Guid reportId, EditReport body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId, WorkspaceId = workspaceId, ReportId = reportId }, ct)))
            .WithName("Reports_Edit")
            .WithSummary("Edits the current draft (reports.write): the fields given; status registered, partial, preliminary or cancelled. 409 once signed.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        report.MapPost("/sign", async Task<Results<Ok<ReportDto>, ProblemHttpResult>> (Guid orgId, Guid workspaceId, Guid reportId, SignReport body, ISender sender,
                CancellationToken ct) =>
            {
                var signing = await sender.Send(body with { OrganizationId = orgId, WorkspaceId = workspaceId, ReportId = reportId }, ct);
                return signing.Report is { } signed
                    ? TypedResults.Ok(signed)
                    : TypedResults.Problem(ReportSigning.WrongPassword, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                        extensions: new Dictionary<string, object?> { ["reason"] = "wrong-password" });
            })
            .WithName("Reports_Sign")
            .WithSummary("Signs the current draft (reports.sign): {password, meaning: reviewed|approved|authored}. A wrong password is 403 and changes nothing; the PDF is rendered once and kept with its SHA-256. 503 without Chromium.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        report.MapPost("/amendments", async Task<Ok<ReportDto>> (Guid orgId, Guid workspaceId, Guid reportId, AmendReport body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(body with { OrganizationId = orgId, WorkspaceId = workspaceId, ReportId = reportId }, ct)))
            .WithName("Reports_Amend")
            .WithSummary("Starts the next version of a signed report (reports.sign): {kind: amended|corrected|appended, reason}; the signed versions stay as they are.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        report.MapPost("/deliveries", async Task<Ok<ReportDto>> (Guid orgId, Guid workspaceId, Guid reportId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new SendReport { OrganizationId = orgId, WorkspaceId = workspaceId, ReportId = reportId }, ct)))
            .WithName("Reports_Send")
            .WithSummary("Sends the latest signed version to the organization's FHIR server again (reports.sign); its progress shows in the report's deliveries. 409 when nothing is signed, no server is set or a delivery is pending.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        report.MapGet("/pdf", async Task<FileContentHttpResult> (Guid orgId, Guid workspaceId, Guid reportId, int? version, HttpContext http, ISender sender, CancellationToken ct) =>
            {
                var pdf = await sender.Send(new GetReportPdf(orgId, workspaceId, reportId, version), ct);
                if (pdf.Sha256 is { } sha256) http.Response.Headers["X-Content-SHA256"] = sha256;
                return TypedResults.File(pdf.Content, "application/pdf", pdf.FileName);
            })
            .WithName("Reports_Pdf")
            .WithSummary("The PDF of a version (?version=n, default the current): a signed one exactly as signed (X-Content-SHA256), a draft rendered now with a DRAFT watermark. Audited. 503 without Chromium.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        report.MapGet("/fhir", async Task<ContentHttpResult> (Guid orgId, Guid workspaceId, Guid reportId, int? version, ISender sender, CancellationToken ct) =>
                TypedResults.Content(await sender.Send(new GetReportFhir(orgId, workspaceId, reportId, version), ct), FhirReport.MediaType))
            .WithName("Reports_Fhir")
            .WithSummary("A version (?version=n, default the current) as a FHIR R4 Bundle per the HL7 Genomics Reporting IG: genomics-report DiagnosticReport, variant and diagnostic-implication Observations, ServiceRequest, Patient, Specimens; a signed version with its PDF. Audited.")
            .Produces<string>(StatusCodes.Status200OK, FhirReport.MediaType);
    }
}

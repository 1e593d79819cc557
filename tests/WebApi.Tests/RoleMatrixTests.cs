using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Application.Files;
using static VariantMiner.Domain.Authorization.BuiltInRole;

namespace VariantMiner.WebApi.Tests;

/// <summary>
/// Run as every built-in role: each organization use case answers allowed (2xx) or 403 exactly as the default
/// permission table says (docs/architecture.md, "Roles and permissions"). The table is written out here on purpose
/// (not derived from the code).
/// </summary>
public class RoleMatrixTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private static readonly BuiltInRole[] Everyone = Enum.GetValues<BuiltInRole>();

    public sealed record UseCase(string Method, string Route, object? Body, params BuiltInRole[] Allowed)
    {
        /// <summary>A query string; {name} in it is replaced by that id, as in the route.</summary>
        public string Query { get; init; } = "";
        /// <summary>Roles that hold the permission but cannot see the target (hidden data): 404, not 403.</summary>
        public BuiltInRole[] Hidden { get; init; } = [];
        /// <summary>Route values replaced for this use case, e.g. subjectId → emptySubjectId.</summary>
        public (string Key, string From)? Use { get; init; }
        /// <summary>Request headers (the tus protocol's) added to the request.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
        /// <summary>A raw body (a tus chunk, a FHIR resource) instead of JSON.</summary>
        public byte[]? Bytes { get; init; }
        public string ContentType { get; init; } = "application/offset+octet-stream";
        /// <summary>What the allowed roles get past the permission check when not a success (the seeded organization lacks what the action needs).</summary>
        public HttpStatusCode? AllowedStatus { get; init; }

        public override string ToString() => $"{Method} {Route}";
    }

    // Declared before the use cases: static fields initialise in order.
    private static readonly Dictionary<string, string> Tus = new() { ["Tus-Resumable"] = "1.0.0" };

    public static readonly UseCase[] UseCases =
    [
        new("GET", "/api/organizations/{orgId:guid}", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/me", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/dashboard", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/settings/access-control", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/activity", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/workspaces", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}", null, Everyone),
        new("PATCH", "/api/organizations/{orgId:guid}", new { description = "Updated" }, Supervisor, GroupAdmin),
        new("PUT", "/api/organizations/{orgId:guid}/settings/access-control", new { roleBasedAccessEnabled = false }, Supervisor, GroupAdmin),
        new("POST", "/api/organizations/{orgId:guid}/workspaces", new { name = "New project" }, Supervisor, GroupAdmin),
        new("PATCH", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}", new { description = "Updated" }, Supervisor, GroupAdmin),
        new("DELETE", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}", null, Supervisor),
        new("PUT", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/access/{userId:guid}", null, Supervisor, GroupAdmin),
        new("DELETE", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/access/{userId:guid}", null, Supervisor, GroupAdmin),
        new("DELETE", "/api/organizations/{orgId:guid}", new { confirmName = "Matrix Lab" }, Supervisor),
        new("GET", "/api/organizations/{orgId:guid}/settings/invitations", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/settings/storage", null, Everyone),
        new("PUT", "/api/organizations/{orgId:guid}/settings/storage", new { deleteFastqDaysAfterAnalysis = 90, deleteBamDaysAfterAnalysis = (int?)null }, Supervisor, GroupAdmin),
        new("PUT", "/api/organizations/{orgId:guid}/settings/invitations", new { allowedEmailDomains = new[] { "lab.example" } }, Supervisor, GroupAdmin),
        new("GET", "/api/organizations/{orgId:guid}/settings/security", null, Everyone),
        new("PUT", "/api/organizations/{orgId:guid}/settings/security",
            new { minimumPasswordLength = 14, requireTwoFactor = false, maxSessionHours = 12, personalAccessTokensAllowed = true, maxTokenLifetimeDays = 30 }, Supervisor, GroupAdmin),
        // Institution sign-in: its settings are organization.settings.manage's (an IP literal: no name to resolve here).
        new("GET", "/api/organizations/{orgId:guid}/settings/sso", null, Supervisor, GroupAdmin),
        new("PUT", "/api/organizations/{orgId:guid}/settings/sso", (Func<IReadOnlyDictionary<string, Guid>, object>)(ids => new
        {
            enabled = true, issuer = "https://1.1.1.1/realms/lab", clientId = "variantminer", clientSecret = "s3cret", emailDomains = new[] { "matrix.example" },
            defaultRoleId = ids["roleId"], justInTimeMembership = true, required = false,
        }), Supervisor, GroupAdmin),
        // OAuth clients of the organization: organization.settings.manage's (a client gets the custom Viewer role).
        new("GET", "/api/organizations/{orgId:guid}/clients", null, Supervisor, GroupAdmin),
        new("POST", "/api/organizations/{orgId:guid}/clients", (Func<IReadOnlyDictionary<string, Guid>, object>)(ids => new { name = "LIMS", roleId = ids["roleId"] }),
            Supervisor, GroupAdmin),
        new("POST", "/api/organizations/{orgId:guid}/clients/{clientId:guid}/revoke", null, Supervisor, GroupAdmin),
        // Personal access tokens: each member's own; the seeded one is the Supervisor's.
        new("GET", "/api/organizations/{orgId:guid}/tokens", null, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/tokens", new { name = "Nightly export", expiresInDays = 30 }, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/tokens/{tokenId:guid}/revoke", null, Supervisor) { Hidden = [.. Everyone.Where(r => r != Supervisor)] },
        new("GET", "/api/organizations/{orgId:guid}/members", null, Supervisor, GroupAdmin),
        new("PATCH", "/api/organizations/{orgId:guid}/members/{userId:guid}", new { position = "Lead analyst" }, Supervisor, GroupAdmin),
        new("DELETE", "/api/organizations/{orgId:guid}/members/{userId:guid}", null, Supervisor, GroupAdmin),
        new("GET", "/api/organizations/{orgId:guid}/roles", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/roles/{roleId:guid}", null, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/roles", new { name = "Custom", permissions = new[] { Permissions.SamplesViewAll } }, Supervisor),
        new("PUT", "/api/organizations/{orgId:guid}/roles/{roleId:guid}", new { permissions = new[] { Permissions.SamplesViewAssigned } }, Supervisor),
        new("DELETE", "/api/organizations/{orgId:guid}/roles/{roleId:guid}", null, Supervisor),
        new("GET", "/api/organizations/{orgId:guid}/invitations", null, Supervisor, GroupAdmin),
        new("POST", "/api/organizations/{orgId:guid}/invitations", new { email = "newcomer@lab.example" }, Supervisor, GroupAdmin),
        new("POST", "/api/organizations/{orgId:guid}/invitations/{invitationId:guid}/resend", null, Supervisor, GroupAdmin),
        new("DELETE", "/api/organizations/{orgId:guid}/invitations/{invitationId:guid}", null, Supervisor, GroupAdmin),
        new("GET", "/api/organizations/{orgId:guid}/audit", null, Supervisor),
        new("GET", "/api/organizations/{orgId:guid}/audit/export", null, Supervisor),
        new("GET", "/api/organizations/{orgId:guid}/audit/verify", null, Supervisor),

        // Samples, subjects, assays. The seeded sample is assigned to every role, so everyone who sees
        // assigned samples can read it; a Body given as a function is built from the seeded ids.
        new("GET", "/api/organizations/{orgId:guid}/assays", null, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/assays", new { name = "Long-read WGS" }, Supervisor, GroupAdmin),
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/subjects", null, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/subjects", new { externalId = "P-0002", sex = "Male" }, Supervisor, GroupAdmin, Analyst),
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/subjects/lookup", null, Supervisor, GroupAdmin, Analyst) { Query = "?externalId=P-0001" },
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/subjects/{subjectId:guid}", null, Everyone),
        new("PATCH", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/subjects/{subjectId:guid}", new { notes = "Updated" }, Supervisor, GroupAdmin, Analyst),
        new("DELETE", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/subjects/{subjectId:guid}", null, Supervisor, GroupAdmin)
            { Use = ("subjectId", "emptySubjectId") },
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/samples", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/assignable-members", null, Supervisor, GroupAdmin),
        new("POST", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/samples", new { name = "NA12891", assay = "WES" }, Supervisor, GroupAdmin, Analyst),
        new("POST", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/samples/import", new { csv = "sample,assay,subject\nIMP-1,WGS,P-IMP" },
            Supervisor, GroupAdmin, Analyst),
        new("POST", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/samples/assignments",
            (Func<IReadOnlyDictionary<string, Guid>, object>)(ids => new { sampleIds = new[] { ids["sampleId"] }, userIds = new[] { ids["userId"] }, mode = "replace" }),
            Supervisor, GroupAdmin),
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/samples/{sampleId:guid}", null, Everyone),
        new("PATCH", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/samples/{sampleId:guid}", new { name = "NA12878-b" }, Supervisor, GroupAdmin, Analyst),
        // Defining a sample does not make one able to delete it: samples.delete (Supervisor, Group Admin).
        new("DELETE", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/samples/{sampleId:guid}", null, Supervisor, GroupAdmin),
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/trash", null, Supervisor, GroupAdmin),
        new("POST", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/trash/samples/{sampleId:guid}/restore", null, Supervisor, GroupAdmin)
            { Use = ("sampleId", "trashedSampleId") },
        new("POST", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/trash/subjects/{subjectId:guid}/restore", null, Supervisor, GroupAdmin)
            { Use = ("subjectId", "trashedSubjectId") },
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/samples/{sampleId:guid}/assignees", null, Everyone),
        new("PUT", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/samples/{sampleId:guid}/assignees",
            (Func<IReadOnlyDictionary<string, Guid>, object>)(ids => new { userIds = new[] { ids["userId"] } }), Supervisor, GroupAdmin),
        // Files: visible like their sample (assigned to everyone here); uploads are their creator's (the Supervisor's).
        new("OPTIONS", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/uploads", null, Supervisor, GroupAdmin, Analyst),
        new("POST", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/uploads", null, Supervisor, GroupAdmin, Analyst)
            { Headers = new Dictionary<string, string>(Tus) { ["Upload-Length"] = "100", ["Upload-Metadata"] = "filename YS5mcQ==,kind ZmFzdHE=" } },
        new("HEAD", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/uploads/{uploadId:guid}", null, Supervisor)
            { Hidden = [GroupAdmin, Analyst], Headers = Tus },
        new("PATCH", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/uploads/{uploadId:guid}", null, Supervisor)
            { Hidden = [GroupAdmin, Analyst], Headers = new Dictionary<string, string>(Tus) { ["Upload-Offset"] = "0" }, Bytes = "@r\nACGT\n+\nIIII\n"u8.ToArray() },
        new("DELETE", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/uploads/{uploadId:guid}", null, Supervisor)
            { Hidden = [GroupAdmin, Analyst], Headers = Tus },
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/files", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/files/{fileId:guid}", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/files/{fileId:guid}/content", null, Everyone),
        new("DELETE", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/files/{fileId:guid}", null, Supervisor, GroupAdmin, Analyst),

        // Analyses. Workflows and bundles are the organization's (everyone reads them); runs are seen like their sample
        // (assigned to everyone here). The queued run was launched with the workflow, the failed one without.
        new("GET", "/api/organizations/{orgId:guid}/pipelines", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/workflows", null, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/workflows",
            (Func<IReadOnlyDictionary<string, Guid>, object>)(ids => new { name = "Strict", pipeline = "germline-fastq", parameters = new { reference = ids["referenceId"], minMappingQuality = 30 } }),
            Supervisor),
        new("GET", "/api/organizations/{orgId:guid}/workflows/{workflowId:guid}", null, Everyone),
        new("PUT", "/api/organizations/{orgId:guid}/workflows/{workflowId:guid}",
            (Func<IReadOnlyDictionary<string, Guid>, object>)(ids => new { name = "Germline v2", parameters = new { reference = ids["referenceId"] } }), Supervisor),
        new("DELETE", "/api/organizations/{orgId:guid}/workflows/{workflowId:guid}", null, Supervisor),
        new("GET", "/api/organizations/{orgId:guid}/references", null, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/references",
            (Func<IReadOnlyDictionary<string, Guid>, object>)(ids => new { name = "ce", version = "2", genomeBuild = "WBcel235", genomeFileId = ids["genomeFileId"] }),
            Supervisor, GroupAdmin),
        new("POST", "/api/organizations/{orgId:guid}/references/{referenceId:guid}/retire", null, Supervisor, GroupAdmin),
        new("GET", "/api/organizations/{orgId:guid}/references/{referenceId:guid}/genome", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/references/{referenceId:guid}/genome-index", null, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/analyses",
            (Func<IReadOnlyDictionary<string, Guid>, object>)(ids => new { sampleIds = new[] { ids["sampleId"] }, workflowId = ids["workflowId"] }),
            Supervisor, GroupAdmin, Analyst),
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/analyses", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/analyses/{analysisId:guid}", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/analyses/{analysisId:guid}/log", null, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/analyses/{analysisId:guid}/cancel", null, Supervisor, GroupAdmin, Analyst),
        // Retrying needs what launching needed: this run was launched without a workflow (analyses.launch.direct).
        new("POST", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/analyses/{analysisId:guid}/retry", null, Supervisor, GroupAdmin)
            { Use = ("analysisId", "failedAnalysisId") },
        // Sub-analyses have their own right (analyses.launch.sub), held by the Analyst without direct launches.
        new("POST", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/analyses/{analysisId:guid}/sub-analyses",
            new { kind = "gene-list", parameters = new { genes = "BRCA1" } }, Supervisor, GroupAdmin, Analyst) { Use = ("analysisId", "completeAnalysisId") },
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/analyses/{analysisId:guid}/assignees", null, Everyone),
        // Variants follow the run's visibility (every member is assigned the seeded sample), no permission of their own.
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/analyses/{analysisId:guid}/variants", null, Everyone)
            { Use = ("analysisId", "completeAnalysisId"), Query = "?gene=vmA1&sort=priority" },
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/analyses/{analysisId:guid}/variants/{variantId:int}", null, Everyone)
            { Use = ("analysisId", "completeAnalysisId") },
        // Knowledge: everyone reads it and writes notes; classifying, tagging and shared filters need variants.classify
        // (not the Report Writer); a note is its author's (the seeded one is the Supervisor's); saved searches are one's own.
        new("GET", "/api/organizations/{orgId:guid}/classifications/{variantKey}", null, Everyone),
        new("PUT", "/api/organizations/{orgId:guid}/classifications/{variantKey}", new { classification = "pathogenic", evidence = "PVS1" },
            Supervisor, GroupAdmin, Analyst, ClinicalCurator),
        new("GET", "/api/organizations/{orgId:guid}/variants/{variantKey}/notes", null, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/variants/{variantKey}/notes", new { text = "Checked by Sanger." }, Everyone),
        new("PATCH", "/api/organizations/{orgId:guid}/notes/{noteId:guid}", new { text = "Seen in three families." }, Supervisor),
        new("DELETE", "/api/organizations/{orgId:guid}/notes/{noteId:guid}", null, Supervisor),
        new("GET", "/api/organizations/{orgId:guid}/variants/{variantKey}/tags", null, Everyone),
        new("PUT", "/api/organizations/{orgId:guid}/variants/{variantKey}/tags", new { tags = new[] { "founder" } }, Supervisor, GroupAdmin, Analyst, ClinicalCurator),
        new("GET", "/api/organizations/{orgId:guid}/gene-lists", null, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/gene-lists", new { name = "Cardio", genes = new[] { "vmB2" } }, Supervisor, GroupAdmin, Analyst, ClinicalCurator),
        new("PUT", "/api/organizations/{orgId:guid}/gene-lists/{geneListId:guid}", new { name = "Test panel", genes = new[] { "vmA1" } },
            Supervisor, GroupAdmin, Analyst, ClinicalCurator),
        new("DELETE", "/api/organizations/{orgId:guid}/gene-lists/{geneListId:guid}", null, Supervisor, GroupAdmin, Analyst, ClinicalCurator),
        new("GET", "/api/organizations/{orgId:guid}/filter-sets", null, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/filter-sets", new { name = "Damaging", filters = new { consequence = "stop_gained" } },
            Supervisor, GroupAdmin, Analyst, ClinicalCurator),
        new("PUT", "/api/organizations/{orgId:guid}/filter-sets/{filterSetId:guid}", new { name = "Rare", filters = new { maxPopulationAf = 0.001 } },
            Supervisor, GroupAdmin, Analyst, ClinicalCurator),
        new("DELETE", "/api/organizations/{orgId:guid}/filter-sets/{filterSetId:guid}", null, Supervisor, GroupAdmin, Analyst, ClinicalCurator),
        new("GET", "/api/organizations/{orgId:guid}/saved-searches", null, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/saved-searches", new { name = "Hom", filters = new { zygosity = "hom_alt" } }, Everyone),
        new("DELETE", "/api/organizations/{orgId:guid}/saved-searches/{savedSearchId:guid}", null, Supervisor)
            { Hidden = [GroupAdmin, Analyst, ClinicalCurator, ReportWriter] },
        new("PUT", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/analyses/{analysisId:guid}/assignees",
            (Func<IReadOnlyDictionary<string, Guid>, object>)(ids => new { userIds = new[] { ids["userId"] } }), Supervisor, GroupAdmin),
        // Orders follow their samples' visibility (every member is assigned the seeded sample); orders.manage writes them.
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/orders", null, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/orders",
            (Func<IReadOnlyDictionary<string, Guid>, object>)(ids => new { sampleIds = new[] { ids["sampleId"] }, test = "Exome", orderingClinician = "Dr. B" }),
            Supervisor, GroupAdmin, ClinicalCurator),
        new("POST", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/orders", null, Supervisor, GroupAdmin, ClinicalCurator)
            { Bytes = System.Text.Encoding.UTF8.GetBytes(Reports.ServiceRequests.Bundle()), ContentType = "application/fhir+json" },
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/orders/{orderId:guid}", null, Everyone),
        new("PATCH", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/orders/{orderId:guid}", new { status = "in-progress" },
            Supervisor, GroupAdmin, ClinicalCurator),
        new("GET", "/api/organizations/{orgId:guid}/settings/reports", null, Everyone),
        new("PUT", "/api/organizations/{orgId:guid}/settings/reports", new { header = "Lab", requireSecondSignature = false }, Supervisor, GroupAdmin),
        // Reports follow the run's visibility (every member sees the complete run); writing drafts is reports.write, signing
        // and amending reports.sign (the signer's password again: every seeded member's is the same).
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/reports", null, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/reports",
            (Func<IReadOnlyDictionary<string, Guid>, object>)(ids => new { analysisId = ids["completeAnalysisId"], title = "Matrix report", variantIds = new[] { 2 } }),
            Supervisor, GroupAdmin, ClinicalCurator, ReportWriter),
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/reports/{reportId:guid}", null, Everyone),
        new("PATCH", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/reports/{reportId:guid}", new { conclusion = "Revised." },
            Supervisor, GroupAdmin, ClinicalCurator, ReportWriter),
        new("POST", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/reports/{reportId:guid}/sign",
            new { password = BrowserClientExtensions.Password, meaning = "approved" }, Supervisor, ClinicalCurator),
        new("POST", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/reports/{reportId:guid}/amendments",
            new { kind = "corrected", reason = "A typo in the conclusion." }, Supervisor, ClinicalCurator) { Use = ("reportId", "signedReportId") },
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/reports/{reportId:guid}/pdf", null, Everyone)
            { Use = ("reportId", "signedReportId") },
        new("GET", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/reports/{reportId:guid}/fhir", null, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/workspaces/{workspaceId:guid}/reports/{reportId:guid}/deliveries", null, Supervisor, ClinicalCurator)
            { Use = ("reportId", "signedReportId") },
        new("GET", "/api/organizations/{orgId:guid}/settings/integrations", null, Supervisor, GroupAdmin),
        new("PUT", "/api/organizations/{orgId:guid}/settings/integrations", new { fhirBaseUrl = "" }, Supervisor, GroupAdmin),
        new("GET", "/api/organizations/{orgId:guid}/settings/integrations/webhook/deliveries", null, Supervisor, GroupAdmin),
        // No webhook is set in the seeded organization: those allowed get past the permission check to a 409.
        new("POST", "/api/organizations/{orgId:guid}/settings/integrations/webhook/test", null, Supervisor, GroupAdmin) { AllowedStatus = HttpStatusCode.Conflict },
        // Everyone has their own notifications and settings; the seeded notification is the Supervisor's (404 for others).
        new("GET", "/api/organizations/{orgId:guid}/notifications", null, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/notifications/{notificationId:guid}/read", null, Supervisor)
            { Hidden = [GroupAdmin, Analyst, ClinicalCurator, ReportWriter] },
        new("POST", "/api/organizations/{orgId:guid}/notifications/read-all", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/notifications/settings", null, Everyone),
        new("PUT", "/api/organizations/{orgId:guid}/notifications/settings",
            new { settings = new[] { new { @event = "upload.finished", inApp = true, email = false } } }, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/settings/notifications", null, Supervisor, GroupAdmin),
        new("PUT", "/api/organizations/{orgId:guid}/settings/notifications",
            new { settings = new[] { new { @event = "analysis.finished", inApp = true, email = true, audience = "everyone" } } }, Supervisor, GroupAdmin),
        // Usage: the organization's for organization.analytics.view, one's own for everyone; billing for organization.billing.manage.
        new("GET", "/api/organizations/{orgId:guid}/usage", null, Supervisor, GroupAdmin),
        new("GET", "/api/organizations/{orgId:guid}/usage/me", null, Everyone),
        new("GET", "/api/organizations/{orgId:guid}/settings/billing", null, Supervisor),
        new("PUT", "/api/organizations/{orgId:guid}/settings/billing", new { processingHoursQuota = 100 }, Supervisor),
        new("GET", "/api/organizations/{orgId:guid}/billing/statements", null, Supervisor),
        new("GET", "/api/organizations/{orgId:guid}/billing/statements/{month}", null, Supervisor),
        new("GET", "/api/organizations/{orgId:guid}/billing/statements/{month}", null, Supervisor) { Query = "?format=csv" },
        // Why someone sees something: users.manage's (about what the caller sees too).
        new("GET", "/api/organizations/{orgId:guid}/access/explain", null, Supervisor, GroupAdmin) { Query = "?userId={userId}&sampleId={sampleId}" },
        new("GET", "/api/organizations/{orgId:guid}/access/explain", null, Supervisor, GroupAdmin) { Query = "?userId={userId}&reportId={reportId}" },
        // Bookmarks are one's own (the seeded one is the Supervisor's); what they point to must be visible (the sample is).
        new("GET", "/api/organizations/{orgId:guid}/bookmarks", null, Everyone),
        new("POST", "/api/organizations/{orgId:guid}/bookmarks",
            (Func<IReadOnlyDictionary<string, Guid>, object>)(ids => new { kind = "sample", workspaceId = ids["workspaceId"], targetId = ids["sampleId"] }), Everyone),
        new("DELETE", "/api/organizations/{orgId:guid}/bookmarks/{bookmarkId:guid}", null, Supervisor)
            { Hidden = [GroupAdmin, Analyst, ClinicalCurator, ReportWriter] },
    ];

    private static IEnumerable<TestCaseData> Cases() =>
        from useCase in UseCases
        from role in Enum.GetValues<BuiltInRole>()
        select new TestCaseData(role, useCase).SetName($"{{m}}({role}, {useCase.Method} {useCase.Route}{useCase.Query}{(useCase.Bytes is null ? "" : " as " + useCase.ContentType)})");

    [TestCaseSource(nameof(Cases))]
    public async Task Role_gets_exactly_what_the_table_allows(BuiltInRole role, UseCase useCase)
    {
        SeededLab lab;
        SeededSamples samples;
        await using (var db = Database.CreateContext()) lab = await SeededLab.CreateAsync(db, "Matrix Lab");
        await using (var db = Database.CreateContext()) samples = await SeededSamples.CreateAsync(db, lab, Factory.Services.GetRequiredService<IFileStore>());
        SeededSamples.WritePreparedGenome(Factory.Services, lab.OrganizationId, samples.ReferenceId);
        var client = await Factory.SignedInClientAsync(lab.Members[role].Email);
        var ids = new Dictionary<string, Guid>(lab.RouteValues)
        {
            ["sampleId"] = samples.SampleId,
            ["subjectId"] = samples.SubjectId,
            ["emptySubjectId"] = samples.EmptySubjectId,
            ["trashedSampleId"] = samples.TrashedSampleId,
            ["trashedSubjectId"] = samples.TrashedSubjectId,
            ["uploadId"] = samples.UploadId,
            ["fileId"] = samples.FileId,
            ["genomeFileId"] = samples.GenomeFileId,
            ["referenceId"] = samples.ReferenceId,
            ["workflowId"] = samples.WorkflowId,
            ["analysisId"] = samples.AnalysisId,
            ["failedAnalysisId"] = samples.FailedAnalysisId,
            ["completeAnalysisId"] = samples.CompleteAnalysisId,
            ["noteId"] = samples.NoteId,
            ["geneListId"] = samples.GeneListId,
            ["filterSetId"] = samples.FilterSetId,
            ["savedSearchId"] = samples.SavedSearchId,
            ["tokenId"] = samples.TokenId,
            ["clientId"] = samples.OrganizationClientId,
            ["reportId"] = samples.ReportId,
            ["signedReportId"] = samples.SignedReportId,
            ["orderId"] = samples.OrderId,
            ["notificationId"] = samples.NotificationId,
            ["bookmarkId"] = samples.BookmarkId,
        };
        if (useCase.Use is var (key, from)) ids[key] = ids[from];
        var url = new ApiEndpointCatalog.ApiEndpoint(useCase.Method, useCase.Route, null!).Url(ids)
            + System.Text.RegularExpressions.Regex.Replace(useCase.Query, @"\{(?<name>[a-zA-Z]+)\}", m => ids[m.Groups["name"].Value].ToString());
        var body = useCase.Body is Func<IReadOnlyDictionary<string, Guid>, object> make ? make(ids) : useCase.Body;

        HttpResponseMessage response;
        if (useCase.Method == "GET") response = await client.GetAsync(url);
        else if (useCase.Headers.Count == 0 && useCase.Bytes is null) response = await client.SendUnsafeAsync(new HttpMethod(useCase.Method), url, body);
        else
        {
            var token = await client.GetFromJsonAsync<JsonElement>("/api/auth/antiforgery");
            using var request = new HttpRequestMessage(new HttpMethod(useCase.Method), url);
            request.Headers.Add("X-XSRF-TOKEN", token.GetProperty("token").GetString());
            foreach (var (name, value) in useCase.Headers) request.Headers.Add(name, value);
            if (useCase.Bytes is not null)
            {
                request.Content = new ByteArrayContent(useCase.Bytes);
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(useCase.ContentType);
            }
            response = await client.SendAsync(request);
        }
        if (useCase.Method == "HEAD")
        {
            // No body on a HEAD answer: the status says it all.
            if (useCase.Hidden.Contains(role)) Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            else if (useCase.Allowed.Contains(role)) Assert.That(response.IsSuccessStatusCode, Is.True, $"{role}: {(int)response.StatusCode}");
            else Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            return;
        }

        if (useCase.Hidden.Contains(role))
            await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        else if (useCase.Allowed.Contains(role) && useCase.AllowedStatus is { } status)
            await Problems.AssertProblemAsync(response, status);
        else if (useCase.Allowed.Contains(role))
            Assert.That(response.IsSuccessStatusCode, Is.True, $"{role} should be allowed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        else
            await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task A_role_edit_takes_effect_on_the_very_next_request_of_the_same_session()
    {
        SeededLab lab;
        await using (var db = Database.CreateContext()) lab = await SeededLab.CreateAsync(db, "Matrix Lab");
        var analyst = await Factory.SignedInClientAsync(lab.Members[Analyst].Email);
        var url = $"/api/organizations/{lab.OrganizationId}/settings/access-control";
        await Problems.AssertProblemAsync(await analyst.SendUnsafeAsync(HttpMethod.Put, url, new { roleBasedAccessEnabled = false }), HttpStatusCode.Forbidden);

        await using (var db = Database.CreateContext())
        {
            var role = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.IgnoreQueryFilters(db.Roles),
                r => r.OrganizationId == lab.OrganizationId && r.BuiltIn == Analyst);
            role.SetPermissions(role.PermissionKeys.Append(Permissions.OrganizationSettingsManage), Permissions.All);
            await db.SaveChangesAsync();
        }

        var allowed = await analyst.SendUnsafeAsync(HttpMethod.Put, url, new { roleBasedAccessEnabled = false });
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), "no sign-out needed: roles are read per request, never from the cookie");
    }

    [Test]
    public void The_matrix_covers_every_organization_scoped_endpoint()
    {
        var covered = UseCases.Select(u => u.ToString()).ToHashSet();
        var missing = ApiEndpointCatalog.All(Factory.Services).Where(e => e.IsOrganizationScoped).Select(e => e.Key).Where(k => !covered.Contains(k)).ToList();
        Assert.That(missing, Is.Empty, "add these endpoints to the role matrix with the roles the permission table allows");
    }
}

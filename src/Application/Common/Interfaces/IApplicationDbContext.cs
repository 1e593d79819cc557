using VariantMiner.Application.Common.Messaging;
using VariantMiner.Domain.Invitations;

namespace VariantMiner.Application.Common.Interfaces;

/// <summary>
/// The tables handlers read and write. Tenant-owned sets are filtered to the request's organization by the
/// data layer (second line of defence behind the organization-scope behavior).
/// </summary>
public interface IApplicationDbContext
{
    DbSet<Organization> Organizations { get; }
    DbSet<Role> Roles { get; }
    DbSet<Membership> Memberships { get; }
    DbSet<Workspace> Workspaces { get; }
    DbSet<ActivityRecord> Activities { get; }
    DbSet<Invitation> Invitations { get; }
    DbSet<OutboxMessage> Outbox { get; }
    DbSet<Domain.Auditing.AuditRecord> AuditRecords { get; }

    // Samples, subjects, their assignments and the organization's assay list
    DbSet<Assay> Assays { get; }
    DbSet<Subject> Subjects { get; }
    DbSet<Sample> Samples { get; }
    DbSet<SampleAssignment> SampleAssignments { get; }

    // Files and uploads in progress
    DbSet<Domain.Files.Upload> Uploads { get; }
    DbSet<Domain.Files.StoredFile> StoredFiles { get; }
    DbSet<Domain.Analyses.Analysis> Analyses { get; }
    DbSet<Domain.Analyses.Workflow> Workflows { get; }
    DbSet<Domain.Analyses.ReferenceBundle> ReferenceBundles { get; }
    DbSet<Domain.Variants.Variant> Variants { get; }
    DbSet<Domain.Variants.Classification> Classifications { get; }
    DbSet<Domain.Variants.VariantNote> VariantNotes { get; }
    DbSet<Domain.Variants.VariantTag> VariantTags { get; }
    DbSet<Domain.Variants.GeneList> GeneLists { get; }
    DbSet<Domain.Variants.FilterSet> FilterSets { get; }
    DbSet<Domain.Variants.SavedSearch> SavedSearches { get; }
    DbSet<Domain.Authorization.PersonalAccessToken> PersonalAccessTokens { get; }
    DbSet<Domain.Authorization.SingleSignOnConnection> SingleSignOnConnections { get; }
    DbSet<Domain.Authorization.OrganizationClient> OrganizationClients { get; }
    DbSet<Domain.Orders.Order> Orders { get; }
    DbSet<Domain.Reports.Report> Reports { get; }
    DbSet<Domain.Reports.ReportVersion> ReportVersions { get; }
    DbSet<Domain.Reports.ReportDocument> ReportDocuments { get; }
    DbSet<Domain.Reports.ReportPreferences> ReportPreferences { get; }
    DbSet<Domain.Reports.ReportDelivery> ReportDeliveries { get; }
    DbSet<Domain.Integrations.IntegrationSettings> IntegrationSettings { get; }
    DbSet<Domain.Notifications.Notification> Notifications { get; }
    DbSet<Domain.Notifications.NotificationPreference> NotificationPreferences { get; }
    DbSet<Domain.Bookmarks.Bookmark> Bookmarks { get; }
    DbSet<Domain.Integrations.WebhookDelivery> WebhookDeliveries { get; }
    DbSet<Domain.Usage.StorageSnapshot> StorageSnapshots { get; }
    DbSet<Domain.Usage.BillingArrangement> BillingArrangements { get; }
    DbSet<Domain.Usage.QuotaAlert> QuotaAlerts { get; }
    DbSet<Domain.Usage.Statement> Statements { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);
}

using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using VariantMiner.Application.Common.Messaging;
using VariantMiner.Domain.Common;
using VariantMiner.Domain.Invitations;
using VariantMiner.Domain.Samples;
using VariantMiner.Infrastructure.Identity;

namespace VariantMiner.Infrastructure.Persistence;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options, IOrganizationContext? organizationContext = null)
    : IdentityUserContext<ApplicationUser, Guid>(options), IApplicationDbContext
{
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Role> Roles => Set<Role>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<ActivityRecord> Activities => Set<ActivityRecord>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<Domain.Auditing.AuditRecord> AuditRecords => Set<Domain.Auditing.AuditRecord>();

    // Samples, subjects, their assignments and the organization's assay list
    public DbSet<Assay> Assays => Set<Assay>();
    public DbSet<Subject> Subjects => Set<Subject>();
    public DbSet<Sample> Samples => Set<Sample>();
    public DbSet<SampleAssignment> SampleAssignments => Set<SampleAssignment>();

    // Files and uploads in progress
    public DbSet<Domain.Files.Upload> Uploads => Set<Domain.Files.Upload>();
    public DbSet<Domain.Files.StoredFile> StoredFiles => Set<Domain.Files.StoredFile>();

    // Analyses (runs and their queue), workflows and reference bundles
    public DbSet<Domain.Analyses.Analysis> Analyses => Set<Domain.Analyses.Analysis>();
    public DbSet<Domain.Analyses.Workflow> Workflows => Set<Domain.Analyses.Workflow>();
    public DbSet<Domain.Analyses.ReferenceBundle> ReferenceBundles => Set<Domain.Analyses.ReferenceBundle>();
    // Variant data of analyses (written in bulk by the import)
    public DbSet<Domain.Variants.Variant> Variants => Set<Domain.Variants.Variant>();
    public DbSet<Domain.Variants.Classification> Classifications => Set<Domain.Variants.Classification>();
    public DbSet<Domain.Orders.Order> Orders => Set<Domain.Orders.Order>();
    public DbSet<Domain.Reports.Report> Reports => Set<Domain.Reports.Report>();
    public DbSet<Domain.Reports.ReportVersion> ReportVersions => Set<Domain.Reports.ReportVersion>();
    public DbSet<Domain.Reports.ReportDocument> ReportDocuments => Set<Domain.Reports.ReportDocument>();
    public DbSet<Domain.Reports.ReportPreferences> ReportPreferences => Set<Domain.Reports.ReportPreferences>();
    public DbSet<Domain.Reports.ReportDelivery> ReportDeliveries => Set<Domain.Reports.ReportDelivery>();
    public DbSet<Domain.Integrations.IntegrationSettings> IntegrationSettings => Set<Domain.Integrations.IntegrationSettings>();
    public DbSet<Domain.Notifications.Notification> Notifications => Set<Domain.Notifications.Notification>();
    public DbSet<Domain.Notifications.NotificationPreference> NotificationPreferences => Set<Domain.Notifications.NotificationPreference>();
    public DbSet<Domain.Bookmarks.Bookmark> Bookmarks => Set<Domain.Bookmarks.Bookmark>();
    public DbSet<Domain.Integrations.WebhookDelivery> WebhookDeliveries => Set<Domain.Integrations.WebhookDelivery>();
    public DbSet<Domain.Usage.StorageSnapshot> StorageSnapshots => Set<Domain.Usage.StorageSnapshot>();
    public DbSet<Domain.Usage.BillingArrangement> BillingArrangements => Set<Domain.Usage.BillingArrangement>();
    public DbSet<Domain.Usage.QuotaAlert> QuotaAlerts => Set<Domain.Usage.QuotaAlert>();
    public DbSet<Domain.Usage.Statement> Statements => Set<Domain.Usage.Statement>();
    public DbSet<Domain.Variants.VariantNote> VariantNotes => Set<Domain.Variants.VariantNote>();
    public DbSet<Domain.Variants.VariantTag> VariantTags => Set<Domain.Variants.VariantTag>();
    public DbSet<Domain.Variants.GeneList> GeneLists => Set<Domain.Variants.GeneList>();
    public DbSet<Domain.Variants.FilterSet> FilterSets => Set<Domain.Variants.FilterSet>();
    public DbSet<Domain.Variants.SavedSearch> SavedSearches => Set<Domain.Variants.SavedSearch>();
    public DbSet<Domain.Authorization.PersonalAccessToken> PersonalAccessTokens => Set<Domain.Authorization.PersonalAccessToken>();
    public DbSet<Domain.Authorization.SingleSignOnConnection> SingleSignOnConnections => Set<Domain.Authorization.SingleSignOnConnection>();
    public DbSet<Domain.Authorization.OrganizationClient> OrganizationClients => Set<Domain.Authorization.OrganizationClient>();

    /// <summary>
    /// Read by the tenant query filters on every query (never captured at model build). Outside an organization
    /// scope it is Guid.Empty, which matches no row: the filter fails closed.
    /// </summary>
    internal Guid CurrentOrganizationId => organizationContext?.OrganizationId ?? Guid.Empty;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // The OAuth server's applications (organization clients, the CLI), authorizations and tokens (OpenIddict's own tables).
        builder.UseOpenIddict<Guid>();
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        foreach (var entityType in builder.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(entityType.ClrType).HasQueryFilter(QueryFilters.Tenant, TenantFilter(entityType.ClrType));
        }
        foreach (var entityType in builder.Model.GetEntityTypes().Where(t => typeof(ITrashable).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(entityType.ClrType).HasQueryFilter(QueryFilters.Trash, NotInTrash(entityType.ClrType));
        }
    }

    private static LambdaExpression NotInTrash(Type clrType)
    {
        var entity = Expression.Parameter(clrType, "e");
        var deletedAt = Expression.Property(Expression.Convert(entity, typeof(ITrashable)), nameof(ITrashable.DeletedAt));
        return Expression.Lambda(Expression.Equal(deletedAt, Expression.Constant(null, typeof(DateTimeOffset?))), entity);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset; store UTC DateTime text there (sortable, same TEXT column).
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcDateTimeOffsetConverter>();
        }
    }

    private LambdaExpression TenantFilter(Type clrType)
    {
        var entity = Expression.Parameter(clrType, "e");
        var organizationId = Expression.Property(Expression.Convert(entity, typeof(ITenantOwned)), nameof(ITenantOwned.OrganizationId));
        var current = Expression.Property(Expression.Constant(this), nameof(CurrentOrganizationId));
        return Expression.Lambda(Expression.Equal(organizationId, current), entity);
    }

    private sealed class UtcDateTimeOffsetConverter() : ValueConverter<DateTimeOffset, DateTime>(
        v => v.UtcDateTime,
        v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));
}

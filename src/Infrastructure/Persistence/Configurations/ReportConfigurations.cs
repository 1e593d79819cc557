using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Orders;
using VariantMiner.Domain.Reports;

namespace VariantMiner.Infrastructure.Persistence.Configurations;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<Report>, IEntityTypeConfiguration<ReportVersion>, IEntityTypeConfiguration<ReportDocument>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Report> b)
    {
        b.ToTable("Reports");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Title).HasMaxLength(Report.TitleMaxLength);
        b.Ignore(r => r.Current);
        b.Ignore(r => r.SignedStatus);
        b.HasIndex(r => new { r.WorkspaceId, r.CreatedAt });
        b.HasIndex(r => r.AnalysisId);
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Workspace>().WithMany().HasForeignKey(r => r.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Analysis>().WithMany().HasForeignKey(r => r.AnalysisId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Order>().WithMany().HasForeignKey(r => r.OrderId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(r => r.Versions).WithOne().HasForeignKey(v => v.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Versions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    public void Configure(EntityTypeBuilder<ReportVersion> b)
    {
        // The database refuses UPDATE of a signed version, and of what a first signature (two-person rule) froze.
        b.ToTable("ReportVersions", t =>
        {
            t.HasTrigger("TR_ReportVersions_SignedUnchangeable");
            t.HasTrigger("TR_ReportVersions_FirstSignedUnchangeable");
        });
        b.Property(v => v.Id).ValueGeneratedNever();
        b.HasIndex(v => new { v.ReportId, v.Number }).IsUnique();
        b.Property(v => v.Status).HasConversion<string>().HasMaxLength(24);
        b.Property(v => v.Kind).HasConversion<string>().HasMaxLength(24);
        b.Property(v => v.Reason).HasMaxLength(ReportVersion.ReasonMaxLength);
        b.Property(v => v.Content).HasConversion(c => JsonSerializer.Serialize(c, Json), s => JsonSerializer.Deserialize<ReportContent>(s, Json)!,
            new ValueComparer<ReportContent>((x, y) => JsonSerializer.Serialize(x, Json) == JsonSerializer.Serialize(y, Json),
                c => JsonSerializer.Serialize(c, Json).GetHashCode(StringComparison.Ordinal), c => c));
        b.Property(v => v.SignerName).HasMaxLength(200);
        b.Property(v => v.FirstSignerName).HasMaxLength(200);
        b.Property(v => v.FirstSignatureMeaning).HasMaxLength(24);
        b.Ignore(v => v.AwaitsSecondSignature);
        b.Property(v => v.SignatureMeaning).HasMaxLength(24);
        b.Property(v => v.PdfSha256).HasMaxLength(64);
        b.Ignore(v => v.IsSigned);
        b.Ignore(v => v.IsDraft);
        b.HasOne<Organization>().WithMany().HasForeignKey(v => v.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ReportDocument> b)
    {
        // Migration Reports: the database refuses UPDATE of a signed PDF.
        b.ToTable("ReportDocuments", t => t.HasTrigger("TR_ReportDocuments_NoUpdate"));
        b.HasKey(d => d.VersionId);
        b.Property(d => d.Sha256).HasMaxLength(64);
        b.HasOne<ReportVersion>().WithOne().HasForeignKey<ReportDocument>(d => d.VersionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrderConfiguration : IEntityTypeConfiguration<Order>, IEntityTypeConfiguration<OrderSample>, IEntityTypeConfiguration<OrderAssignment>
{
    public void Configure(EntityTypeBuilder<Order> b)
    {
        b.ToTable("Orders");
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(16);
        b.ComplexProperty(o => o.Details, d =>
        {
            d.Property(x => x.Test).HasColumnName("Test").HasMaxLength(OrderDetails.NameMaxLength);
            d.Property(x => x.OrderingClinician).HasColumnName("OrderingClinician").HasMaxLength(OrderDetails.NameMaxLength);
            d.Property(x => x.OrderingInstitution).HasColumnName("OrderingInstitution").HasMaxLength(OrderDetails.NameMaxLength);
            d.Property(x => x.Indication).HasColumnName("Indication").HasMaxLength(OrderDetails.IndicationMaxLength);
            d.Property(x => x.PhenotypeTerms).HasColumnName("PhenotypeTerms").HasMaxLength(1000)
                .HasConversion(v => string.Join(' ', v), v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                    new ValueComparer<IReadOnlyList<string>>((x, y) => x!.SequenceEqual(y!), v => string.Join(' ', v).GetHashCode(StringComparison.Ordinal), v => v.ToList()));
            d.Property(x => x.Priority).HasColumnName("Priority").HasConversion<string>().HasMaxLength(16);
            d.Property(x => x.DueDate).HasColumnName("DueDate");
            d.Property(x => x.ExternalId).HasColumnName("ExternalId").HasMaxLength(OrderDetails.ExternalIdMaxLength);
        });
        b.Ignore(o => o.IsOpen);
        b.HasIndex(o => new { o.WorkspaceId, o.CreatedAt });
        b.HasOne<Organization>().WithMany().HasForeignKey(o => o.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Workspace>().WithMany().HasForeignKey(o => o.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(o => o.Samples).WithOne().HasForeignKey(s => s.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(o => o.Assignments).WithOne().HasForeignKey(a => a.OrderId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(o => o.Samples).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(o => o.Assignments).UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    public void Configure(EntityTypeBuilder<OrderSample> b)
    {
        b.ToTable("OrderSamples");
        b.HasKey(s => new { s.OrderId, s.SampleId });
        b.HasIndex(s => s.SampleId);
        b.HasOne<Domain.Samples.Sample>().WithMany().HasForeignKey(s => s.SampleId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<OrderAssignment> b)
    {
        b.ToTable("OrderAssignments");
        b.HasKey(a => new { a.OrderId, a.UserId });
        b.HasIndex(a => a.UserId);
    }
}

internal sealed class ReportPreferencesConfiguration : IEntityTypeConfiguration<ReportPreferences>
{
    public void Configure(EntityTypeBuilder<ReportPreferences> b)
    {
        b.ToTable("ReportPreferences");
        b.HasKey(p => p.OrganizationId);
        b.Property(p => p.Header).HasMaxLength(ReportPreferences.TextMaxLength);
        b.Property(p => p.Footer).HasMaxLength(ReportPreferences.TextMaxLength);
        b.Property(p => p.LogoType).HasMaxLength(16);
        b.HasOne<Organization>().WithOne().HasForeignKey<ReportPreferences>(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportDeliveryConfiguration : IEntityTypeConfiguration<ReportDelivery>, IEntityTypeConfiguration<Domain.Integrations.IntegrationSettings>,
    IEntityTypeConfiguration<Domain.Integrations.WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<Domain.Integrations.WebhookDelivery> b)
    {
        b.ToTable("WebhookDeliveries");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        b.Property(d => d.Endpoint).HasMaxLength(Domain.Integrations.IntegrationSettings.UrlMaxLength);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.LastError).HasMaxLength(Domain.Integrations.OutboundDelivery.ErrorMaxLength);
        b.Property(d => d.Event).HasMaxLength(64);
        b.HasIndex(d => new { d.OrganizationId, d.CreatedAt });
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        b.HasOne<Organization>().WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<ReportDelivery> b)
    {
        b.ToTable("ReportDeliveries");
        b.HasKey(d => d.Id);
        b.Property(d => d.Endpoint).HasMaxLength(Domain.Integrations.IntegrationSettings.UrlMaxLength);
        b.Property(d => d.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.LastError).HasMaxLength(Domain.Integrations.OutboundDelivery.ErrorMaxLength);
        b.Property(d => d.RemoteLocation).HasMaxLength(500);
        b.HasIndex(d => d.OrganizationId);
        b.HasIndex(d => d.ReportId);
        b.HasIndex(d => new { d.Status, d.NextAttemptAt });
        b.HasOne<Report>().WithMany().HasForeignKey(d => d.ReportId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organization>().WithMany().HasForeignKey(d => d.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Domain.Integrations.IntegrationSettings> b)
    {
        b.ToTable("IntegrationSettings");
        b.HasKey(s => s.OrganizationId);
        b.Property(s => s.FhirBaseUrl).HasMaxLength(Domain.Integrations.IntegrationSettings.UrlMaxLength);
        b.Property(s => s.FhirAuthentication).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.FhirUserName).HasMaxLength(Domain.Integrations.IntegrationSettings.UserNameMaxLength);
        b.Property(s => s.WebhookUrl).HasMaxLength(Domain.Integrations.IntegrationSettings.UrlMaxLength);
        b.HasOne<Organization>().WithOne().HasForeignKey<Domain.Integrations.IntegrationSettings>(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

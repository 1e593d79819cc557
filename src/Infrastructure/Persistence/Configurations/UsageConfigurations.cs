using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VariantMiner.Domain.Usage;

namespace VariantMiner.Infrastructure.Persistence.Configurations;

internal sealed class UsageConfiguration : IEntityTypeConfiguration<StorageSnapshot>, IEntityTypeConfiguration<BillingArrangement>,
    IEntityTypeConfiguration<QuotaAlert>, IEntityTypeConfiguration<Statement>
{
    public void Configure(EntityTypeBuilder<StorageSnapshot> b)
    {
        b.ToTable("StorageSnapshots");
        b.HasKey(s => new { s.OrganizationId, s.WorkspaceId, s.Day });
        b.HasIndex(s => new { s.OrganizationId, s.Day });
        b.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<BillingArrangement> b)
    {
        b.ToTable("BillingArrangements");
        b.HasKey(a => a.OrganizationId);
        b.Property(a => a.PlanName).HasMaxLength(BillingArrangement.PlanNameMaxLength);
        b.Property(a => a.Currency).HasMaxLength(3);
        foreach (var price in new[] { nameof(BillingArrangement.PricePerGbMonth), nameof(BillingArrangement.PricePerCpuHour),
                     nameof(BillingArrangement.PricePerSample), nameof(BillingArrangement.MonthlyFee) })
            b.Property<decimal>(price).HasPrecision(18, 4);
        b.HasOne<Organization>().WithOne().HasForeignKey<BillingArrangement>(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<QuotaAlert> b)
    {
        b.ToTable("QuotaAlerts");
        b.HasKey(a => new { a.OrganizationId, a.Quota, a.Month, a.Threshold });
        b.Property(a => a.Quota).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<Statement> b)
    {
        b.ToTable("Statements", t => t.HasTrigger("TR_Statements_NoUpdate")); // a closed month never changes
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.PlanName).HasMaxLength(BillingArrangement.PlanNameMaxLength);
        b.Property(s => s.Currency).HasMaxLength(3);
        b.Property(s => s.Total).HasPrecision(18, 4);
        b.HasIndex(s => new { s.OrganizationId, s.Month }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VariantMiner.Domain.Auditing;

namespace VariantMiner.Infrastructure.Auditing;

internal sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> b)
    {
        // Append-only: the database refuses UPDATE and DELETE (migration AuditTrail). No foreign key to the
        // organization either: its audit rows outlive it (docs/security.md, "Audit trail").
        b.ToTable("AuditRecords", t =>
        {
            t.HasTrigger("TR_AuditRecords_NoUpdate");
            t.HasTrigger("TR_AuditRecords_NoDelete");
        });
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.EntityType).HasMaxLength(100);
        b.Property(a => a.EntityId).HasMaxLength(200);
        b.Property(a => a.Action).HasMaxLength(16);
        b.Property(a => a.RequestId).HasMaxLength(64);
        b.Property(a => a.PreviousHash).HasMaxLength(64);
        b.Property(a => a.Hash).HasMaxLength(64);
        b.HasIndex(a => new { a.OrganizationId, a.Sequence }).IsUnique();
    }
}

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> b)
    {
        b.ToTable("AuditHeads");
        b.HasKey(h => h.OrganizationId);
        b.Property(h => h.OrganizationId).ValueGeneratedNever();
        b.Property(h => h.Hash).HasMaxLength(64);
    }
}

using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VariantMiner.Domain.Files;
using VariantMiner.Domain.Samples;

namespace VariantMiner.Infrastructure.Persistence.Configurations;

internal sealed class UploadConfiguration : IEntityTypeConfiguration<Upload>
{
    public void Configure(EntityTypeBuilder<Upload> b)
    {
        b.Property(u => u.Id).ValueGeneratedNever();
        b.Property(u => u.Name).HasMaxLength(Upload.NameMaxLength);
        b.Property(u => u.Kind).HasMaxLength(16);
        b.HasIndex(u => u.ExpiresAt); // the expiry sweep
        b.HasOne<Workspace>().WithMany().HasForeignKey(u => u.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        // Removed with the sample by the trash purge (TrashPurge), which also frees their bytes.
        b.HasOne<Sample>().WithMany().HasForeignKey(u => u.SampleId).OnDelete(DeleteBehavior.NoAction);
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("Files");
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.Name).HasMaxLength(Upload.NameMaxLength);
        b.Property(f => f.Kind).HasMaxLength(16);
        b.Property(f => f.Sha256).HasMaxLength(64);
        // The workspace's files newest first, and a sample's files.
        b.HasIndex(f => new { f.OrganizationId, f.WorkspaceId, f.UploadedAt });
        b.HasIndex(f => f.SampleId);
        b.HasIndex(f => f.AnalysisId);
        b.HasOne<Workspace>().WithMany().HasForeignKey(f => f.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Sample>().WithMany().HasForeignKey(f => f.SampleId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<Domain.Analyses.Analysis>().WithMany().HasForeignKey(f => f.AnalysisId).OnDelete(DeleteBehavior.SetNull);
    }
}

using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Samples;

namespace VariantMiner.Infrastructure.Persistence.Configurations;

internal sealed class AnalysisConfiguration : IEntityTypeConfiguration<Analysis>
{
    /// <remarks>Samples, inputs, steps and assignments are owned: loaded with every run (a handful of rows each).</remarks>
    public void Configure(EntityTypeBuilder<Analysis> b)
    {
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Kind).HasMaxLength(64);
        b.Property(a => a.Pipeline).HasMaxLength(64);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.Reason).HasMaxLength(Analysis.ReasonMaxLength);
        b.Property(a => a.LogTail).HasMaxLength(Analysis.LogTailMaxLength);
        // The run queue's lease (written by the queue's SQL only; see RunQueue).
        b.Property<string>("LeaseOwner").HasMaxLength(200);
        b.Property<DateTimeOffset?>("LeaseExpiresAt");
        // The queue takes the oldest QUEUED run; expired leases are found by status and expiry.
        b.HasIndex(a => new { a.Status, a.CreatedAt });
        b.HasIndex(a => new { a.OrganizationId, a.WorkspaceId, a.CreatedAt });
        b.HasIndex(a => a.ParentId);
        b.HasOne<Workspace>().WithMany().HasForeignKey(a => a.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Analysis>().WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<Workflow>().WithMany().HasForeignKey(a => a.WorkflowId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<ReferenceBundle>().WithMany().HasForeignKey(a => a.ReferenceBundleId).OnDelete(DeleteBehavior.NoAction);

        b.OwnsMany(a => a.Samples, s =>
        {
            s.ToTable("AnalysisSamples");
            s.WithOwner().HasForeignKey(x => x.AnalysisId);
            s.HasKey(x => new { x.AnalysisId, x.SampleId });
            s.HasIndex(x => x.SampleId);
            s.HasOne<Sample>().WithMany().HasForeignKey(x => x.SampleId).OnDelete(DeleteBehavior.NoAction);
        });
        b.OwnsMany(a => a.Inputs, s =>
        {
            s.ToTable("AnalysisInputs");
            s.WithOwner().HasForeignKey(x => x.AnalysisId);
            s.HasKey(x => new { x.AnalysisId, x.FileId });
        });
        b.OwnsMany(a => a.Steps, s =>
        {
            s.ToTable("AnalysisSteps");
            s.WithOwner().HasForeignKey(x => x.AnalysisId);
            s.HasKey(x => new { x.AnalysisId, x.Name });
            s.Property(x => x.Name).HasMaxLength(100);
            s.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        });
        b.OwnsMany(a => a.Assignments, s =>
        {
            s.ToTable("AnalysisAssignments");
            s.WithOwner().HasForeignKey(x => x.AnalysisId);
            s.HasKey(x => new { x.AnalysisId, x.UserId });
            // "Assigned to me" in a workspace.
            s.HasIndex(x => new { x.UserId, x.WorkspaceId });
        });
    }
}

internal sealed class WorkflowConfiguration : IEntityTypeConfiguration<Workflow>
{
    public void Configure(EntityTypeBuilder<Workflow> b)
    {
        b.Property(w => w.Id).ValueGeneratedNever();
        b.Property(w => w.Name).HasMaxLength(Workflow.NameMaxLength);
        b.Property(w => w.Pipeline).HasMaxLength(64);
        b.HasIndex(w => new { w.OrganizationId, w.Name }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(w => w.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReferenceBundleConfiguration : IEntityTypeConfiguration<ReferenceBundle>
{
    public void Configure(EntityTypeBuilder<ReferenceBundle> b)
    {
        b.ToTable("ReferenceBundles");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Name).HasMaxLength(ReferenceBundle.NameMaxLength);
        b.Property(r => r.Version).HasMaxLength(ReferenceBundle.NameMaxLength);
        b.Property(r => r.GenomeBuild).HasMaxLength(ReferenceBundle.NameMaxLength);
        b.Property(r => r.AnnotationFileIds).HasMaxLength(4000);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(r => r.Reason).HasMaxLength(2000);
        // Preparation claims a bundle by this column (see ReferencePreparation).
        b.Property<DateTimeOffset?>("PreparingSince");
        b.HasIndex(r => new { r.OrganizationId, r.Name, r.Version }).IsUnique();
        b.HasIndex(r => r.Status);
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

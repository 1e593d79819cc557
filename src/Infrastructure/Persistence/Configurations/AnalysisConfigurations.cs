using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Samples;

namespace VariantMiner.Infrastructure.Persistence.Configurations;

internal sealed class AnalysisConfiguration : IEntityTypeConfiguration<Analysis>
{
    public void Configure(EntityTypeBuilder<Analysis> b)
    {
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Kind).HasMaxLength(64);
        b.Property(a => a.Pipeline).HasMaxLength(64);
        // A concurrency token: a worker's write never overwrites a cancel that arrived meanwhile (nor a cancel a claim).
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
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
        // Deleting a workspace or an organization cascades along several paths at once; every link from a run is
        // therefore one the database may resolve in any order (cascade or set null), never a NO ACTION check.
        b.HasOne<Analysis>().WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Workflow>().WithMany().HasForeignKey(a => a.WorkflowId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<ReferenceBundle>().WithMany().HasForeignKey(a => a.ReferenceBundleId).OnDelete(DeleteBehavior.SetNull);

        // A run's samples, inputs, steps and assignments are loaded with it (a handful of rows each).
        b.HasMany(a => a.Samples).WithOne().HasForeignKey(x => x.AnalysisId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Inputs).WithOne().HasForeignKey(x => x.AnalysisId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Steps).WithOne().HasForeignKey(x => x.AnalysisId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Assignments).WithOne().HasForeignKey(x => x.AnalysisId).OnDelete(DeleteBehavior.Cascade);
        foreach (var navigation in new[] { nameof(Analysis.Samples), nameof(Analysis.Inputs), nameof(Analysis.Steps), nameof(Analysis.Assignments) })
            b.Navigation(navigation).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
    }
}

internal sealed class AnalysisPartsConfiguration : IEntityTypeConfiguration<AnalysisSample>, IEntityTypeConfiguration<AnalysisInput>,
    IEntityTypeConfiguration<AnalysisStep>, IEntityTypeConfiguration<AnalysisAssignment>
{
    public void Configure(EntityTypeBuilder<AnalysisSample> b)
    {
        b.ToTable("AnalysisSamples");
        b.HasKey(x => new { x.AnalysisId, x.SampleId });
        b.HasIndex(x => x.SampleId);
        b.HasOne<Sample>().WithMany().HasForeignKey(x => x.SampleId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<AnalysisInput> b)
    {
        b.ToTable("AnalysisInputs");
        b.HasKey(x => new { x.AnalysisId, x.FileId });
    }

    public void Configure(EntityTypeBuilder<AnalysisStep> b)
    {
        b.ToTable("AnalysisSteps");
        b.HasKey(x => new { x.AnalysisId, x.Name });
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
    }

    public void Configure(EntityTypeBuilder<AnalysisAssignment> b)
    {
        b.ToTable("AnalysisAssignments");
        b.HasKey(x => new { x.AnalysisId, x.UserId });
        // "Assigned to me" in a workspace.
        b.HasIndex(x => new { x.UserId, x.WorkspaceId });
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

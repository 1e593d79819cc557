using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VariantMiner.Domain.Samples;
using static VariantMiner.Infrastructure.Persistence.Configurations.TrashIndex;

namespace VariantMiner.Infrastructure.Persistence.Configurations;

internal sealed class AssayConfiguration : IEntityTypeConfiguration<Assay>
{
    public void Configure(EntityTypeBuilder<Assay> b)
    {
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Name).HasMaxLength(Assay.NameMaxLength);
        b.HasIndex(a => new { a.OrganizationId, a.Name }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>Index filters over trashable rows; the same SQL on SQLite and PostgreSQL.</summary>
internal static class TrashIndex
{
    public const string Live = "\"DeletedAt\" IS NULL", InTrash = "\"DeletedAt\" IS NOT NULL";
}

internal sealed class SubjectConfiguration : IEntityTypeConfiguration<Subject>
{
    public void Configure(EntityTypeBuilder<Subject> b)
    {
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.ExternalId).HasMaxLength(Subject.ExternalIdMaxLength);
        b.Property(s => s.Sex).HasConversion<string>().HasMaxLength(16);
        b.Property(s => s.Notes).HasMaxLength(Subject.NotesMaxLength);
        b.Property(s => s.Affected).HasConversion<string>().HasMaxLength(16);
        // HPO ids never contain a space: stored as one space-separated text column on both providers.
        b.Property(s => s.PhenotypeTerms)
            .HasConversion(
                v => string.Join(' ', v),
                v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                new ValueComparer<IReadOnlyList<string>>((x, y) => x!.SequenceEqual(y!), v => v.Aggregate(0, (h, t) => HashCode.Combine(h, t.GetHashCode())), v => v.ToArray()))
            .HasMaxLength(1200);
        // External ids are unique among live subjects: a trashed subject's id may be reused (restore then checks it).
        b.HasIndex(s => new { s.WorkspaceId, s.ExternalId }).IsUnique().HasFilter(Live);
        b.HasIndex(s => s.DeletedAt).HasFilter(InTrash);
        b.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        // A purged parent leaves its children without that parent rather than blocking the purge.
        b.HasOne<Subject>().WithMany().HasForeignKey(s => s.FatherId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Subject>().WithMany().HasForeignKey(s => s.MotherId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class SampleConfiguration : IEntityTypeConfiguration<Sample>
{
    public void Configure(EntityTypeBuilder<Sample> b)
    {
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Name).HasMaxLength(Sample.NameMaxLength);
        b.Property(s => s.Assay).HasMaxLength(Assay.NameMaxLength);
        b.Property(s => s.Status).HasConversion<string>().HasMaxLength(32);
        b.Property(s => s.Version).IsConcurrencyToken();
        // Indexes match the analyses table: newest first per workspace, optionally per assay; name sort and uniqueness.
        // OrganizationId is in the paging indexes because the tenant filter adds "OrganizationId = @org" to every query:
        // without it each candidate row needs a table lookup (the 1,000,000-sample benchmark, bench/README.md).
        // Partial indexes over live samples (every page query carries the trash filter), so trashed rows cost nothing
        // there and their names are free; the trash and the purge job read the small DeletedAt index.
        b.HasIndex(s => new { s.WorkspaceId, s.Name }).IsUnique().HasFilter(Live);
        b.HasIndex(s => new { s.OrganizationId, s.WorkspaceId, s.CreatedAt, s.Id }).HasFilter(Live);
        b.HasIndex(s => new { s.OrganizationId, s.WorkspaceId, s.Assay, s.CreatedAt, s.Id }).HasFilter(Live);
        b.HasIndex(s => s.DeletedAt).HasFilter(InTrash);
        b.HasIndex(s => s.SubjectId);
        b.HasOne<Workspace>().WithMany().HasForeignKey(s => s.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        // NO ACTION (checked at the end of the statement), so deleting a workspace can cascade to both.
        b.HasOne<Subject>().WithMany().HasForeignKey(s => s.SubjectId).OnDelete(DeleteBehavior.NoAction);
        b.HasMany(s => s.Assignments).WithOne().HasForeignKey(a => a.SampleId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Assignments).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
    }
}

internal sealed class SampleAssignmentConfiguration : IEntityTypeConfiguration<SampleAssignment>
{
    public void Configure(EntityTypeBuilder<SampleAssignment> b)
    {
        b.ToTable("SampleAssignments");
        b.HasKey(a => new { a.SampleId, a.UserId });
        // "Assigned to me" (and the view-assigned-only visibility rule) starts from the user: the page is read newest first
        // straight from this index (SampleCreatedAt is the sample's creation time; OrganizationId for the tenant filter).
        b.HasIndex(a => new { a.UserId, a.WorkspaceId, a.OrganizationId, a.SampleCreatedAt, a.SampleId })
            .HasDatabaseName("IX_SampleAssignments_UserId_WorkspaceId_SampleCreatedAt"); // EF's name exceeds PostgreSQL's 63
    }
}

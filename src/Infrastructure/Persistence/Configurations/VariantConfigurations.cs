using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Organizations;
using VariantMiner.Domain.Variants;

namespace VariantMiner.Infrastructure.Persistence.Configurations;

internal sealed class VariantConfiguration : IEntityTypeConfiguration<Variant>
{
    public void Configure(EntityTypeBuilder<Variant> b)
    {
        b.ToTable("Variants");
        // The key is position order within the analysis (the file's order): the position sort and its keyset read it.
        b.HasKey(v => new { v.AnalysisId, v.Ordinal });
        b.Property(v => v.Chrom).HasMaxLength(255);
        b.Property(v => v.Zygosity).HasConversion<string>().HasMaxLength(16);
        // The priority sort and the gene filter (also a gene list) read their own index; a region reads chrom + position.
        // Priority descending, ties by ordinal ascending: the order the table reads, so a page is a slice of the index.
        b.HasIndex(v => new { v.AnalysisId, v.Priority, v.Ordinal }).IsDescending(false, true, false);
        b.HasIndex(v => new { v.AnalysisId, v.Gene, v.Ordinal });
        b.HasIndex(v => new { v.AnalysisId, v.Chrom, v.Position });
        b.HasOne<Analysis>().WithMany().HasForeignKey(v => v.AnalysisId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ClassificationConfiguration : IEntityTypeConfiguration<Classification>, IEntityTypeConfiguration<ClassificationRevision>
{
    public void Configure(EntityTypeBuilder<Classification> b)
    {
        b.Property(c => c.Id).ValueGeneratedNever();
        KnowledgeKey.Configure(b);
        b.Property(c => c.Tier).HasConversion<string>().HasMaxLength(24);
        b.Property(c => c.Evidence).HasMaxLength(Classification.EvidenceMaxLength);
        b.Ignore(c => c.Key);
        // One current classification per variant key; the variant table joins on these columns.
        b.HasIndex(c => new { c.OrganizationId, c.Build, c.Chrom, c.Position, c.Ref, c.Alt }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.History).WithOne().HasForeignKey(r => r.ClassificationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.History).UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    public void Configure(EntityTypeBuilder<ClassificationRevision> b)
    {
        // Migration KnowledgeHistory: the database refuses UPDATE of a revision.
        b.ToTable("ClassificationRevisions", t => t.HasTrigger("TR_ClassificationRevisions_NoUpdate"));
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Tier).HasConversion<string>().HasMaxLength(24);
        b.Property(r => r.Evidence).HasMaxLength(Classification.EvidenceMaxLength);
    }
}

internal sealed class VariantNoteConfiguration : IEntityTypeConfiguration<VariantNote>, IEntityTypeConfiguration<VariantNoteRevision>, IEntityTypeConfiguration<VariantTag>
{
    public void Configure(EntityTypeBuilder<VariantNote> b)
    {
        b.Property(n => n.Id).ValueGeneratedNever();
        KnowledgeKey.Configure(b);
        b.Property(n => n.Text).HasMaxLength(VariantNote.TextMaxLength);
        b.HasIndex(n => new { n.OrganizationId, n.Build, n.Chrom, n.Position, n.Ref, n.Alt });
        b.HasOne<Organization>().WithMany().HasForeignKey(n => n.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(n => n.Revisions).WithOne().HasForeignKey(r => r.NoteId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(n => n.Revisions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }

    public void Configure(EntityTypeBuilder<VariantNoteRevision> b)
    {
        b.ToTable("VariantNoteRevisions", t => t.HasTrigger("TR_VariantNoteRevisions_NoUpdate"));
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Text).HasMaxLength(VariantNote.TextMaxLength);
    }

    public void Configure(EntityTypeBuilder<VariantTag> b)
    {
        b.ToTable("VariantTags");
        KnowledgeKey.Configure(b);
        b.Property(t => t.Tag).HasMaxLength(VariantTag.MaxLength);
        b.HasKey(t => new { t.OrganizationId, t.Build, t.Chrom, t.Position, t.Ref, t.Alt, t.Tag });
        b.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SharedFilterConfiguration : IEntityTypeConfiguration<GeneList>, IEntityTypeConfiguration<FilterSet>, IEntityTypeConfiguration<SavedSearch>
{
    public void Configure(EntityTypeBuilder<GeneList> b)
    {
        b.Property(g => g.Id).ValueGeneratedNever();
        b.Property(g => g.Name).HasMaxLength(GeneList.NameMaxLength);
        // Gene names hold no space (checked): one space-separated text column on both providers.
        b.Property(g => g.Genes)
            .HasConversion(v => string.Join(' ', v), v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries),
                new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<IReadOnlyList<string>>((x, y) => x!.SequenceEqual(y!),
                    v => v.Aggregate(0, (h, t) => HashCode.Combine(h, t.GetHashCode())), v => v.ToArray()));
        b.HasIndex(g => new { g.OrganizationId, g.Name }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(g => g.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<FilterSet> b)
    {
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.Name).HasMaxLength(FilterSet.NameMaxLength);
        b.Property(f => f.FiltersJson).HasMaxLength(FilterSet.FiltersMaxLength);
        b.HasIndex(f => new { f.OrganizationId, f.Name }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(f => f.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<SavedSearch> b)
    {
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Name).HasMaxLength(SavedSearch.NameMaxLength);
        b.Property(s => s.FiltersJson).HasMaxLength(FilterSet.FiltersMaxLength);
        b.Property(s => s.Annotation).HasMaxLength(250);
        b.HasIndex(s => new { s.OrganizationId, s.OwnerId, s.Name }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The variant key's columns, the same lengths wherever knowledge is keyed on them.</summary>
internal static class KnowledgeKey
{
    public static void Configure<T>(EntityTypeBuilder<T> b) where T : class
    {
        b.Property<string>("Build").HasMaxLength(100);
        b.Property<string>("Chrom").HasMaxLength(255);
        b.Property<string>("Ref").HasMaxLength(VariantKey.MaxLength);
        b.Property<string>("Alt").HasMaxLength(VariantKey.MaxLength);
    }
}

using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VariantMiner.Domain.Analyses;
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
        b.HasIndex(v => new { v.AnalysisId, v.Priority, v.Ordinal });
        b.HasIndex(v => new { v.AnalysisId, v.Gene });
        b.HasIndex(v => new { v.AnalysisId, v.Chrom, v.Position });
        b.HasOne<Analysis>().WithMany().HasForeignKey(v => v.AnalysisId).OnDelete(DeleteBehavior.Cascade);
    }
}

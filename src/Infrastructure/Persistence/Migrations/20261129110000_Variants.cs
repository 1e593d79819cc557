using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>Variant data: one row per ALT allele of an analysis's VCF, with annotation and calls; the import's figures on the analysis.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261129110000_Variants")]
public sealed class Variants : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<int>("VariantCount", "Analyses", nullable: true);
        mb.AddColumn<string>("VariantSamples", "Analyses", nullable: true);
        mb.CreateTable("Variants", t => new
        {
            AnalysisId = t.Column<Guid>(nullable: false),
            Ordinal = t.Column<int>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            WorkspaceId = t.Column<Guid>(nullable: false),
            Chrom = t.Column<string>(maxLength: 255, nullable: false),
            Position = t.Column<long>(nullable: false),
            Ref = t.Column<string>(nullable: false),
            Alt = t.Column<string>(nullable: false),
            VcfId = t.Column<string>(nullable: true),
            Quality = t.Column<double>(nullable: true),
            Filter = t.Column<string>(nullable: true),
            Gene = t.Column<string>(nullable: true),
            Consequence = t.Column<string>(nullable: true),
            Transcript = t.Column<string>(nullable: true),
            ProteinChange = t.Column<string>(nullable: true),
            DnaChange = t.Column<string>(nullable: true),
            Consequences = t.Column<string>(nullable: true),
            ClinVar = t.Column<string>(nullable: true),
            PopulationAf = t.Column<double>(nullable: true),
            Priority = t.Column<double>(nullable: false),
            Gt = t.Column<string>(nullable: false),
            Zygosity = t.Column<string>(maxLength: 16, nullable: false),
            Gq = t.Column<int>(nullable: true),
            Dp = t.Column<int>(nullable: true),
            AdRef = t.Column<int>(nullable: true),
            AdAlt = t.Column<int>(nullable: true),
            Genotypes = t.Column<string>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Variants", x => new { x.AnalysisId, x.Ordinal });
            t.ForeignKey("FK_Variants_Analyses_AnalysisId", x => x.AnalysisId, "Analyses", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_Variants_AnalysisId_Priority_Ordinal", "Variants", ["AnalysisId", "Priority", "Ordinal"], descending: [false, true, false]);
        mb.CreateIndex("IX_Variants_AnalysisId_Gene_Ordinal", "Variants", ["AnalysisId", "Gene", "Ordinal"]);
        mb.CreateIndex("IX_Variants_AnalysisId_Chrom_Position", "Variants", ["AnalysisId", "Chrom", "Position"]);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("Variants");
        mb.DropColumn("VariantSamples", "Analyses");
        mb.DropColumn("VariantCount", "Analyses");
    }
}

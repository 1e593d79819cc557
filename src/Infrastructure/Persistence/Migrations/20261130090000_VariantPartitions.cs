using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// PostgreSQL: <c>"Variants"</c> becomes a table partitioned by analysis (list partitions), same columns, key, indexes
/// (now partitioned indexes) and foreign key; each analysis's rows get a partition of their own when imported
/// (<c>VariantPartitions</c>), rows written otherwise land in <c>"Variants_default"</c>. Rows already stored are moved
/// into one partition per analysis. SQLite keeps its plain table.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261130090000_VariantPartitions")]
public sealed class VariantPartitions : Migration
{
    private const string Indexes = """
        CREATE INDEX "IX_Variants_AnalysisId_Priority_Ordinal" ON "Variants" ("AnalysisId", "Priority" DESC, "Ordinal");
        CREATE INDEX "IX_Variants_AnalysisId_Gene_Ordinal" ON "Variants" ("AnalysisId", "Gene", "Ordinal");
        CREATE INDEX "IX_Variants_AnalysisId_Chrom_Position" ON "Variants" ("AnalysisId", "Chrom", "Position");
        ALTER TABLE "Variants" ADD CONSTRAINT "FK_Variants_Analyses_AnalysisId" FOREIGN KEY ("AnalysisId") REFERENCES "Analyses" ("Id") ON DELETE CASCADE;
        """;

    protected override void Up(MigrationBuilder mb)
    {
        if (ActiveProvider != "Npgsql.EntityFrameworkCore.PostgreSQL") return;
        mb.Sql($"""
            ALTER TABLE "Variants" RENAME TO "VariantsUnpartitioned";
            ALTER TABLE "VariantsUnpartitioned" DROP CONSTRAINT "FK_Variants_Analyses_AnalysisId";
            ALTER TABLE "VariantsUnpartitioned" RENAME CONSTRAINT "PK_Variants" TO "PK_VariantsUnpartitioned";
            DROP INDEX "IX_Variants_AnalysisId_Priority_Ordinal", "IX_Variants_AnalysisId_Gene_Ordinal", "IX_Variants_AnalysisId_Chrom_Position";
            CREATE TABLE "Variants" (LIKE "VariantsUnpartitioned" INCLUDING DEFAULTS) PARTITION BY LIST ("AnalysisId");
            ALTER TABLE "Variants" ADD CONSTRAINT "PK_Variants" PRIMARY KEY ("AnalysisId", "Ordinal");
            {Indexes}
            CREATE TABLE "Variants_default" PARTITION OF "Variants" DEFAULT;
            DO $$
            DECLARE a uuid;
            BEGIN
                FOR a IN SELECT DISTINCT "AnalysisId" FROM "VariantsUnpartitioned" LOOP
                    EXECUTE format('CREATE TABLE %I PARTITION OF "Variants" FOR VALUES IN (%L)', 'Variants_' || replace(a::text, '-', ''), a);
                END LOOP;
            END $$;
            INSERT INTO "Variants" SELECT * FROM "VariantsUnpartitioned";
            DROP TABLE "VariantsUnpartitioned";
            """);
    }

    protected override void Down(MigrationBuilder mb)
    {
        if (ActiveProvider != "Npgsql.EntityFrameworkCore.PostgreSQL") return;
        mb.Sql($"""
            ALTER TABLE "Variants" RENAME TO "VariantsPartitioned";
            ALTER TABLE "VariantsPartitioned" DROP CONSTRAINT "FK_Variants_Analyses_AnalysisId";
            ALTER TABLE "VariantsPartitioned" RENAME CONSTRAINT "PK_Variants" TO "PK_VariantsPartitioned";
            DROP INDEX "IX_Variants_AnalysisId_Priority_Ordinal", "IX_Variants_AnalysisId_Gene_Ordinal", "IX_Variants_AnalysisId_Chrom_Position";
            CREATE TABLE "Variants" (LIKE "VariantsPartitioned" INCLUDING DEFAULTS);
            ALTER TABLE "Variants" ADD CONSTRAINT "PK_Variants" PRIMARY KEY ("AnalysisId", "Ordinal");
            {Indexes}
            INSERT INTO "Variants" SELECT * FROM "VariantsPartitioned";
            DROP TABLE "VariantsPartitioned";
            """);
    }
}

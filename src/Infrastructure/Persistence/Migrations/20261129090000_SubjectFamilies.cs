using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>Families: a subject's father and mother (subjects of the same workspace) and whether it is affected.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261129090000_SubjectFamilies")]
public sealed class SubjectFamilies : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<string>("Affected", "Subjects", maxLength: 16, nullable: false, defaultValue: "Unknown");
        if (ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // SQLite cannot add a foreign key to an existing table, but a new column may carry one.
            mb.Sql("""ALTER TABLE "Subjects" ADD COLUMN "FatherId" TEXT NULL CONSTRAINT "FK_Subjects_Subjects_FatherId" REFERENCES "Subjects" ("Id") ON DELETE SET NULL""");
            mb.Sql("""ALTER TABLE "Subjects" ADD COLUMN "MotherId" TEXT NULL CONSTRAINT "FK_Subjects_Subjects_MotherId" REFERENCES "Subjects" ("Id") ON DELETE SET NULL""");
        }
        else
        {
            mb.Sql("""ALTER TABLE "Subjects" ALTER COLUMN "Affected" DROP DEFAULT"""); // the default only fills existing rows
            mb.AddColumn<Guid>("FatherId", "Subjects", nullable: true);
            mb.AddColumn<Guid>("MotherId", "Subjects", nullable: true);
            mb.AddForeignKey("FK_Subjects_Subjects_FatherId", "Subjects", "FatherId", "Subjects", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
            mb.AddForeignKey("FK_Subjects_Subjects_MotherId", "Subjects", "MotherId", "Subjects", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        }
        mb.CreateIndex("IX_Subjects_FatherId", "Subjects", "FatherId");
        mb.CreateIndex("IX_Subjects_MotherId", "Subjects", "MotherId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropForeignKey("FK_Subjects_Subjects_MotherId", "Subjects");
        mb.DropForeignKey("FK_Subjects_Subjects_FatherId", "Subjects");
        mb.DropIndex("IX_Subjects_MotherId", "Subjects");
        mb.DropIndex("IX_Subjects_FatherId", "Subjects");
        mb.DropColumn("MotherId", "Subjects");
        mb.DropColumn("FatherId", "Subjects");
        mb.DropColumn("Affected", "Subjects");
    }
}

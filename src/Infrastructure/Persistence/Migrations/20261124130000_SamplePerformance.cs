using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// Analyses-table performance (bench/README.md, "Performance pass"): the paging indexes gain OrganizationId (the
/// tenant filter's column), and an assignment row carries its sample's creation time so "assigned to me, newest
/// first" is read from one index of SampleAssignments. Existing assignments are backfilled from their samples.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261124130000_SamplePerformance")]
public sealed class SamplePerformance : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.DropIndex("IX_Samples_WorkspaceId_CreatedAt_Id", "Samples");
        mb.DropIndex("IX_Samples_WorkspaceId_Assay_CreatedAt_Id", "Samples");
        mb.CreateIndex("IX_Samples_OrganizationId_WorkspaceId_CreatedAt_Id", "Samples", ["OrganizationId", "WorkspaceId", "CreatedAt", "Id"]);
        mb.CreateIndex("IX_Samples_OrganizationId_WorkspaceId_Assay_CreatedAt_Id", "Samples",
            ["OrganizationId", "WorkspaceId", "Assay", "CreatedAt", "Id"]);

        // NOT NULL needs a default for existing rows; every row is then backfilled, and PostgreSQL drops the default
        // again (the model has none; SQLite's schema comparison does not read defaults and cannot drop one in place).
        mb.AddColumn<DateTimeOffset>("SampleCreatedAt", "SampleAssignments", nullable: false,
            defaultValue: new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero));
        mb.Sql("""
            UPDATE "SampleAssignments" SET "SampleCreatedAt" =
                (SELECT "CreatedAt" FROM "Samples" WHERE "Samples"."Id" = "SampleAssignments"."SampleId")
            """);
        if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            mb.Sql("""ALTER TABLE "SampleAssignments" ALTER COLUMN "SampleCreatedAt" DROP DEFAULT""");

        mb.DropIndex("IX_SampleAssignments_UserId_WorkspaceId_SampleId", "SampleAssignments");
        mb.CreateIndex("IX_SampleAssignments_UserId_WorkspaceId_SampleCreatedAt", "SampleAssignments",
            ["UserId", "WorkspaceId", "OrganizationId", "SampleCreatedAt", "SampleId"]);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropIndex("IX_SampleAssignments_UserId_WorkspaceId_SampleCreatedAt", "SampleAssignments");
        mb.CreateIndex("IX_SampleAssignments_UserId_WorkspaceId_SampleId", "SampleAssignments", ["UserId", "WorkspaceId", "SampleId"]);
        mb.DropColumn("SampleCreatedAt", "SampleAssignments");
        mb.DropIndex("IX_Samples_OrganizationId_WorkspaceId_Assay_CreatedAt_Id", "Samples");
        mb.DropIndex("IX_Samples_OrganizationId_WorkspaceId_CreatedAt_Id", "Samples");
        mb.CreateIndex("IX_Samples_WorkspaceId_CreatedAt_Id", "Samples", ["WorkspaceId", "CreatedAt", "Id"]);
        mb.CreateIndex("IX_Samples_WorkspaceId_Assay_CreatedAt_Id", "Samples", ["WorkspaceId", "Assay", "CreatedAt", "Id"]);
    }
}

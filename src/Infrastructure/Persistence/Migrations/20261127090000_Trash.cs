using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// Samples and subjects are deleted into a trash first (DeletedAt, DeletedBy). Names and external ids are unique among
/// live rows only, and the paging indexes cover live rows only; a small index over trashed rows serves the trash page
/// and the purge job.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261127090000_Trash")]
public sealed class Trash : Migration
{
    private const string Live = "\"DeletedAt\" IS NULL", InTrash = "\"DeletedAt\" IS NOT NULL";

    protected override void Up(MigrationBuilder mb)
    {
        foreach (var table in new[] { "Samples", "Subjects" })
        {
            mb.AddColumn<DateTimeOffset>("DeletedAt", table, nullable: true);
            mb.AddColumn<Guid>("DeletedBy", table, nullable: true);
            mb.CreateIndex($"IX_{table}_DeletedAt", table, "DeletedAt", filter: InTrash);
        }
        mb.DropIndex("IX_Subjects_WorkspaceId_ExternalId", "Subjects");
        mb.CreateIndex("IX_Subjects_WorkspaceId_ExternalId", "Subjects", ["WorkspaceId", "ExternalId"], unique: true, filter: Live);
        mb.DropIndex("IX_Samples_WorkspaceId_Name", "Samples");
        mb.CreateIndex("IX_Samples_WorkspaceId_Name", "Samples", ["WorkspaceId", "Name"], unique: true, filter: Live);
        mb.DropIndex("IX_Samples_OrganizationId_WorkspaceId_CreatedAt_Id", "Samples");
        mb.CreateIndex("IX_Samples_OrganizationId_WorkspaceId_CreatedAt_Id", "Samples", ["OrganizationId", "WorkspaceId", "CreatedAt", "Id"], filter: Live);
        mb.DropIndex("IX_Samples_OrganizationId_WorkspaceId_Assay_CreatedAt_Id", "Samples");
        mb.CreateIndex("IX_Samples_OrganizationId_WorkspaceId_Assay_CreatedAt_Id", "Samples",
            ["OrganizationId", "WorkspaceId", "Assay", "CreatedAt", "Id"], filter: Live);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropIndex("IX_Samples_OrganizationId_WorkspaceId_Assay_CreatedAt_Id", "Samples");
        mb.CreateIndex("IX_Samples_OrganizationId_WorkspaceId_Assay_CreatedAt_Id", "Samples", ["OrganizationId", "WorkspaceId", "Assay", "CreatedAt", "Id"]);
        mb.DropIndex("IX_Samples_OrganizationId_WorkspaceId_CreatedAt_Id", "Samples");
        mb.CreateIndex("IX_Samples_OrganizationId_WorkspaceId_CreatedAt_Id", "Samples", ["OrganizationId", "WorkspaceId", "CreatedAt", "Id"]);
        mb.DropIndex("IX_Samples_WorkspaceId_Name", "Samples");
        mb.CreateIndex("IX_Samples_WorkspaceId_Name", "Samples", ["WorkspaceId", "Name"], unique: true);
        mb.DropIndex("IX_Subjects_WorkspaceId_ExternalId", "Subjects");
        mb.CreateIndex("IX_Subjects_WorkspaceId_ExternalId", "Subjects", ["WorkspaceId", "ExternalId"], unique: true);
        foreach (var table in new[] { "Samples", "Subjects" })
        {
            mb.DropIndex($"IX_{table}_DeletedAt", table);
            mb.DropColumn("DeletedBy", table);
            mb.DropColumn("DeletedAt", table);
        }
    }
}

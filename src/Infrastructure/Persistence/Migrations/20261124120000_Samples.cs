using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// Samples: the organization's assay list, subjects, samples and their assignments. Hand-written (ADR 0003); the
/// schema-drift test proves it equals the model. Organizations created before this migration read the default assay
/// list until they change it (AssayCatalog), so no data step is needed here.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261124120000_Samples")]
public sealed class Samples : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "Assays",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganizationId = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Assays", x => x.Id);
                t.ForeignKey("FK_Assays_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "Subjects",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganizationId = t.Column<Guid>(nullable: false),
                WorkspaceId = t.Column<Guid>(nullable: false),
                ExternalId = t.Column<string>(maxLength: 100, nullable: false),
                Sex = t.Column<string>(maxLength: 16, nullable: false),
                DateOfBirth = t.Column<DateOnly>(nullable: true),
                PhenotypeTerms = t.Column<string>(maxLength: 1200, nullable: false),
                Notes = t.Column<string>(maxLength: 4000, nullable: true),
                CreatedBy = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Subjects", x => x.Id);
                t.ForeignKey("FK_Subjects_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "Samples",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganizationId = t.Column<Guid>(nullable: false),
                WorkspaceId = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 200, nullable: false),
                Assay = t.Column<string>(maxLength: 64, nullable: false),
                SubjectId = t.Column<Guid>(nullable: true),
                Status = t.Column<string>(maxLength: 32, nullable: false),
                CreatedBy = t.Column<Guid>(nullable: false),
                CreatedAt = t.Column<DateTimeOffset>(nullable: false),
                Version = t.Column<Guid>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Samples", x => x.Id);
                t.ForeignKey("FK_Samples_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_Samples_Subjects_SubjectId", x => x.SubjectId, "Subjects", "Id", onDelete: ReferentialAction.NoAction);
            });

        mb.CreateTable(
            name: "SampleAssignments",
            columns: t => new
            {
                SampleId = t.Column<Guid>(nullable: false),
                UserId = t.Column<Guid>(nullable: false),
                OrganizationId = t.Column<Guid>(nullable: false),
                WorkspaceId = t.Column<Guid>(nullable: false),
                AssignedBy = t.Column<Guid>(nullable: false),
                AssignedAt = t.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_SampleAssignments", x => new { x.SampleId, x.UserId });
                t.ForeignKey("FK_SampleAssignments_Samples_SampleId", x => x.SampleId, "Samples", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateIndex("IX_Assays_OrganizationId_Name", "Assays", ["OrganizationId", "Name"], unique: true);
        mb.CreateIndex("IX_Subjects_WorkspaceId_ExternalId", "Subjects", ["WorkspaceId", "ExternalId"], unique: true);
        mb.CreateIndex("IX_Samples_WorkspaceId_Name", "Samples", ["WorkspaceId", "Name"], unique: true);
        mb.CreateIndex("IX_Samples_WorkspaceId_CreatedAt_Id", "Samples", ["WorkspaceId", "CreatedAt", "Id"]);
        mb.CreateIndex("IX_Samples_WorkspaceId_Assay_CreatedAt_Id", "Samples", ["WorkspaceId", "Assay", "CreatedAt", "Id"]);
        mb.CreateIndex("IX_Samples_SubjectId", "Samples", "SubjectId");
        mb.CreateIndex("IX_SampleAssignments_UserId_WorkspaceId_SampleId", "SampleAssignments", ["UserId", "WorkspaceId", "SampleId"]);
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var table in new[] { "SampleAssignments", "Samples", "Subjects", "Assays" }) mb.DropTable(table);
    }
}

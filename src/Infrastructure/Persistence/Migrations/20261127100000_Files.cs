using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// Files and resumable uploads: <c>Uploads</c> (in progress, declared length reserved against the quota),
/// <c>Files</c> (complete and checked), and the organization's reserved bytes next to its used bytes.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261127100000_Files")]
public sealed class Files : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<long>("StorageReservedBytes", "Organizations", nullable: false, defaultValue: 0L);
        if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            mb.Sql("""ALTER TABLE "Organizations" ALTER COLUMN "StorageReservedBytes" DROP DEFAULT""");

        mb.CreateTable("Uploads", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            WorkspaceId = t.Column<Guid>(nullable: false),
            SampleId = t.Column<Guid>(nullable: true),
            Name = t.Column<string>(maxLength: 255, nullable: false),
            Kind = t.Column<string>(maxLength: 16, nullable: false),
            Length = t.Column<long>(nullable: false),
            Offset = t.Column<long>(nullable: false),
            ReadNumber = t.Column<int>(nullable: true),
            CreatedBy = t.Column<Guid>(nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            ExpiresAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Uploads", x => x.Id);
            t.ForeignKey("FK_Uploads_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Uploads_Samples_SampleId", x => x.SampleId, "Samples", "Id");
        });
        mb.CreateIndex("IX_Uploads_ExpiresAt", "Uploads", "ExpiresAt");
        mb.CreateIndex("IX_Uploads_WorkspaceId", "Uploads", "WorkspaceId");
        mb.CreateIndex("IX_Uploads_SampleId", "Uploads", "SampleId");

        mb.CreateTable("Files", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            WorkspaceId = t.Column<Guid>(nullable: false),
            SampleId = t.Column<Guid>(nullable: true),
            Name = t.Column<string>(maxLength: 255, nullable: false),
            Kind = t.Column<string>(maxLength: 16, nullable: false),
            SizeBytes = t.Column<long>(nullable: false),
            Sha256 = t.Column<string>(maxLength: 64, nullable: false),
            ReadNumber = t.Column<int>(nullable: true),
            UploadedBy = t.Column<Guid>(nullable: false),
            UploadedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Files", x => x.Id);
            t.ForeignKey("FK_Files_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Files_Samples_SampleId", x => x.SampleId, "Samples", "Id");
        });
        mb.CreateIndex("IX_Files_OrganizationId_WorkspaceId_UploadedAt", "Files", ["OrganizationId", "WorkspaceId", "UploadedAt"]);
        mb.CreateIndex("IX_Files_SampleId", "Files", "SampleId");
        mb.CreateIndex("IX_Files_WorkspaceId", "Files", "WorkspaceId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("Files");
        mb.DropTable("Uploads");
        mb.DropColumn("StorageReservedBytes", "Organizations");
    }
}

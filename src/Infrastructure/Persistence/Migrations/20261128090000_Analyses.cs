using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// Analyses and their run queue (<c>Analyses</c> with the lease columns; samples, inputs, steps and assignments of each
/// run), <c>Workflows</c> (presets), <c>ReferenceBundles</c>, and the analysis that produced a file.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261128090000_Analyses")]
public sealed class Analyses : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("Workflows", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            Pipeline = t.Column<string>(maxLength: 64, nullable: false),
            ParametersJson = t.Column<string>(nullable: false),
            CreatedBy = t.Column<Guid>(nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            UpdatedBy = t.Column<Guid>(nullable: false),
            UpdatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Workflows", x => x.Id);
            t.ForeignKey("FK_Workflows_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_Workflows_OrganizationId_Name", "Workflows", ["OrganizationId", "Name"], unique: true);

        mb.CreateTable("ReferenceBundles", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(maxLength: 200, nullable: false),
            Version = t.Column<string>(maxLength: 200, nullable: false),
            GenomeBuild = t.Column<string>(maxLength: 200, nullable: false),
            GenomeFileId = t.Column<Guid>(nullable: false),
            GeneModelsFileId = t.Column<Guid>(nullable: true),
            AnnotationFileIds = t.Column<string>(maxLength: 4000, nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            Reason = t.Column<string>(maxLength: 2000, nullable: true),
            CreatedBy = t.Column<Guid>(nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            ReadyAt = t.Column<DateTimeOffset>(nullable: true),
            RetiredAt = t.Column<DateTimeOffset>(nullable: true),
            PreparingSince = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ReferenceBundles", x => x.Id);
            t.ForeignKey("FK_ReferenceBundles_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_ReferenceBundles_OrganizationId_Name_Version", "ReferenceBundles", ["OrganizationId", "Name", "Version"], unique: true);
        mb.CreateIndex("IX_ReferenceBundles_Status", "ReferenceBundles", "Status");

        mb.CreateTable("Analyses", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            WorkspaceId = t.Column<Guid>(nullable: false),
            ParentId = t.Column<Guid>(nullable: true),
            Kind = t.Column<string>(maxLength: 64, nullable: false),
            Pipeline = t.Column<string>(maxLength: 64, nullable: false),
            WorkflowId = t.Column<Guid>(nullable: true),
            ReferenceBundleId = t.Column<Guid>(nullable: true),
            ParametersJson = t.Column<string>(nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            LaunchedBy = t.Column<Guid>(nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            StartedAt = t.Column<DateTimeOffset>(nullable: true),
            EndedAt = t.Column<DateTimeOffset>(nullable: true),
            Attempts = t.Column<int>(nullable: false),
            WallSeconds = t.Column<double>(nullable: true),
            CpuSeconds = t.Column<double>(nullable: true),
            Reason = t.Column<string>(maxLength: 2000, nullable: true),
            LogTail = t.Column<string>(maxLength: 16000, nullable: false),
            CanceledBy = t.Column<Guid>(nullable: true),
            RetryOf = t.Column<Guid>(nullable: true),
            LeaseOwner = t.Column<string>(maxLength: 200, nullable: true),
            LeaseExpiresAt = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Analyses", x => x.Id);
            t.ForeignKey("FK_Analyses_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Analyses_Analyses_ParentId", x => x.ParentId, "Analyses", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Analyses_Workflows_WorkflowId", x => x.WorkflowId, "Workflows", "Id", onDelete: ReferentialAction.SetNull);
            t.ForeignKey("FK_Analyses_ReferenceBundles_ReferenceBundleId", x => x.ReferenceBundleId, "ReferenceBundles", "Id", onDelete: ReferentialAction.SetNull);
        });
        mb.CreateIndex("IX_Analyses_Status_CreatedAt", "Analyses", ["Status", "CreatedAt"]);
        mb.CreateIndex("IX_Analyses_OrganizationId_WorkspaceId_CreatedAt", "Analyses", ["OrganizationId", "WorkspaceId", "CreatedAt"]);
        mb.CreateIndex("IX_Analyses_ParentId", "Analyses", "ParentId");
        mb.CreateIndex("IX_Analyses_WorkspaceId", "Analyses", "WorkspaceId");
        mb.CreateIndex("IX_Analyses_WorkflowId", "Analyses", "WorkflowId");
        mb.CreateIndex("IX_Analyses_ReferenceBundleId", "Analyses", "ReferenceBundleId");

        mb.CreateTable("AnalysisSamples", t => new
        {
            AnalysisId = t.Column<Guid>(nullable: false),
            SampleId = t.Column<Guid>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AnalysisSamples", x => new { x.AnalysisId, x.SampleId });
            t.ForeignKey("FK_AnalysisSamples_Analyses_AnalysisId", x => x.AnalysisId, "Analyses", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_AnalysisSamples_Samples_SampleId", x => x.SampleId, "Samples", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_AnalysisSamples_SampleId", "AnalysisSamples", "SampleId");

        mb.CreateTable("AnalysisInputs", t => new
        {
            AnalysisId = t.Column<Guid>(nullable: false),
            FileId = t.Column<Guid>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AnalysisInputs", x => new { x.AnalysisId, x.FileId });
            t.ForeignKey("FK_AnalysisInputs_Analyses_AnalysisId", x => x.AnalysisId, "Analyses", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AnalysisSteps", t => new
        {
            AnalysisId = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            Position = t.Column<int>(nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            StartedAt = t.Column<DateTimeOffset>(nullable: true),
            EndedAt = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AnalysisSteps", x => new { x.AnalysisId, x.Name });
            t.ForeignKey("FK_AnalysisSteps_Analyses_AnalysisId", x => x.AnalysisId, "Analyses", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AnalysisAssignments", t => new
        {
            AnalysisId = t.Column<Guid>(nullable: false),
            UserId = t.Column<Guid>(nullable: false),
            WorkspaceId = t.Column<Guid>(nullable: false),
            AssignedBy = t.Column<Guid>(nullable: false),
            AssignedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AnalysisAssignments", x => new { x.AnalysisId, x.UserId });
            t.ForeignKey("FK_AnalysisAssignments_Analyses_AnalysisId", x => x.AnalysisId, "Analyses", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_AnalysisAssignments_UserId_WorkspaceId", "AnalysisAssignments", ["UserId", "WorkspaceId"]);

        if (ActiveProvider == "Microsoft.EntityFrameworkCore.Sqlite")
        {
            // SQLite cannot add a foreign key to an existing table, but a new column may carry one.
            mb.Sql("""ALTER TABLE "Files" ADD COLUMN "AnalysisId" TEXT NULL CONSTRAINT "FK_Files_Analyses_AnalysisId" REFERENCES "Analyses" ("Id") ON DELETE SET NULL""");
        }
        else
        {
            mb.AddColumn<Guid>("AnalysisId", "Files", nullable: true);
            mb.AddForeignKey("FK_Files_Analyses_AnalysisId", "Files", "AnalysisId", "Analyses", principalColumn: "Id", onDelete: ReferentialAction.SetNull);
        }
        mb.CreateIndex("IX_Files_AnalysisId", "Files", "AnalysisId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropForeignKey("FK_Files_Analyses_AnalysisId", "Files");
        mb.DropIndex("IX_Files_AnalysisId", "Files");
        mb.DropColumn("AnalysisId", "Files");
        mb.DropTable("AnalysisAssignments");
        mb.DropTable("AnalysisSteps");
        mb.DropTable("AnalysisInputs");
        mb.DropTable("AnalysisSamples");
        mb.DropTable("Analyses");
        mb.DropTable("ReferenceBundles");
        mb.DropTable("Workflows");
    }
}

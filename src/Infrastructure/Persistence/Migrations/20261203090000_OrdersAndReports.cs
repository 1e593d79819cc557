using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// Orders (the clinical requests: samples, assignees), reports of analyses, their versions and the PDFs of signed versions,
/// and each organization's report preferences (letterhead, two-person rule). A signed version cannot change (21 CFR 11.10(e)):
/// a trigger refuses UPDATE of a version once it has a signature, and any UPDATE of a stored PDF (both providers).
/// DELETE stays possible for the organization's own deletion, which cascades.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261203090000_OrdersAndReports")]
public sealed class OrdersAndReports : Migration
{
    private const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("Orders", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            WorkspaceId = t.Column<Guid>(nullable: false),
            SubjectId = t.Column<Guid>(nullable: true),
            Test = t.Column<string>(maxLength: 200, nullable: false),
            OrderingClinician = t.Column<string>(maxLength: 200, nullable: false),
            OrderingInstitution = t.Column<string>(maxLength: 200, nullable: true),
            Indication = t.Column<string>(maxLength: 4000, nullable: true),
            PhenotypeTerms = t.Column<string>(maxLength: 1000, nullable: false),
            Priority = t.Column<string>(maxLength: 16, nullable: false),
            DueDate = t.Column<DateOnly>(nullable: true),
            ExternalId = t.Column<string>(maxLength: 100, nullable: true),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            CreatedBy = t.Column<Guid>(nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            UpdatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Orders", x => x.Id);
            t.ForeignKey("FK_Orders_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Orders_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_Orders_OrganizationId", "Orders", "OrganizationId");
        mb.CreateIndex("IX_Orders_WorkspaceId_CreatedAt", "Orders", ["WorkspaceId", "CreatedAt"]);

        mb.CreateTable("OrderSamples", t => new
        {
            OrderId = t.Column<Guid>(nullable: false),
            SampleId = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_OrderSamples", x => new { x.OrderId, x.SampleId });
            t.ForeignKey("FK_OrderSamples_Orders_OrderId", x => x.OrderId, "Orders", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_OrderSamples_Samples_SampleId", x => x.SampleId, "Samples", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_OrderSamples_SampleId", "OrderSamples", "SampleId");

        mb.CreateTable("OrderAssignments", t => new
        {
            OrderId = t.Column<Guid>(nullable: false),
            UserId = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            AssignedBy = t.Column<Guid>(nullable: false),
            AssignedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_OrderAssignments", x => new { x.OrderId, x.UserId });
            t.ForeignKey("FK_OrderAssignments_Orders_OrderId", x => x.OrderId, "Orders", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_OrderAssignments_UserId", "OrderAssignments", "UserId");

        mb.CreateTable("Reports", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            WorkspaceId = t.Column<Guid>(nullable: false),
            AnalysisId = t.Column<Guid>(nullable: false),
            OrderId = t.Column<Guid>(nullable: true),
            Title = t.Column<string>(maxLength: 200, nullable: false),
            CreatedBy = t.Column<Guid>(nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Reports", x => x.Id);
            t.ForeignKey("FK_Reports_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Reports_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Reports_Analyses_AnalysisId", x => x.AnalysisId, "Analyses", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_Reports_Orders_OrderId", x => x.OrderId, "Orders", "Id", onDelete: ReferentialAction.SetNull);
        });
        mb.CreateIndex("IX_Reports_OrderId", "Reports", "OrderId");
        mb.CreateIndex("IX_Reports_AnalysisId", "Reports", "AnalysisId");
        mb.CreateIndex("IX_Reports_OrganizationId", "Reports", "OrganizationId");
        mb.CreateIndex("IX_Reports_WorkspaceId_CreatedAt", "Reports", ["WorkspaceId", "CreatedAt"]);

        mb.CreateTable("ReportVersions", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ReportId = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            Number = t.Column<int>(nullable: false),
            Status = t.Column<string>(maxLength: 24, nullable: false),
            Kind = t.Column<string>(maxLength: 24, nullable: true),
            Reason = t.Column<string>(maxLength: 2000, nullable: true),
            Content = t.Column<string>(nullable: false),
            CreatedBy = t.Column<Guid>(nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            UpdatedBy = t.Column<Guid>(nullable: false),
            UpdatedAt = t.Column<DateTimeOffset>(nullable: false),
            SignedBy = t.Column<Guid>(nullable: true),
            SignerName = t.Column<string>(maxLength: 200, nullable: true),
            SignedAt = t.Column<DateTimeOffset>(nullable: true),
            SignatureMeaning = t.Column<string>(maxLength: 24, nullable: true),
            FirstSignedBy = t.Column<Guid>(nullable: true),
            FirstSignerName = t.Column<string>(maxLength: 200, nullable: true),
            FirstSignedAt = t.Column<DateTimeOffset>(nullable: true),
            FirstSignatureMeaning = t.Column<string>(maxLength: 24, nullable: true),
            Snapshot = t.Column<string>(nullable: true),
            PdfSha256 = t.Column<string>(maxLength: 64, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ReportVersions", x => x.Id);
            t.ForeignKey("FK_ReportVersions_Reports_ReportId", x => x.ReportId, "Reports", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ReportVersions_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_ReportVersions_OrganizationId", "ReportVersions", "OrganizationId");
        mb.CreateIndex("IX_ReportVersions_ReportId_Number", "ReportVersions", ["ReportId", "Number"], unique: true);

        mb.CreateTable("ReportDocuments", t => new
        {
            VersionId = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            Pdf = t.Column<byte[]>(nullable: false),
            Sha256 = t.Column<string>(maxLength: 64, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ReportDocuments", x => x.VersionId);
            t.ForeignKey("FK_ReportDocuments_ReportVersions_VersionId", x => x.VersionId, "ReportVersions", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ReportDocuments_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_ReportDocuments_OrganizationId", "ReportDocuments", "OrganizationId");

        mb.CreateTable("ReportPreferences", t => new
        {
            OrganizationId = t.Column<Guid>(nullable: false),
            Header = t.Column<string>(maxLength: 500, nullable: true),
            Footer = t.Column<string>(maxLength: 500, nullable: true),
            Logo = t.Column<byte[]>(nullable: true),
            LogoType = t.Column<string>(maxLength: 16, nullable: true),
            RequireSecondSignature = t.Column<bool>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ReportPreferences", x => x.OrganizationId);
            t.ForeignKey("FK_ReportPreferences_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });

        if (ActiveProvider == Postgres)
        {
            mb.Sql("""
                CREATE FUNCTION signed_reports_unchangeable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'a signed report version is never changed: amend it instead'; END $$
                """);
            mb.Sql("""CREATE TRIGGER "TR_ReportVersions_SignedUnchangeable" BEFORE UPDATE ON "ReportVersions" FOR EACH ROW WHEN (OLD."SignedAt" IS NOT NULL) EXECUTE FUNCTION signed_reports_unchangeable()""");
            mb.Sql("""CREATE TRIGGER "TR_ReportDocuments_NoUpdate" BEFORE UPDATE ON "ReportDocuments" FOR EACH ROW EXECUTE FUNCTION signed_reports_unchangeable()""");
        }
        else
        {
            mb.Sql("""CREATE TRIGGER "TR_ReportVersions_SignedUnchangeable" BEFORE UPDATE ON "ReportVersions" WHEN OLD."SignedAt" IS NOT NULL BEGIN SELECT RAISE(ABORT, 'a signed report version is never changed: amend it instead'); END""");
            mb.Sql("""CREATE TRIGGER "TR_ReportDocuments_NoUpdate" BEFORE UPDATE ON "ReportDocuments" BEGIN SELECT RAISE(ABORT, 'a signed report version is never changed: amend it instead'); END""");
        }
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("ReportPreferences");
        mb.DropTable("ReportDocuments");
        mb.DropTable("ReportVersions");
        mb.DropTable("Reports");
        mb.DropTable("OrderAssignments");
        mb.DropTable("OrderSamples");
        mb.DropTable("Orders");
        if (ActiveProvider == Postgres) mb.Sql("DROP FUNCTION signed_reports_unchangeable()");
    }
}

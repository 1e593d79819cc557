using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// The organization's integration settings (the FHIR server final reports are pushed to, its credentials encrypted) and
/// the deliveries of signed report versions to it (an outbox: written with the signature, sent by a worker). And the
/// first signature of the two-person rule guarded like a final one: once a version has it, what it says and that
/// signature cannot change; only the second signature's columns may still be written.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261204090000_ReportDeliveries")]
public sealed class ReportDeliveries : Migration
{
    private const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";
    private static readonly string[] Frozen =
        ["ReportId", "Number", "Kind", "Reason", "Content", "Snapshot", "CreatedBy", "CreatedAt", "FirstSignedBy", "FirstSignerName", "FirstSignedAt", "FirstSignatureMeaning"];

    protected override void Up(MigrationBuilder mb)
    {
        if (ActiveProvider == Postgres)
        {
            var changed = string.Join(" OR ", Frozen.Select(c => $"NEW.\"{c}\" IS DISTINCT FROM OLD.\"{c}\""));
            mb.Sql($"""CREATE TRIGGER "TR_ReportVersions_FirstSignedUnchangeable" BEFORE UPDATE ON "ReportVersions" FOR EACH ROW WHEN (OLD."FirstSignedAt" IS NOT NULL AND ({changed})) EXECUTE FUNCTION signed_reports_unchangeable()""");
        }
        else
        {
            var changed = string.Join(" OR ", Frozen.Select(c => $"NEW.\"{c}\" IS NOT OLD.\"{c}\""));
            mb.Sql($"""CREATE TRIGGER "TR_ReportVersions_FirstSignedUnchangeable" BEFORE UPDATE ON "ReportVersions" WHEN OLD."FirstSignedAt" IS NOT NULL AND ({changed}) BEGIN SELECT RAISE(ABORT, 'a signed report version is never changed: amend it instead'); END""");
        }

        mb.CreateTable("IntegrationSettings", t => new
        {
            OrganizationId = t.Column<Guid>(nullable: false),
            FhirBaseUrl = t.Column<string>(maxLength: 500, nullable: true),
            FhirAuthentication = t.Column<string>(maxLength: 16, nullable: false),
            FhirUserName = t.Column<string>(maxLength: 200, nullable: true),
            ProtectedFhirSecret = t.Column<string>(nullable: true),
            UpdatedBy = t.Column<Guid>(nullable: false),
            UpdatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_IntegrationSettings", x => x.OrganizationId);
            t.ForeignKey("FK_IntegrationSettings_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("ReportDeliveries", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            WorkspaceId = t.Column<Guid>(nullable: false),
            ReportId = t.Column<Guid>(nullable: false),
            VersionId = t.Column<Guid>(nullable: false),
            VersionNumber = t.Column<int>(nullable: false),
            Endpoint = t.Column<string>(maxLength: 500, nullable: false),
            RequestedBy = t.Column<Guid>(nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            Rounds = t.Column<int>(nullable: false),
            NextAttemptAt = t.Column<DateTimeOffset>(nullable: true),
            ClaimedUntil = t.Column<DateTimeOffset>(nullable: true),
            LastStatusCode = t.Column<int>(nullable: true),
            LastError = t.Column<string>(maxLength: 1000, nullable: true),
            DeliveredAt = t.Column<DateTimeOffset>(nullable: true),
            RemoteLocation = t.Column<string>(maxLength: 500, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_ReportDeliveries", x => x.Id);
            t.ForeignKey("FK_ReportDeliveries_Reports_ReportId", x => x.ReportId, "Reports", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_ReportDeliveries_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_ReportDeliveries_OrganizationId", "ReportDeliveries", "OrganizationId");
        mb.CreateIndex("IX_ReportDeliveries_ReportId", "ReportDeliveries", "ReportId");
        mb.CreateIndex("IX_ReportDeliveries_Status_NextAttemptAt", "ReportDeliveries", ["Status", "NextAttemptAt"]);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.Sql("""DROP TRIGGER "TR_ReportVersions_FirstSignedUnchangeable" """ + (ActiveProvider == Postgres ? """ON "ReportVersions" """ : ""));
        mb.DropTable("ReportDeliveries");
        mb.DropTable("IntegrationSettings");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// Usage and billing: daily storage per workspace, each organization's billing arrangement and processing quota, the
/// quota alerts already sent, and the statements of closed months — which the database never lets change.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206090000_Usage")]
public sealed class Usage : Migration
{
    private const string Postgres = "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("StorageSnapshots", t => new
        {
            OrganizationId = t.Column<Guid>(nullable: false),
            WorkspaceId = t.Column<Guid>(nullable: false),
            Day = t.Column<DateOnly>(nullable: false),
            Bytes = t.Column<long>(nullable: false),
            Files = t.Column<int>(nullable: false),
            TakenAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_StorageSnapshots", x => new { x.OrganizationId, x.WorkspaceId, x.Day });
            t.ForeignKey("FK_StorageSnapshots_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_StorageSnapshots_OrganizationId_Day", "StorageSnapshots", ["OrganizationId", "Day"]);

        mb.CreateTable("BillingArrangements", t => new
        {
            OrganizationId = t.Column<Guid>(nullable: false),
            PlanName = t.Column<string>(maxLength: 100, nullable: false),
            Currency = t.Column<string>(maxLength: 3, nullable: false),
            PricePerGbMonth = t.Column<decimal>(precision: 18, scale: 4, nullable: false),
            PricePerCpuHour = t.Column<decimal>(precision: 18, scale: 4, nullable: false),
            PricePerSample = t.Column<decimal>(precision: 18, scale: 4, nullable: false),
            MonthlyFee = t.Column<decimal>(precision: 18, scale: 4, nullable: false),
            ProcessingHoursQuota = t.Column<double>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_BillingArrangements", x => x.OrganizationId);
            t.ForeignKey("FK_BillingArrangements_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("QuotaAlerts", t => new
        {
            OrganizationId = t.Column<Guid>(nullable: false),
            Quota = t.Column<string>(maxLength: 16, nullable: false),
            Month = t.Column<DateOnly>(nullable: false),
            Threshold = t.Column<int>(nullable: false),
            SentAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_QuotaAlerts", x => new { x.OrganizationId, x.Quota, x.Month, x.Threshold });
            t.ForeignKey("FK_QuotaAlerts_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("Statements", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            Month = t.Column<DateOnly>(nullable: false),
            PlanName = t.Column<string>(maxLength: 100, nullable: false),
            Currency = t.Column<string>(maxLength: 3, nullable: false),
            LinesJson = t.Column<string>(nullable: false),
            Total = t.Column<decimal>(precision: 18, scale: 4, nullable: false),
            ClosedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Statements", x => x.Id);
            t.ForeignKey("FK_Statements_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_Statements_OrganizationId_Month", "Statements", ["OrganizationId", "Month"], unique: true);

        // A closed month's statement is what was billed: no UPDATE, ever (deleting the organization still removes it).
        if (ActiveProvider == Postgres)
        {
            mb.Sql("""
                CREATE FUNCTION closed_statements_unchangeable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'the statement of a closed month never changes'; END $$
                """);
            mb.Sql("""CREATE TRIGGER "TR_Statements_NoUpdate" BEFORE UPDATE ON "Statements" FOR EACH ROW EXECUTE FUNCTION closed_statements_unchangeable()""");
        }
        else
        {
            mb.Sql("""CREATE TRIGGER "TR_Statements_NoUpdate" BEFORE UPDATE ON "Statements" BEGIN SELECT RAISE(ABORT, 'the statement of a closed month never changes'); END""");
        }
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.Sql("""DROP TRIGGER "TR_Statements_NoUpdate" """ + (ActiveProvider == Postgres ? """ON "Statements" """ : ""));
        if (ActiveProvider == Postgres) mb.Sql("DROP FUNCTION closed_statements_unchangeable()");
        mb.DropTable("Statements");
        mb.DropTable("QuotaAlerts");
        mb.DropTable("BillingArrangements");
        mb.DropTable("StorageSnapshots");
    }
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// The audit trail: append-only rows (triggers refuse UPDATE and DELETE on both providers), chained per organization
/// by hash, and the head of each organization's chain.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261126110000_AuditTrail")]
public sealed class AuditTrail : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "AuditRecords",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganizationId = t.Column<Guid>(nullable: false),
                Sequence = t.Column<long>(nullable: false),
                WorkspaceId = t.Column<Guid>(nullable: true),
                EntityType = t.Column<string>(maxLength: 100, nullable: false),
                EntityId = t.Column<string>(maxLength: 200, nullable: false),
                Action = t.Column<string>(maxLength: 16, nullable: false),
                Changes = t.Column<string>(nullable: false),
                ActorUserId = t.Column<Guid>(nullable: true),
                OccurredAt = t.Column<DateTimeOffset>(nullable: false),
                RequestId = t.Column<string>(maxLength: 64, nullable: true),
                PreviousHash = t.Column<string>(maxLength: 64, nullable: false),
                Hash = t.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_AuditRecords", x => x.Id));
        mb.CreateIndex("IX_AuditRecords_OrganizationId_Sequence", "AuditRecords", ["OrganizationId", "Sequence"], unique: true);

        mb.CreateTable(
            name: "AuditHeads",
            columns: t => new
            {
                OrganizationId = t.Column<Guid>(nullable: false),
                Sequence = t.Column<long>(nullable: false),
                Hash = t.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_AuditHeads", x => x.OrganizationId));

        if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            mb.Sql("""
                CREATE FUNCTION audit_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit records are append-only'; END $$
                """);
            mb.Sql("""CREATE TRIGGER "TR_AuditRecords_NoUpdate" BEFORE UPDATE ON "AuditRecords" FOR EACH ROW EXECUTE FUNCTION audit_records_append_only()""");
            mb.Sql("""CREATE TRIGGER "TR_AuditRecords_NoDelete" BEFORE DELETE ON "AuditRecords" FOR EACH ROW EXECUTE FUNCTION audit_records_append_only()""");
        }
        else
        {
            mb.Sql("""CREATE TRIGGER "TR_AuditRecords_NoUpdate" BEFORE UPDATE ON "AuditRecords" BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END""");
            mb.Sql("""CREATE TRIGGER "TR_AuditRecords_NoDelete" BEFORE DELETE ON "AuditRecords" BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END""");
        }
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("AuditHeads");
        mb.DropTable("AuditRecords");
        if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL") mb.Sql("DROP FUNCTION audit_records_append_only()");
    }
}

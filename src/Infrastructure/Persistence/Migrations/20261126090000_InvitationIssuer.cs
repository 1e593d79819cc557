using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// An invitation remembers who issued its live token (the inviter or the last person to re-send it): accepting it
/// needs that person's right to give the role, checked again at acceptance. Existing rows take their inviter.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261126090000_InvitationIssuer")]
public sealed class InvitationIssuer : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<Guid>("LastSentBy", "Invitations", nullable: false, defaultValue: Guid.Empty);
        mb.Sql("""UPDATE "Invitations" SET "LastSentBy" = "InvitedBy" """);
        if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            mb.Sql("""ALTER TABLE "Invitations" ALTER COLUMN "LastSentBy" DROP DEFAULT""");
    }

    protected override void Down(MigrationBuilder mb) => mb.DropColumn("LastSentBy", "Invitations");
}

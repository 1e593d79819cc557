using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// Built-in roles remember which catalogue keys they have been offered their default for. Existing built-in roles had
/// been offered the sixteen keys of the catalogue as it was; the keys added since are offered at start-up
/// (PermissionCatalogueSync), so later permissions need no migration.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261126100000_OfferedPermissions")]
public sealed class OfferedPermissions : Migration
{
    private const string SixteenKeys =
        "analyses.launch.direct,analyses.launch.sub,analyses.launch.workflow,organization.analytics.view,organization.billing.manage," +
        "organization.settings.manage,roles.manage,samples.assign,samples.define,samples.view.all,samples.view.assigned,users.invite," +
        "users.manage,workspaces.access.manage,workspaces.create,workspaces.delete";

    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<string>("OfferedPermissions", "Roles", nullable: false, defaultValue: "");
        mb.Sql($"""UPDATE "Roles" SET "OfferedPermissions" = '{SixteenKeys}' WHERE "BuiltIn" IS NOT NULL""");
        if (ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL")
            mb.Sql("""ALTER TABLE "Roles" ALTER COLUMN "OfferedPermissions" DROP DEFAULT""");
    }

    protected override void Down(MigrationBuilder mb) => mb.DropColumn("OfferedPermissions", "Roles");
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// Every organization carries an authorization version that the database itself changes, by trigger, whenever a row
/// that a member's access is computed from changes (memberships, roles, role permissions, workspaces, workspace
/// grants, the role-based-access switch). The membership lookup caches a member's access per version and reads the
/// version on every request, so any change — through the application, another replica, a bulk statement, a cascade
/// or raw SQL — takes effect on the very next request. The trigger names are declared on the model (HasTrigger) and a
/// test compares them with the migrated database. The new version is random rather than +1, so that a database
/// restored to an earlier state under a running application cannot repeat a version with different contents.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261124140000_AuthorizationVersion")]
public sealed class AuthorizationVersion : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<long>("AuthorizationVersion", "Organizations", nullable: false, defaultValue: 0L);
        var postgres = ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
        if (postgres)
        {
            // One function for all of them: the organization id is found per table.
            mb.Sql("""
                CREATE FUNCTION "BumpAuthorizationVersion"() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE
                    changed record;
                    organization uuid;
                BEGIN
                    IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
                    IF TG_TABLE_NAME = 'Organizations' THEN
                        organization := changed."Id";
                    ELSIF TG_TABLE_NAME = 'RolePermissions' THEN
                        SELECT "OrganizationId" INTO organization FROM "Roles" WHERE "Id" = changed."RoleId";
                    ELSE
                        organization := changed."OrganizationId";
                    END IF;
                    UPDATE "Organizations" SET "AuthorizationVersion" = floor(random() * 9.2e18)::bigint WHERE "Id" = organization;
                    RETURN NULL;
                END $$
                """);
        }
        foreach (var (table, name, trigger) in Triggers)
        {
            mb.Sql(postgres
                ? $"""CREATE TRIGGER "{name}" AFTER {trigger} ON "{table}" FOR EACH ROW EXECUTE FUNCTION "BumpAuthorizationVersion"()"""
                : $"""
                   CREATE TRIGGER "{name}" AFTER {trigger} ON "{table}" BEGIN
                       UPDATE "Organizations" SET "AuthorizationVersion" = random()
                       WHERE "Id" = {SqliteOrganizationOf(table, trigger == "DELETE" ? "OLD" : "NEW")};
                   END
                   """);
        }
    }

    /// <summary>
    /// What a member's access (MembershipLookup) is computed from. Memberships bump only on a role change, not on
    /// every sign-in (LastLoginAt) or position edit; workspaces only when they appear or disappear.
    /// </summary>
    private static readonly (string Table, string Name, string Trigger)[] Triggers =
    [
        ("Memberships", "TR_Memberships_Authorization_Insert", "INSERT"),
        ("Memberships", "TR_Memberships_Authorization_Update", "UPDATE OF \"RoleId\", \"UserId\", \"OrganizationId\""),
        ("Memberships", "TR_Memberships_Authorization_Delete", "DELETE"),
        ("Roles", "TR_Roles_Authorization_Update", "UPDATE"),
        ("Roles", "TR_Roles_Authorization_Delete", "DELETE"),
        ("RolePermissions", "TR_RolePermissions_Authorization_Insert", "INSERT"),
        ("RolePermissions", "TR_RolePermissions_Authorization_Update", "UPDATE"),
        ("RolePermissions", "TR_RolePermissions_Authorization_Delete", "DELETE"),
        ("Workspaces", "TR_Workspaces_Authorization_Insert", "INSERT"),
        ("Workspaces", "TR_Workspaces_Authorization_Delete", "DELETE"),
        ("WorkspaceGrants", "TR_WorkspaceGrants_Authorization_Insert", "INSERT"),
        ("WorkspaceGrants", "TR_WorkspaceGrants_Authorization_Update", "UPDATE"),
        ("WorkspaceGrants", "TR_WorkspaceGrants_Authorization_Delete", "DELETE"),
        ("Organizations", "TR_Organizations_Authorization_Update", "UPDATE OF \"RoleBasedAccessEnabled\""),
    ];

    private static string SqliteOrganizationOf(string table, string row) => table switch
    {
        "Organizations" => row + ".\"Id\"",
        "RolePermissions" => $"""(SELECT "OrganizationId" FROM "Roles" WHERE "Id" = {row}."RoleId")""",
        _ => row + ".\"OrganizationId\"",
    };

    protected override void Down(MigrationBuilder mb)
    {
        var postgres = ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
        foreach (var (table, name, _) in Triggers)
            mb.Sql(postgres ? $"""DROP TRIGGER "{name}" ON "{table}" """ : $"""DROP TRIGGER "{name}" """);
        if (postgres) mb.Sql("""DROP FUNCTION "BumpAuthorizationVersion"()""");
        mb.DropColumn("AuthorizationVersion", "Organizations");
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// The Organizations trigger that bumps the authorization version (migration AuthorizationVersion), redefined when the
/// columns a member's access is computed from grow (the security policy's).
/// </summary>
internal static class OrganizationAccessTrigger
{
    private const string Name = "TR_Organizations_Authorization_Update";

    public static void Recreate(MigrationBuilder mb, string provider, string columns)
    {
        if (provider == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            mb.Sql($"""DROP TRIGGER "{Name}" ON "Organizations" """);
            mb.Sql($"""CREATE TRIGGER "{Name}" AFTER UPDATE OF {columns} ON "Organizations" FOR EACH ROW EXECUTE FUNCTION "BumpAuthorizationVersion"()""");
        }
        else
        {
            mb.Sql($"""DROP TRIGGER "{Name}" """);
            mb.Sql($"""
                CREATE TRIGGER "{Name}" AFTER UPDATE OF {columns} ON "Organizations" BEGIN
                    UPDATE "Organizations" SET "AuthorizationVersion" = random() WHERE "Id" = NEW."Id";
                END
                """);
        }
    }
}

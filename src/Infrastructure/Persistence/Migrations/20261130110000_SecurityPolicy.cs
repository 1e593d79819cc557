using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// The organization's security policy (minimum password length, two-factor required, longest session). A member's
/// access carries it, so a change must bump the authorization version like the role-based switch does: the
/// Organizations trigger now watches these columns too.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261130110000_SecurityPolicy")]
public sealed class SecurityPolicy : Migration
{

    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<int>("MinimumPasswordLength", "Organizations", nullable: false, defaultValue: 12);
        mb.AddColumn<bool>("RequireTwoFactor", "Organizations", nullable: false, defaultValue: false);
        mb.AddColumn<int>("MaxSessionHours", "Organizations", nullable: true);
        Recreate(mb, "\"RoleBasedAccessEnabled\", \"MinimumPasswordLength\", \"RequireTwoFactor\", \"MaxSessionHours\"");
    }

    protected override void Down(MigrationBuilder mb)
    {
        Recreate(mb, "\"RoleBasedAccessEnabled\"");
        foreach (var column in new[] { "MinimumPasswordLength", "RequireTwoFactor", "MaxSessionHours" }) mb.DropColumn(column, "Organizations");
    }

    private void Recreate(MigrationBuilder mb, string columns) => OrganizationAccessTrigger.Recreate(mb, ActiveProvider!, columns);
}

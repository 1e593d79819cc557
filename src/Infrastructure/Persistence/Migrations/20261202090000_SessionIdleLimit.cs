using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// The organization's longest idle time (minutes without a request there before a member signs in again) — part of its
/// security policy, so the Organizations trigger watches this column too.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261202090000_SessionIdleLimit")]
public sealed class SessionIdleLimit : Migration
{
    private const string PolicyColumns =
        "\"RoleBasedAccessEnabled\", \"MinimumPasswordLength\", \"RequireTwoFactor\", \"MaxSessionHours\", \"PersonalAccessTokensAllowed\", \"MaxTokenLifetimeDays\"";

    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<int>("MaxIdleMinutes", "Organizations", nullable: true);
        Recreate(mb, PolicyColumns + ", \"MaxIdleMinutes\"");
    }

    protected override void Down(MigrationBuilder mb)
    {
        Recreate(mb, PolicyColumns);
        mb.DropColumn("MaxIdleMinutes", "Organizations");
    }

    private void Recreate(MigrationBuilder mb, string columns) => OrganizationAccessTrigger.Recreate(mb, ActiveProvider!, columns);
}

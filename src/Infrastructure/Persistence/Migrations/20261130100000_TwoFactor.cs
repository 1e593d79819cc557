using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>Two-factor sign-in (TOTP): the protected key, a key being set up, the last accepted time step, the recovery codes' hashes.</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261130100000_TwoFactor")]
public sealed class TwoFactor : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<string>("TotpKey", "AspNetUsers", maxLength: 1024, nullable: true);
        mb.AddColumn<string>("PendingTotpKey", "AspNetUsers", maxLength: 1024, nullable: true);
        mb.AddColumn<long>("TotpLastStep", "AspNetUsers", nullable: true);
        mb.AddColumn<string>("RecoveryCodeHashes", "AspNetUsers", maxLength: 1024, nullable: true);
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var column in new[] { "TotpKey", "PendingTotpKey", "TotpLastStep", "RecoveryCodeHashes" }) mb.DropColumn(column, "AspNetUsers");
    }
}

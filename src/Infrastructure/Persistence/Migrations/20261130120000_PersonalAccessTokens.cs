using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// Personal access tokens (hashes only), and the organization's say on them (allowed, longest lifetime) — part of its
/// security policy, so the Organizations trigger watches these columns too.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261130120000_PersonalAccessTokens")]
public sealed class PersonalAccessTokens : Migration
{
    private const string PolicyColumns = "\"RoleBasedAccessEnabled\", \"MinimumPasswordLength\", \"RequireTwoFactor\", \"MaxSessionHours\"";

    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("PersonalAccessTokens", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            UserId = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            Hash = t.Column<string>(maxLength: 64, nullable: false),
            Hint = t.Column<string>(maxLength: 4, nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            ExpiresAt = t.Column<DateTimeOffset>(nullable: false),
            LastUsedAt = t.Column<DateTimeOffset>(nullable: true),
            RevokedAt = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_PersonalAccessTokens", x => x.Id);
            t.ForeignKey("FK_PersonalAccessTokens_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_PersonalAccessTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_PersonalAccessTokens_Hash", "PersonalAccessTokens", "Hash", unique: true);
        mb.CreateIndex("IX_PersonalAccessTokens_OrganizationId_UserId", "PersonalAccessTokens", ["OrganizationId", "UserId"]);
        mb.CreateIndex("IX_PersonalAccessTokens_UserId", "PersonalAccessTokens", "UserId");
        mb.AddColumn<bool>("PersonalAccessTokensAllowed", "Organizations", nullable: false, defaultValue: true);
        mb.AddColumn<int>("MaxTokenLifetimeDays", "Organizations", nullable: false, defaultValue: 90);
        Recreate(mb, PolicyColumns + ", \"PersonalAccessTokensAllowed\", \"MaxTokenLifetimeDays\"");
    }

    protected override void Down(MigrationBuilder mb)
    {
        Recreate(mb, PolicyColumns);
        mb.DropColumn("PersonalAccessTokensAllowed", "Organizations");
        mb.DropColumn("MaxTokenLifetimeDays", "Organizations");
        mb.DropTable("PersonalAccessTokens");
    }

    private void Recreate(MigrationBuilder mb, string columns) => OrganizationAccessTrigger.Recreate(mb, ActiveProvider!, columns);
}

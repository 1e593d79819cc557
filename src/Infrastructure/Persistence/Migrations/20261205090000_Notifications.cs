using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// Members' notifications per organization, how events reach them (the organization's defaults, each person's own), and
/// their bookmarks.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261205090000_Notifications")]
public sealed class Notifications : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("Notifications", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            UserId = t.Column<Guid>(nullable: false),
            Event = t.Column<string>(maxLength: 64, nullable: false),
            Title = t.Column<string>(maxLength: 300, nullable: false),
            Link = t.Column<string>(maxLength: 500, nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            ReadAt = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Notifications", x => x.Id);
            t.ForeignKey("FK_Notifications_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_Notifications_OrganizationId", "Notifications", "OrganizationId");
        mb.CreateIndex("IX_Notifications_UserId_OrganizationId_CreatedAt", "Notifications", ["UserId", "OrganizationId", "CreatedAt"]);

        mb.CreateTable("NotificationPreferences", t => new
        {
            OrganizationId = t.Column<Guid>(nullable: false),
            UserId = t.Column<Guid>(nullable: false),
            Event = t.Column<string>(maxLength: 64, nullable: false),
            InApp = t.Column<bool>(nullable: false),
            Email = t.Column<bool>(nullable: false),
            Audience = t.Column<string>(maxLength: 16, nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_NotificationPreferences", x => new { x.OrganizationId, x.UserId, x.Event });
            t.ForeignKey("FK_NotificationPreferences_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("Bookmarks", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            WorkspaceId = t.Column<Guid>(nullable: false),
            UserId = t.Column<Guid>(nullable: false),
            Kind = t.Column<string>(maxLength: 16, nullable: false),
            TargetId = t.Column<Guid>(nullable: false),
            VariantId = t.Column<int>(nullable: true),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Bookmarks", x => x.Id);
            t.ForeignKey("FK_Bookmarks_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_Bookmarks_OrganizationId", "Bookmarks", "OrganizationId");
        mb.CreateIndex("IX_Bookmarks_UserId_Kind_TargetId_VariantId", "Bookmarks", ["UserId", "Kind", "TargetId", "VariantId"], unique: true);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("Bookmarks");
        mb.DropTable("NotificationPreferences");
        mb.DropTable("Notifications");
    }
}

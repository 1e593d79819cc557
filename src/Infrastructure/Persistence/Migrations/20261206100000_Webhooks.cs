using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>The organization's webhook (address and encrypted signing secret) and the events on their way to it (an outbox).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261206100000_Webhooks")]
public sealed class Webhooks : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.AddColumn<string>("WebhookUrl", "IntegrationSettings", maxLength: 500, nullable: true);
        mb.AddColumn<string>("ProtectedWebhookSecret", "IntegrationSettings", nullable: true);

        mb.CreateTable("WebhookDeliveries", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            Event = t.Column<string>(maxLength: 64, nullable: false),
            Payload = t.Column<string>(nullable: false),
            Endpoint = t.Column<string>(maxLength: 500, nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            Status = t.Column<string>(maxLength: 16, nullable: false),
            Rounds = t.Column<int>(nullable: false),
            NextAttemptAt = t.Column<DateTimeOffset>(nullable: true),
            ClaimedUntil = t.Column<DateTimeOffset>(nullable: true),
            LastStatusCode = t.Column<int>(nullable: true),
            LastError = t.Column<string>(maxLength: 1000, nullable: true),
            DeliveredAt = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
            t.ForeignKey("FK_WebhookDeliveries_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_WebhookDeliveries_OrganizationId_CreatedAt", "WebhookDeliveries", ["OrganizationId", "CreatedAt"]);
        mb.CreateIndex("IX_WebhookDeliveries_Status_NextAttemptAt", "WebhookDeliveries", ["Status", "NextAttemptAt"]);
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("WebhookDeliveries");
        mb.DropColumn("ProtectedWebhookSecret", "IntegrationSettings");
        mb.DropColumn("WebhookUrl", "IntegrationSettings");
    }
}

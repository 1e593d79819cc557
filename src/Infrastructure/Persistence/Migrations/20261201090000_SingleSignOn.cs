using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>Institution sign-in: an organization's OpenID provider and the e-mail domains it serves (one organization per domain).</summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261201090000_SingleSignOn")]
public sealed class SingleSignOn : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("SingleSignOnConnections", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            Enabled = t.Column<bool>(nullable: false),
            Issuer = t.Column<string>(maxLength: 500, nullable: false),
            ClientId = t.Column<string>(maxLength: 200, nullable: false),
            ProtectedClientSecret = t.Column<string>(maxLength: 4000, nullable: false),
            DefaultRoleId = t.Column<Guid>(nullable: false),
            JustInTimeMembership = t.Column<bool>(nullable: false),
            Required = t.Column<bool>(nullable: false),
            ConfiguredBy = t.Column<Guid>(nullable: false),
            UpdatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SingleSignOnConnections", x => x.Id);
            t.ForeignKey("FK_SingleSignOnConnections_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_SingleSignOnConnections_Roles_DefaultRoleId", x => x.DefaultRoleId, "Roles", "Id", onDelete: ReferentialAction.Restrict);
        });
        mb.CreateIndex("IX_SingleSignOnConnections_OrganizationId", "SingleSignOnConnections", "OrganizationId", unique: true);
        mb.CreateIndex("IX_SingleSignOnConnections_DefaultRoleId", "SingleSignOnConnections", "DefaultRoleId");

        mb.CreateTable("SingleSignOnDomains", t => new
        {
            Domain = t.Column<string>(maxLength: 253, nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            ConnectionId = t.Column<Guid>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_SingleSignOnDomains", x => x.Domain);
            t.ForeignKey("FK_SingleSignOnDomains_SingleSignOnConnections_ConnectionId", x => x.ConnectionId, "SingleSignOnConnections", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_SingleSignOnDomains_ConnectionId", "SingleSignOnDomains", "ConnectionId");
        mb.CreateIndex("IX_SingleSignOnDomains_OrganizationId", "SingleSignOnDomains", "OrganizationId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("SingleSignOnDomains");
        mb.DropTable("SingleSignOnConnections");
    }
}

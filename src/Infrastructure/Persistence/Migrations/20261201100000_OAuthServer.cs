using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// The OAuth 2.0 authorization server: OpenIddict's tables (applications, authorizations, scopes, tokens, exactly as its
/// EF Core model defines them), the server's keys, and organization clients (a system's client id and its service account).
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261201100000_OAuthServer")]
public sealed class OAuthServer : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("OpenIddictApplications", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ApplicationType = t.Column<string>(maxLength: 50, nullable: true),
            ClientId = t.Column<string>(maxLength: 100, nullable: true),
            ClientSecret = t.Column<string>(nullable: true),
            ClientType = t.Column<string>(maxLength: 50, nullable: true),
            ConcurrencyToken = t.Column<string>(maxLength: 50, nullable: true),
            ConsentType = t.Column<string>(maxLength: 50, nullable: true),
            DisplayName = t.Column<string>(nullable: true),
            DisplayNames = t.Column<string>(nullable: true),
            JsonWebKeySet = t.Column<string>(nullable: true),
            Permissions = t.Column<string>(nullable: true),
            PostLogoutRedirectUris = t.Column<string>(nullable: true),
            Properties = t.Column<string>(nullable: true),
            RedirectUris = t.Column<string>(nullable: true),
            Requirements = t.Column<string>(nullable: true),
            Settings = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_OpenIddictApplications", x => x.Id));
        mb.CreateIndex("IX_OpenIddictApplications_ClientId", "OpenIddictApplications", "ClientId", unique: true);

        mb.CreateTable("OpenIddictScopes", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ConcurrencyToken = t.Column<string>(maxLength: 50, nullable: true),
            Description = t.Column<string>(nullable: true),
            Descriptions = t.Column<string>(nullable: true),
            DisplayName = t.Column<string>(nullable: true),
            DisplayNames = t.Column<string>(nullable: true),
            Name = t.Column<string>(maxLength: 200, nullable: true),
            Properties = t.Column<string>(nullable: true),
            Resources = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_OpenIddictScopes", x => x.Id));
        mb.CreateIndex("IX_OpenIddictScopes_Name", "OpenIddictScopes", "Name", unique: true);

        mb.CreateTable("OpenIddictAuthorizations", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ApplicationId = t.Column<Guid>(nullable: true),
            ConcurrencyToken = t.Column<string>(maxLength: 50, nullable: true),
            CreationDate = t.Column<DateTime>(nullable: true),
            Properties = t.Column<string>(nullable: true),
            Scopes = t.Column<string>(nullable: true),
            Status = t.Column<string>(maxLength: 50, nullable: true),
            Subject = t.Column<string>(maxLength: 400, nullable: true),
            Type = t.Column<string>(maxLength: 50, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_OpenIddictAuthorizations", x => x.Id);
            // The name as EF Core shortens it to PostgreSQL's 63 characters.
            t.ForeignKey("FK_OpenIddictAuthorizations_OpenIddictApplications_Application~", x => x.ApplicationId, "OpenIddictApplications", "Id");
        });
        mb.CreateIndex("IX_OpenIddictAuthorizations_ApplicationId_Status_Subject_Type", "OpenIddictAuthorizations", ["ApplicationId", "Status", "Subject", "Type"]);

        mb.CreateTable("OpenIddictTokens", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            ApplicationId = t.Column<Guid>(nullable: true),
            AuthorizationId = t.Column<Guid>(nullable: true),
            ConcurrencyToken = t.Column<string>(maxLength: 50, nullable: true),
            CreationDate = t.Column<DateTime>(nullable: true),
            ExpirationDate = t.Column<DateTime>(nullable: true),
            Payload = t.Column<string>(nullable: true),
            Properties = t.Column<string>(nullable: true),
            RedemptionDate = t.Column<DateTime>(nullable: true),
            ReferenceId = t.Column<string>(maxLength: 100, nullable: true),
            Status = t.Column<string>(maxLength: 50, nullable: true),
            Subject = t.Column<string>(maxLength: 400, nullable: true),
            Type = t.Column<string>(maxLength: 150, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_OpenIddictTokens", x => x.Id);
            t.ForeignKey("FK_OpenIddictTokens_OpenIddictApplications_ApplicationId", x => x.ApplicationId, "OpenIddictApplications", "Id");
            t.ForeignKey("FK_OpenIddictTokens_OpenIddictAuthorizations_AuthorizationId", x => x.AuthorizationId, "OpenIddictAuthorizations", "Id");
        });
        mb.CreateIndex("IX_OpenIddictTokens_ApplicationId_Status_Subject_Type", "OpenIddictTokens", ["ApplicationId", "Status", "Subject", "Type"]);
        mb.CreateIndex("IX_OpenIddictTokens_AuthorizationId", "OpenIddictTokens", "AuthorizationId");
        mb.CreateIndex("IX_OpenIddictTokens_ReferenceId", "OpenIddictTokens", "ReferenceId", unique: true);

        mb.CreateTable("ServerKeys", t => new
        {
            Purpose = t.Column<string>(maxLength: 20, nullable: false),
            ProtectedKey = t.Column<string>(nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_ServerKeys", x => x.Purpose));

        mb.CreateTable("OrganizationClients", t => new
        {
            Id = t.Column<Guid>(nullable: false),
            OrganizationId = t.Column<Guid>(nullable: false),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            ClientId = t.Column<string>(maxLength: 100, nullable: false),
            ServiceUserId = t.Column<Guid>(nullable: false),
            CreatedBy = t.Column<Guid>(nullable: false),
            CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            LastTokenAt = t.Column<DateTimeOffset>(nullable: true),
            RevokedAt = t.Column<DateTimeOffset>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_OrganizationClients", x => x.Id);
            t.ForeignKey("FK_OrganizationClients_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_OrganizationClients_AspNetUsers_ServiceUserId", x => x.ServiceUserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });
        mb.CreateIndex("IX_OrganizationClients_ClientId", "OrganizationClients", "ClientId", unique: true);
        mb.CreateIndex("IX_OrganizationClients_OrganizationId", "OrganizationClients", "OrganizationId");
        mb.CreateIndex("IX_OrganizationClients_ServiceUserId", "OrganizationClients", "ServiceUserId");
    }

    protected override void Down(MigrationBuilder mb)
    {
        mb.DropTable("OrganizationClients");
        mb.DropTable("ServerKeys");
        mb.DropTable("OpenIddictTokens");
        mb.DropTable("OpenIddictAuthorizations");
        mb.DropTable("OpenIddictScopes");
        mb.DropTable("OpenIddictApplications");
    }
}

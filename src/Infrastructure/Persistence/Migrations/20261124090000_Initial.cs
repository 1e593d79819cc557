using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace VariantMiner.Infrastructure.Persistence.Migrations;

/// <summary>
/// Identity accounts and the tenancy core: organizations, roles, memberships, workspaces, activity, invitations,
/// and the e-mail outbox.
/// Hand-written (ADR 0003): column types are left to each provider's mapping of the CLR type, so one migration
/// serves SQLite and PostgreSQL; the schema-drift test proves the result equals the EF model.
/// </summary>
[DbContext(typeof(AppDbContext))]
[Migration("20261124090000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable(
            name: "AspNetUsers",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                DisplayName = t.Column<string>(maxLength: 200, nullable: false),
                IsPlatformAdmin = t.Column<bool>(nullable: false),
                LastOrganizationId = t.Column<Guid>(nullable: true),
                CreatedAt = t.Column<DateTimeOffset>(nullable: false),
                UserName = t.Column<string>(maxLength: 256, nullable: true),
                NormalizedUserName = t.Column<string>(maxLength: 256, nullable: true),
                Email = t.Column<string>(maxLength: 256, nullable: true),
                NormalizedEmail = t.Column<string>(maxLength: 256, nullable: true),
                EmailConfirmed = t.Column<bool>(nullable: false),
                PasswordHash = t.Column<string>(nullable: true),
                SecurityStamp = t.Column<string>(nullable: true),
                ConcurrencyStamp = t.Column<string>(nullable: true),
                PhoneNumber = t.Column<string>(nullable: true),
                PhoneNumberConfirmed = t.Column<bool>(nullable: false),
                TwoFactorEnabled = t.Column<bool>(nullable: false),
                LockoutEnd = t.Column<DateTimeOffset>(nullable: true),
                LockoutEnabled = t.Column<bool>(nullable: false),
                AccessFailedCount = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_AspNetUsers", x => x.Id));

        mb.CreateTable(
            name: "Organizations",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 200, nullable: false),
                Description = t.Column<string>(maxLength: 2000, nullable: true),
                RoleBasedAccessEnabled = t.Column<bool>(nullable: false),
                ContactName = t.Column<string>(maxLength: 256, nullable: true),
                ContactEmail = t.Column<string>(maxLength: 256, nullable: true),
                StorageQuotaBytes = t.Column<long>(nullable: false),
                StorageUsedBytes = t.Column<long>(nullable: false),
                PendingOwnerEmail = t.Column<string>(maxLength: 256, nullable: true),
                AllowedInvitationDomains = t.Column<string>(maxLength: 2000, nullable: false),
                DefaultInvitationRoleId = t.Column<Guid>(nullable: true),
                CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_Organizations", x => x.Id));

        mb.CreateTable(
            name: "AspNetUserClaims",
            columns: t => new
            {
                Id = t.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                UserId = t.Column<Guid>(nullable: false),
                ClaimType = t.Column<string>(nullable: true),
                ClaimValue = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                t.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "AspNetUserLogins",
            columns: t => new
            {
                LoginProvider = t.Column<string>(nullable: false),
                ProviderKey = t.Column<string>(nullable: false),
                ProviderDisplayName = t.Column<string>(nullable: true),
                UserId = t.Column<Guid>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                t.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "AspNetUserTokens",
            columns: t => new
            {
                UserId = t.Column<Guid>(nullable: false),
                LoginProvider = t.Column<string>(nullable: false),
                Name = t.Column<string>(nullable: false),
                Value = t.Column<string>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                t.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "Roles",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganizationId = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                BuiltIn = t.Column<string>(maxLength: 32, nullable: true),
                Version = t.Column<Guid>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Roles", x => x.Id);
                t.ForeignKey("FK_Roles_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "Workspaces",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganizationId = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 200, nullable: false),
                Description = t.Column<string>(maxLength: 2000, nullable: true),
                CreatedAt = t.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Workspaces", x => x.Id);
                t.ForeignKey("FK_Workspaces_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "Memberships",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganizationId = t.Column<Guid>(nullable: false),
                UserId = t.Column<Guid>(nullable: false),
                RoleId = t.Column<Guid>(nullable: false),
                Position = t.Column<string>(maxLength: 100, nullable: true),
                JoinedAt = t.Column<DateTimeOffset>(nullable: false),
                LastLoginAt = t.Column<DateTimeOffset>(nullable: true),
                Version = t.Column<Guid>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Memberships", x => x.Id);
                t.ForeignKey("FK_Memberships_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Restrict);
                t.ForeignKey("FK_Memberships_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_Memberships_Roles_RoleId", x => x.RoleId, "Roles", "Id", onDelete: ReferentialAction.NoAction);
            });

        mb.CreateTable(
            name: "RolePermissions",
            columns: t => new
            {
                RoleId = t.Column<Guid>(nullable: false),
                Permission = t.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_RolePermissions", x => new { x.RoleId, x.Permission });
                t.ForeignKey("FK_RolePermissions_Roles_RoleId", x => x.RoleId, "Roles", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "WorkspaceGrants",
            columns: t => new
            {
                MembershipId = t.Column<Guid>(nullable: false),
                WorkspaceId = t.Column<Guid>(nullable: false),
                OrganizationId = t.Column<Guid>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_WorkspaceGrants", x => new { x.MembershipId, x.WorkspaceId });
                t.ForeignKey("FK_WorkspaceGrants_Memberships_MembershipId", x => x.MembershipId, "Memberships", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_WorkspaceGrants_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "Activities",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganizationId = t.Column<Guid>(nullable: false),
                WorkspaceId = t.Column<Guid>(nullable: true),
                ActorUserId = t.Column<Guid>(nullable: false),
                Action = t.Column<string>(maxLength: 64, nullable: false),
                TargetType = t.Column<string>(maxLength: 32, nullable: false),
                TargetId = t.Column<Guid>(nullable: true),
                Summary = t.Column<string>(maxLength: 500, nullable: false),
                OccurredAt = t.Column<DateTimeOffset>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Activities", x => x.Id);
                t.ForeignKey("FK_Activities_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "Invitations",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganizationId = t.Column<Guid>(nullable: false),
                Email = t.Column<string>(maxLength: 256, nullable: false),
                RoleId = t.Column<Guid>(nullable: false),
                InvitedBy = t.Column<Guid>(nullable: false),
                TokenHash = t.Column<string>(maxLength: 64, nullable: false),
                Status = t.Column<string>(maxLength: 16, nullable: false),
                CreatedAt = t.Column<DateTimeOffset>(nullable: false),
                ExpiresAt = t.Column<DateTimeOffset>(nullable: false),
                LastSentAt = t.Column<DateTimeOffset>(nullable: false),
                SendCount = t.Column<int>(nullable: false),
                AcceptedAt = t.Column<DateTimeOffset>(nullable: true),
                AcceptedBy = t.Column<Guid>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_Invitations", x => x.Id);
                t.ForeignKey("FK_Invitations_Organizations_OrganizationId", x => x.OrganizationId, "Organizations", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_Invitations_Roles_RoleId", x => x.RoleId, "Roles", "Id", onDelete: ReferentialAction.NoAction);
            });

        mb.CreateTable(
            name: "InvitationWorkspaces",
            columns: t => new
            {
                InvitationId = t.Column<Guid>(nullable: false),
                WorkspaceId = t.Column<Guid>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_InvitationWorkspaces", x => new { x.InvitationId, x.WorkspaceId });
                t.ForeignKey("FK_InvitationWorkspaces_Invitations_InvitationId", x => x.InvitationId, "Invitations", "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey("FK_InvitationWorkspaces_Workspaces_WorkspaceId", x => x.WorkspaceId, "Workspaces", "Id", onDelete: ReferentialAction.Cascade);
            });

        mb.CreateTable(
            name: "OutboxMessages",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganizationId = t.Column<Guid>(nullable: true),
                Recipient = t.Column<string>(maxLength: 256, nullable: false),
                Subject = t.Column<string>(maxLength: 500, nullable: false),
                Body = t.Column<string>(nullable: false),
                CreatedAt = t.Column<DateTimeOffset>(nullable: false),
                SentAt = t.Column<DateTimeOffset>(nullable: true),
                Attempts = t.Column<int>(nullable: false),
                LastError = t.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_OutboxMessages", x => x.Id));

        mb.CreateIndex("IX_Invitations_OrganizationId_Email", "Invitations", ["OrganizationId", "Email"]);
        mb.CreateIndex("IX_Invitations_RoleId", "Invitations", "RoleId");
        mb.CreateIndex("IX_Invitations_TokenHash", "Invitations", "TokenHash", unique: true);
        mb.CreateIndex("IX_InvitationWorkspaces_WorkspaceId", "InvitationWorkspaces", "WorkspaceId");
        mb.CreateIndex("IX_OutboxMessages_SentAt_CreatedAt", "OutboxMessages", ["SentAt", "CreatedAt"]);
        mb.CreateIndex("IX_Activities_OrganizationId_OccurredAt_Id", "Activities", ["OrganizationId", "OccurredAt", "Id"]);
        mb.CreateIndex("IX_Organizations_PendingOwnerEmail", "Organizations", "PendingOwnerEmail");
        mb.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        mb.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        mb.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        mb.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
        mb.CreateIndex("IX_Memberships_OrganizationId_UserId", "Memberships", ["OrganizationId", "UserId"], unique: true);
        mb.CreateIndex("IX_Memberships_RoleId", "Memberships", "RoleId");
        mb.CreateIndex("IX_Memberships_UserId", "Memberships", "UserId");
        mb.CreateIndex("IX_Roles_OrganizationId_Name", "Roles", ["OrganizationId", "Name"], unique: true);
        mb.CreateIndex("IX_WorkspaceGrants_WorkspaceId", "WorkspaceGrants", "WorkspaceId");
        mb.CreateIndex("IX_Workspaces_OrganizationId_Name", "Workspaces", ["OrganizationId", "Name"], unique: true);
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var table in new[] { "OutboxMessages", "InvitationWorkspaces", "Invitations", "Activities", "WorkspaceGrants", "RolePermissions", "Memberships", "Workspaces", "Roles",
                     "AspNetUserTokens", "AspNetUserLogins", "AspNetUserClaims", "Organizations", "AspNetUsers" })
        {
            mb.DropTable(table);
        }
    }
}

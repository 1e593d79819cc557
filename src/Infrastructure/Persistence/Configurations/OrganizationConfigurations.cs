using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VariantMiner.Infrastructure.Identity;

namespace VariantMiner.Infrastructure.Persistence.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.Name).HasMaxLength(Organization.NameMaxLength);
        b.Property(o => o.Description).HasMaxLength(Organization.DescriptionMaxLength);
        b.Property(o => o.ContactName).HasMaxLength(Organization.ContactMaxLength);
        b.Property(o => o.ContactEmail).HasMaxLength(Organization.ContactMaxLength);
        b.Property(o => o.PendingOwnerEmail).HasMaxLength(256);
        b.HasIndex(o => o.PendingOwnerEmail);
        b.Property(o => o.AllowedInvitationDomains).HasMaxLength(2000);
        b.Ignore(o => o.InvitationDomains);
        // Defaults for the organizations that existed before the policy (migration SecurityPolicy).
        b.Property(o => o.MinimumPasswordLength).HasDefaultValue(Organization.InstallationMinimumPasswordLength);
        b.Property(o => o.RequireTwoFactor).HasDefaultValue(false);
        // The sentinel is the default: a new organization allowing tokens leaves it to the database, one refusing them says so.
        b.Property(o => o.PersonalAccessTokensAllowed).HasDefaultValue(true).HasSentinel(true);
        b.Property(o => o.MaxTokenLifetimeDays).HasDefaultValue(Organization.DefaultMaxTokenLifetimeDays);
        // Bumped only by the database's authorization triggers (migration AuthorizationVersion) and read by the
        // membership lookup to validate its cache; the application never writes it (a stale write would undo a bump).
        var version = b.Property<long>(AuthorizationVersionRead.Property).HasDefaultValue(0L).ValueGeneratedNever();
        version.Metadata.SetBeforeSaveBehavior(PropertySaveBehavior.Ignore);
        version.Metadata.SetAfterSaveBehavior(PropertySaveBehavior.Ignore);
        b.ToTable(t => t.HasTrigger("TR_Organizations_Authorization_Update"));
    }
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> b)
    {
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Name).HasMaxLength(Role.NameMaxLength);
        b.Property(r => r.BuiltIn).HasConversion<string>().HasMaxLength(32);
        b.Property(r => r.Version).IsConcurrencyToken();
        b.HasIndex(r => new { r.OrganizationId, r.Name }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Permissions).WithOne().HasForeignKey(p => p.RoleId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Permissions).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        b.Ignore(r => r.IsSupervisor);
        b.Ignore(r => r.IsCustom);
        b.Ignore(r => r.PermissionKeys);
        b.ToTable(t =>
        {
            t.HasTrigger("TR_Roles_Authorization_Update");
            t.HasTrigger("TR_Roles_Authorization_Delete");
        });
    }
}

internal sealed class RolePermissionConfiguration : IEntityTypeConfiguration<RolePermission>
{
    public void Configure(EntityTypeBuilder<RolePermission> b)
    {
        b.ToTable("RolePermissions", t =>
        {
            t.HasTrigger("TR_RolePermissions_Authorization_Insert");
            t.HasTrigger("TR_RolePermissions_Authorization_Update");
            t.HasTrigger("TR_RolePermissions_Authorization_Delete");
        });
        b.HasKey(p => new { p.RoleId, p.Permission });
        b.Property(p => p.Permission).HasMaxLength(64);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Position).HasMaxLength(Membership.PositionMaxLength);
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasIndex(m => new { m.OrganizationId, m.UserId }).IsUnique();
        b.HasIndex(m => m.UserId);
        b.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        // NO ACTION (checked at the end of the statement), so deleting an organization can cascade to both.
        b.HasOne<Role>().WithMany().HasForeignKey(m => m.RoleId).OnDelete(DeleteBehavior.NoAction);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.WorkspaceGrants).WithOne().HasForeignKey(g => g.MembershipId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.WorkspaceGrants).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
        b.ToTable(t =>
        {
            t.HasTrigger("TR_Memberships_Authorization_Insert");
            t.HasTrigger("TR_Memberships_Authorization_Update");
            t.HasTrigger("TR_Memberships_Authorization_Delete");
        });
    }
}

internal sealed class WorkspaceGrantConfiguration : IEntityTypeConfiguration<WorkspaceGrant>
{
    public void Configure(EntityTypeBuilder<WorkspaceGrant> b)
    {
        b.ToTable("WorkspaceGrants", t =>
        {
            t.HasTrigger("TR_WorkspaceGrants_Authorization_Insert");
            t.HasTrigger("TR_WorkspaceGrants_Authorization_Update");
            t.HasTrigger("TR_WorkspaceGrants_Authorization_Delete");
        });
        b.HasKey(g => new { g.MembershipId, g.WorkspaceId });
        b.HasIndex(g => g.WorkspaceId);
        b.HasOne<Workspace>().WithMany().HasForeignKey(g => g.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkspaceConfiguration : IEntityTypeConfiguration<Workspace>
{
    public void Configure(EntityTypeBuilder<Workspace> b)
    {
        b.Property(w => w.Id).ValueGeneratedNever();
        b.Property(w => w.Name).HasMaxLength(Workspace.NameMaxLength);
        b.Property(w => w.Description).HasMaxLength(Workspace.DescriptionMaxLength);
        b.HasIndex(w => new { w.OrganizationId, w.Name }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(w => w.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t =>
        {
            t.HasTrigger("TR_Workspaces_Authorization_Insert");
            t.HasTrigger("TR_Workspaces_Authorization_Delete");
        });
    }
}

internal sealed class ActivityRecordConfiguration : IEntityTypeConfiguration<ActivityRecord>
{
    public void Configure(EntityTypeBuilder<ActivityRecord> b)
    {
        b.ToTable("Activities");
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.TargetType).HasMaxLength(32);
        b.Property(a => a.Summary).HasMaxLength(ActivityRecord.SummaryMaxLength);
        // Newest first per organization: the dashboard and the activity list read this way.
        b.HasIndex(a => new { a.OrganizationId, a.OccurredAt, a.Id });
        b.HasOne<Organization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<Domain.Authorization.PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<Domain.Authorization.PersonalAccessToken> b)
    {
        b.Property(t => t.Id).ValueGeneratedNever();
        b.Property(t => t.Name).HasMaxLength(Domain.Authorization.PersonalAccessToken.NameMaxLength);
        b.Property(t => t.Hash).HasMaxLength(64);
        b.Property(t => t.Hint).HasMaxLength(4);
        // Every bearer request looks its token up by hash.
        b.HasIndex(t => t.Hash).IsUnique();
        b.HasIndex(t => new { t.OrganizationId, t.UserId });
        b.HasOne<Organization>().WithMany().HasForeignKey(t => t.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<VariantMiner.Infrastructure.Identity.ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SingleSignOnConnectionConfiguration : IEntityTypeConfiguration<Domain.Authorization.SingleSignOnConnection>
{
    public void Configure(EntityTypeBuilder<Domain.Authorization.SingleSignOnConnection> b)
    {
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Issuer).HasMaxLength(Domain.Authorization.SingleSignOnConnection.IssuerMaxLength);
        b.Property(c => c.ClientId).HasMaxLength(Domain.Authorization.SingleSignOnConnection.ClientIdMaxLength);
        b.Property(c => c.ProtectedClientSecret).HasMaxLength(4000);
        b.HasIndex(c => c.OrganizationId).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Role>().WithMany().HasForeignKey(c => c.DefaultRoleId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(c => c.Domains).WithOne().HasForeignKey(d => d.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(c => c.Domains).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class SingleSignOnDomainConfiguration : IEntityTypeConfiguration<Domain.Authorization.SingleSignOnDomain>
{
    public void Configure(EntityTypeBuilder<Domain.Authorization.SingleSignOnDomain> b)
    {
        // The key: a domain signs in at one organization's provider at most.
        b.ToTable("SingleSignOnDomains");
        b.HasKey(d => d.Domain);
        b.Property(d => d.Domain).HasMaxLength(253);
        b.HasIndex(d => d.OrganizationId);
    }
}

internal sealed class OrganizationClientConfiguration : IEntityTypeConfiguration<Domain.Authorization.OrganizationClient>
{
    public void Configure(EntityTypeBuilder<Domain.Authorization.OrganizationClient> b)
    {
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Name).HasMaxLength(Domain.Authorization.OrganizationClient.NameMaxLength);
        b.Property(c => c.ClientId).HasMaxLength(100);
        // The token endpoint finds the client by its id.
        b.HasIndex(c => c.ClientId).IsUnique();
        b.HasIndex(c => c.OrganizationId);
        b.HasOne<Organization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<VariantMiner.Infrastructure.Identity.ApplicationUser>().WithMany().HasForeignKey(c => c.ServiceUserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ServerKeyConfiguration : IEntityTypeConfiguration<VariantMiner.Infrastructure.Identity.OAuth.ServerKey>
{
    public void Configure(EntityTypeBuilder<VariantMiner.Infrastructure.Identity.OAuth.ServerKey> b)
    {
        b.ToTable("ServerKeys");
        b.HasKey(k => k.Purpose);
        b.Property(k => k.Purpose).HasMaxLength(20);
    }
}

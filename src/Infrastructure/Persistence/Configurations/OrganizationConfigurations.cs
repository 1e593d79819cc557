using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VariantMiner.Domain.Organizations;
using VariantMiner.Infrastructure.Identity;

namespace VariantMiner.Infrastructure.Persistence.Configurations;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.Name).HasMaxLength(Organization.NameMaxLength);
        b.Property(o => o.Description).HasMaxLength(Organization.DescriptionMaxLength);
    }
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> b)
    {
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Name).HasMaxLength(Role.NameMaxLength);
        b.Property(r => r.BuiltIn).HasConversion<string>().HasMaxLength(32);
        b.HasIndex(r => new { r.OrganizationId, r.Name }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(r => r.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(r => r.Permissions).WithOne().HasForeignKey(p => p.RoleId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Permissions).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(r => r.IsSupervisor);
    }
}

internal sealed class RolePermissionConfiguration : IEntityTypeConfiguration<RolePermission>
{
    public void Configure(EntityTypeBuilder<RolePermission> b)
    {
        b.ToTable("RolePermissions");
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
        b.HasIndex(m => new { m.OrganizationId, m.UserId }).IsUnique();
        b.HasIndex(m => m.UserId);
        b.HasOne<Organization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Role>().WithMany().HasForeignKey(m => m.RoleId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.WorkspaceGrants).WithOne().HasForeignKey(g => g.MembershipId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.WorkspaceGrants).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class WorkspaceGrantConfiguration : IEntityTypeConfiguration<WorkspaceGrant>
{
    public void Configure(EntityTypeBuilder<WorkspaceGrant> b)
    {
        b.ToTable("WorkspaceGrants");
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
        b.Property(w => w.Description).HasMaxLength(2000);
        b.HasIndex(w => new { w.OrganizationId, w.Name }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(w => w.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

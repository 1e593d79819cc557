using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VariantMiner.Application.Common.Messaging;
using VariantMiner.Domain.Invitations;

namespace VariantMiner.Infrastructure.Persistence.Configurations;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> b)
    {
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.Email).HasMaxLength(Invitation.EmailMaxLength);
        b.Property(i => i.TokenHash).HasMaxLength(64);
        b.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(i => i.TokenHash).IsUnique();
        b.HasIndex(i => new { i.OrganizationId, i.Email });
        b.HasOne<Organization>().WithMany().HasForeignKey(i => i.OrganizationId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Role>().WithMany().HasForeignKey(i => i.RoleId).OnDelete(DeleteBehavior.NoAction);
        b.HasMany(i => i.Workspaces).WithOne().HasForeignKey(w => w.InvitationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(i => i.Workspaces).UsePropertyAccessMode(PropertyAccessMode.Field).AutoInclude();
    }
}

internal sealed class InvitationWorkspaceConfiguration : IEntityTypeConfiguration<InvitationWorkspace>
{
    public void Configure(EntityTypeBuilder<InvitationWorkspace> b)
    {
        b.ToTable("InvitationWorkspaces");
        b.HasKey(w => new { w.InvitationId, w.WorkspaceId });
        b.HasIndex(w => w.WorkspaceId);
        b.HasOne<Workspace>().WithMany().HasForeignKey(w => w.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.Recipient).HasMaxLength(256);
        b.Property(m => m.Subject).HasMaxLength(500);
        b.Property(m => m.LastError).HasMaxLength(1000);
        // The dispatcher reads unsent messages oldest first.
        b.HasIndex(m => new { m.SentAt, m.CreatedAt });
    }
}

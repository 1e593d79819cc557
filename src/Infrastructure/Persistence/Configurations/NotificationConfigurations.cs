using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VariantMiner.Domain.Notifications;

namespace VariantMiner.Infrastructure.Persistence.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>, IEntityTypeConfiguration<NotificationPreference>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("Notifications");
        b.HasKey(n => n.Id);
        b.Property(n => n.Id).ValueGeneratedNever();
        b.Property(n => n.Event).HasMaxLength(64);
        b.Property(n => n.Title).HasMaxLength(Notification.TitleMaxLength);
        b.Property(n => n.Link).HasMaxLength(Notification.LinkMaxLength);
        b.HasIndex(n => n.OrganizationId);
        b.HasIndex(n => new { n.UserId, n.OrganizationId, n.CreatedAt });
        b.HasOne<Organization>().WithMany().HasForeignKey(n => n.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<NotificationPreference> b)
    {
        b.ToTable("NotificationPreferences");
        b.HasKey(p => new { p.OrganizationId, p.UserId, p.Event });
        b.Property(p => p.Event).HasMaxLength(64);
        b.Property(p => p.Audience).HasConversion<string>().HasMaxLength(16);
        b.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<Domain.Bookmarks.Bookmark>
{
    public void Configure(EntityTypeBuilder<Domain.Bookmarks.Bookmark> b)
    {
        b.ToTable("Bookmarks");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        b.HasIndex(x => x.OrganizationId);
        b.HasIndex(x => new { x.UserId, x.Kind, x.TargetId, x.VariantId }).IsUnique();
        b.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

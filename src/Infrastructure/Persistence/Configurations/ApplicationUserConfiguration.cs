using Microsoft.EntityFrameworkCore.Metadata.Builders;
using VariantMiner.Infrastructure.Identity;

namespace VariantMiner.Infrastructure.Persistence.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(ApplicationUser.DisplayNameMaxLength);
        b.Property(u => u.TotpKey).HasMaxLength(1024);
        b.Property(u => u.PendingTotpKey).HasMaxLength(1024);
        b.Property(u => u.RecoveryCodeHashes).HasMaxLength(1024);
    }
}

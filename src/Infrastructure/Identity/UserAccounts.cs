using Microsoft.EntityFrameworkCore;
using VariantMiner.Application.Common.Interfaces;
using VariantMiner.Infrastructure.Persistence;

namespace VariantMiner.Infrastructure.Identity;

internal sealed class UserAccounts(AppDbContext db) : IUserAccounts
{
    public Task<UserAccount?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new UserAccount(u.Id, u.Email!, u.DisplayName, u.IsPlatformAdmin, u.LastOrganizationId))
            .SingleOrDefaultAsync(cancellationToken);
}

using Microsoft.EntityFrameworkCore;
using VariantMiner.Application.Common.Exceptions;
using VariantMiner.Application.Common.Interfaces;

namespace VariantMiner.Application.Roles;

internal static class RoleNames
{
    /// <summary>Role names are unique in an organization regardless of case.</summary>
    public static async Task EnsureFreeAsync(IApplicationDbContext db, string name, Guid? except, CancellationToken cancellationToken)
    {
        var lower = name.Trim().ToLower();
        if (await db.Roles.AnyAsync(r => r.Name.ToLower() == lower && r.Id != except, cancellationToken))
            throw new ConflictException($"A role named \"{name.Trim()}\" already exists in this organization.");
    }
}

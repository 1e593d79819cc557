using Microsoft.EntityFrameworkCore;
using VariantMiner.Application.Common.Exceptions;
using VariantMiner.Application.Common.Interfaces;

namespace VariantMiner.Application.Workspaces;

internal static class WorkspaceNames
{
    /// <summary>Names are unique in an organization regardless of case (the unique index is the backstop).</summary>
    public static async Task EnsureFreeAsync(IApplicationDbContext db, string name, Guid? except, CancellationToken cancellationToken)
    {
        var lower = name.Trim().ToLower();
        if (await db.Workspaces.AnyAsync(w => w.Name.ToLower() == lower && w.Id != except, cancellationToken))
            throw new ConflictException($"A workspace named \"{name.Trim()}\" already exists in this organization.");
    }
}

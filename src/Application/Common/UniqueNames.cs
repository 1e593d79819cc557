using System.Linq.Expressions;
using VariantMiner.Domain.Common;

namespace VariantMiner.Application.Common;

/// <summary>
/// "Name unique in its scope, whatever its case" — roles and workspaces in an organization, samples and subjects in a
/// workspace. The database's unique index is the backstop for a concurrent write (a 409 as well).
/// </summary>
public static class UniqueNames
{
    /// <summary>The row of <paramref name="scope"/> holding <paramref name="value"/> (any case), other than <paramref name="except"/>; null when free.</summary>
    public static Task<Guid?> HolderAsync<T>(IQueryable<T> scope, Expression<Func<T, string>> name, string value, Guid? except,
        CancellationToken cancellationToken) where T : Entity
    {
        var lower = value.Trim().ToLower();
        var row = name.Parameters[0];
        var sameName = Expression.Lambda<Func<T, bool>>(
            Expression.Equal(Expression.Call(name.Body, typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!), Expression.Constant(lower)), row);
        return scope.Where(sameName).Where(e => e.Id != except).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Refuses with a 409 whose detail is <paramref name="taken"/> when the name is held.</summary>
    public static async Task EnsureFreeAsync<T>(IQueryable<T> scope, Expression<Func<T, string>> name, string value, Guid? except, string taken,
        CancellationToken cancellationToken) where T : Entity
    {
        if (await HolderAsync(scope, name, value, except, cancellationToken) is not null) throw new ConflictException(taken);
    }
}

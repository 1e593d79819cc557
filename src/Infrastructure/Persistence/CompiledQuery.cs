using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Metadata;

namespace VariantMiner.Infrastructure.Persistence;

/// <summary>
/// An EF compiled query for the per-request hot path (no LINQ translation or cache-key hashing per call). EF binds a
/// compiled query to the model it first ran with, and the SQLite and PostgreSQL models differ (tests run both in one
/// process), so it is compiled once per model.
/// </summary>
public sealed class CompiledQuery<TDelegate>(Func<TDelegate> compile) where TDelegate : class
{
    private readonly ConditionalWeakTable<IModel, TDelegate> _byModel = new();

    public TDelegate For(DbContext db) => _byModel.GetValue(db.Model, _ => compile());
}

namespace VariantMiner.Application.Assays;

/// <summary>
/// The organization's assay list. New organizations get <see cref="Assay.Defaults"/> stored at creation; an
/// organization created before assays existed reads the defaults until its list is first changed.
/// </summary>
internal static class AssayCatalog
{
    public static async Task<IReadOnlyList<string>> NamesAsync(IApplicationDbContext db, CancellationToken cancellationToken)
    {
        var stored = await db.Assays.AsNoTracking().OrderBy(a => a.Name).Select(a => a.Name).ToListAsync(cancellationToken);
        return stored.Count > 0 ? stored : Assay.Defaults.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>The list's own spelling of <paramref name="name"/> (matched regardless of case), or null when it is not on the list.</summary>
    public static async Task<string?> ResolveAsync(IApplicationDbContext db, string? name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name)) return null;
        var names = await NamesAsync(db, cancellationToken);
        return names.FirstOrDefault(n => string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    public static IEnumerable<Assay> CreateDefaults(Guid organizationId) => Assay.Defaults.Select(n => new Assay(organizationId, n));
}

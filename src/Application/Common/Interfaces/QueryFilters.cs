namespace VariantMiner.Application.Common.Interfaces;

/// <summary>
/// The named query filters the data layer puts on every query. A query that must see trashed rows (the trash page,
/// restore, the purge job) lifts <see cref="Trash"/> by name only: <c>IgnoreQueryFilters([QueryFilters.Trash])</c>;
/// the tenant filter stays.
/// </summary>
public static class QueryFilters
{
    /// <summary>Rows of the request's organization only (fails closed outside an organization scope).</summary>
    public const string Tenant = "Tenant";

    /// <summary>Hides rows in the trash (<see cref="Domain.Common.ITrashable"/>).</summary>
    public const string Trash = "Trash";
}

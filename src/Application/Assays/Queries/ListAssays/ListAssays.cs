namespace VariantMiner.Application.Assays.Queries.ListAssays;

/// <summary>The organization's assay list (every member: it fills the sample form and the table's assay filter).</summary>
public sealed record ListAssays(Guid OrganizationId) : IQuery<IReadOnlyList<AssayDto>>, IOrganizationRequest;

public sealed record AssayDto(string Name);

public sealed class ListAssaysHandler(IApplicationDbContext db) : IQueryHandler<ListAssays, IReadOnlyList<AssayDto>>
{
    public async ValueTask<IReadOnlyList<AssayDto>> Handle(ListAssays query, CancellationToken cancellationToken) =>
        (await AssayCatalog.NamesAsync(db, cancellationToken)).Select(n => new AssayDto(n)).ToList();
}

using System.Text.Json;
using FluentValidation.Results;
using VariantMiner.Application.Samples;
using VariantMiner.Domain.Variants;

namespace VariantMiner.Application.Variants;

/// <summary>Filters stored as JSON (filter sets, saved searches): checked by the variant table's own rules before they are kept.</summary>
internal static class SavedFilters
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static VariantFilterValues Read(string json) => JsonSerializer.Deserialize<VariantFilterValues>(json, Json) ?? new VariantFilterValues();

    public static async Task<string> WriteAsync(IApplicationDbContext db, VariantFilterValues? filters, CancellationToken cancellationToken)
    {
        filters = (filters ?? new VariantFilterValues()).Values();
        var result = new VariantFilterValuesValidator().Validate(filters);
        if (!result.IsValid)
            throw new ValidationException(result.Errors.Select(e => new ValidationFailure($"filters.{char.ToLowerInvariant(e.PropertyName[0])}{e.PropertyName[1..]}", e.ErrorMessage)));
        if (filters.GeneListId is { } listId && !await db.GeneLists.AnyAsync(l => l.Id == listId, cancellationToken))
            throw Invalid.Field("filters.geneListId", "No such gene list in this organization.");
        return JsonSerializer.Serialize(filters, Json);
    }

    public static VariantFilterValues ToDto(string json) => Read(json);
}

public sealed record GeneListDto(Guid Id, string Name, IReadOnlyList<string> Genes, PersonDto UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>The organization's gene lists (every member may read and use them).</summary>
public sealed record ListGeneLists(Guid OrganizationId) : IQuery<IReadOnlyList<GeneListDto>>, IOrganizationRequest;

public sealed class ListGeneListsHandler(IApplicationDbContext db, IUserAccounts accounts) : IQueryHandler<ListGeneLists, IReadOnlyList<GeneListDto>>
{
    public async ValueTask<IReadOnlyList<GeneListDto>> Handle(ListGeneLists query, CancellationToken cancellationToken) =>
        await ToDtosAsync(await db.GeneLists.AsNoTracking().OrderBy(l => l.Name).ToListAsync(cancellationToken), accounts, cancellationToken);

    internal static async Task<IReadOnlyList<GeneListDto>> ToDtosAsync(IReadOnlyList<GeneList> lists, IUserAccounts accounts, CancellationToken cancellationToken)
    {
        var names = await accounts.DisplayNamesAsync(lists.Select(l => l.UpdatedBy), cancellationToken);
        return lists.Select(l => new GeneListDto(l.Id, l.Name, l.Genes, new PersonDto(l.UpdatedBy, names.GetValueOrDefault(l.UpdatedBy, "(former member)")), l.UpdatedAt))
            .ToList();
    }
}

/// <summary>Creates or replaces a gene list (variants.classify); names are unique in the organization, regardless of case.</summary>
[RequiresPermission(Permissions.VariantsClassify)]
public sealed record SaveGeneList(string Name, IReadOnlyList<string> Genes) : ICommand<GeneListDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    /// <summary>Set by the route when an existing list is replaced.</summary>
    [JsonIgnore] public Guid? GeneListId { get; init; }
}

public sealed class SaveGeneListValidator : AbstractValidator<SaveGeneList>
{
    public SaveGeneListValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(GeneList.NameMaxLength);
        RuleFor(c => c.Genes).NotEmpty().WithMessage("A gene list needs at least one gene.")
            .Must(g => g is null || g.Count <= GeneList.MaxGenes).WithMessage($"A gene list has at most {GeneList.MaxGenes} genes.");
    }
}

public sealed class SaveGeneListHandler(IApplicationDbContext db, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock)
    : ICommandHandler<SaveGeneList, GeneListDto>
{
    public async ValueTask<GeneListDto> Handle(SaveGeneList command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        await UniqueNames.EnsureFreeAsync(db.GeneLists, l => l.Name, command.Name, command.GeneListId,
            $"A gene list named \"{command.Name.Trim()}\" already exists.", cancellationToken);
        GeneList list;
        if (command.GeneListId is { } id)
        {
            list = await db.GeneLists.SingleOrDefaultAsync(l => l.Id == id, cancellationToken) ?? throw new NotFoundException("The gene list");
            list.Change(command.Name, command.Genes, me, clock.GetUtcNow());
        }
        else db.GeneLists.Add(list = new GeneList(command.OrganizationId, command.Name, command.Genes, me, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return (await ListGeneListsHandler.ToDtosAsync([list], accounts, cancellationToken))[0];
    }
}

[RequiresPermission(Permissions.VariantsClassify)]
public sealed record DeleteGeneList(Guid OrganizationId, Guid GeneListId) : ICommand, IOrganizationRequest;

public sealed class DeleteGeneListHandler(IApplicationDbContext db) : ICommandHandler<DeleteGeneList>
{
    public async ValueTask<Unit> Handle(DeleteGeneList command, CancellationToken cancellationToken)
    {
        db.GeneLists.Remove(await db.GeneLists.SingleOrDefaultAsync(l => l.Id == command.GeneListId, cancellationToken) ?? throw new NotFoundException("The gene list"));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed record FilterSetDto(Guid Id, string Name, VariantFilterValues Filters, PersonDto UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>The organization's shared filter sets (every member may read and apply them).</summary>
public sealed record ListFilterSets(Guid OrganizationId) : IQuery<IReadOnlyList<FilterSetDto>>, IOrganizationRequest;

public sealed class ListFilterSetsHandler(IApplicationDbContext db, IUserAccounts accounts) : IQueryHandler<ListFilterSets, IReadOnlyList<FilterSetDto>>
{
    public async ValueTask<IReadOnlyList<FilterSetDto>> Handle(ListFilterSets query, CancellationToken cancellationToken) =>
        await ToDtosAsync(await db.FilterSets.AsNoTracking().OrderBy(f => f.Name).ToListAsync(cancellationToken), accounts, cancellationToken);

    internal static async Task<IReadOnlyList<FilterSetDto>> ToDtosAsync(IReadOnlyList<FilterSet> sets, IUserAccounts accounts, CancellationToken cancellationToken)
    {
        var names = await accounts.DisplayNamesAsync(sets.Select(s => s.UpdatedBy), cancellationToken);
        return sets.Select(s => new FilterSetDto(s.Id, s.Name, SavedFilters.ToDto(s.FiltersJson),
            new PersonDto(s.UpdatedBy, names.GetValueOrDefault(s.UpdatedBy, "(former member)")), s.UpdatedAt)).ToList();
    }
}

/// <summary>Creates or replaces a shared filter set (variants.classify); the filters are checked as the variant table checks them.</summary>
[RequiresPermission(Permissions.VariantsClassify)]
public sealed record SaveFilterSet(string Name, VariantFilterValues Filters) : ICommand<FilterSetDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid? FilterSetId { get; init; }
}

public sealed class SaveFilterSetValidator : AbstractValidator<SaveFilterSet>
{
    public SaveFilterSetValidator() => RuleFor(c => c.Name).NotEmpty().MaximumLength(FilterSet.NameMaxLength);
}

public sealed class SaveFilterSetHandler(IApplicationDbContext db, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock)
    : ICommandHandler<SaveFilterSet, FilterSetDto>
{
    public async ValueTask<FilterSetDto> Handle(SaveFilterSet command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var json = await SavedFilters.WriteAsync(db, command.Filters, cancellationToken);
        await UniqueNames.EnsureFreeAsync(db.FilterSets, f => f.Name, command.Name, command.FilterSetId,
            $"A filter set named \"{command.Name.Trim()}\" already exists.", cancellationToken);
        FilterSet set;
        if (command.FilterSetId is { } id)
        {
            set = await db.FilterSets.SingleOrDefaultAsync(f => f.Id == id, cancellationToken) ?? throw new NotFoundException("The filter set");
            set.Change(command.Name, json, me, clock.GetUtcNow());
        }
        else db.FilterSets.Add(set = new FilterSet(command.OrganizationId, command.Name, json, me, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return (await ListFilterSetsHandler.ToDtosAsync([set], accounts, cancellationToken))[0];
    }
}

[RequiresPermission(Permissions.VariantsClassify)]
public sealed record DeleteFilterSet(Guid OrganizationId, Guid FilterSetId) : ICommand, IOrganizationRequest;

public sealed class DeleteFilterSetHandler(IApplicationDbContext db) : ICommandHandler<DeleteFilterSet>
{
    public async ValueTask<Unit> Handle(DeleteFilterSet command, CancellationToken cancellationToken)
    {
        db.FilterSets.Remove(await db.FilterSets.SingleOrDefaultAsync(f => f.Id == command.FilterSetId, cancellationToken) ?? throw new NotFoundException("The filter set"));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <param name="Annotation">The reference bundle the search was saved on (name and version); the variant table warns when it differs.</param>
public sealed record SavedSearchDto(Guid Id, string Name, VariantFilterValues Filters, string? Annotation, DateTimeOffset CreatedAt);

/// <summary>My saved searches in this organization (nobody else's).</summary>
public sealed record ListSavedSearches(Guid OrganizationId) : IQuery<IReadOnlyList<SavedSearchDto>>, IOrganizationRequest;

public sealed class ListSavedSearchesHandler(IApplicationDbContext db, ICurrentUser currentUser) : IQueryHandler<ListSavedSearches, IReadOnlyList<SavedSearchDto>>
{
    public async ValueTask<IReadOnlyList<SavedSearchDto>> Handle(ListSavedSearches query, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        return (await db.SavedSearches.AsNoTracking().Where(s => s.OwnerId == me).OrderBy(s => s.Name).ToListAsync(cancellationToken)).Select(ToDto).ToList();
    }

    internal static SavedSearchDto ToDto(SavedSearch s) => new(s.Id, s.Name, SavedFilters.ToDto(s.FiltersJson), s.Annotation, s.CreatedAt);
}

/// <summary>
/// Saves a search of mine. Given the analysis it was made on (one I may read), it is pinned to that analysis's
/// annotation (reference bundle name and version).
/// </summary>
public sealed record SaveSearch(string Name, VariantFilterValues Filters) : ICommand<SavedSearchDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    public Guid? WorkspaceId { get; init; }
    public Guid? AnalysisId { get; init; }
}

public sealed class SaveSearchValidator : AbstractValidator<SaveSearch>
{
    public SaveSearchValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(SavedSearch.NameMaxLength);
        RuleFor(c => c.WorkspaceId).NotNull().When(c => c.AnalysisId is not null).WithMessage("Give the analysis's workspace with it.");
    }
}

public sealed class SaveSearchHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<SaveSearch, SavedSearchDto>
{
    public async ValueTask<SavedSearchDto> Handle(SaveSearch command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var json = await SavedFilters.WriteAsync(db, command.Filters, cancellationToken);
        string? annotation = null;
        if (command.AnalysisId is { } analysisId)
        {
            var run = await Analyses.AnalysisVisibility.WithReadableData(db, scope.Access, me, command.WorkspaceId!.Value).AsNoTracking()
                .SingleOrDefaultAsync(a => a.Id == analysisId, cancellationToken) ?? throw new NotFoundException("The analysis");
            var bundle = await VariantAccess.AnnotationAsync(db, run, cancellationToken);
            annotation = bundle is null ? null : $"{bundle.Name} {bundle.Version}";
        }
        if (await db.SavedSearches.AnyAsync(s => s.OwnerId == me && s.Name == command.Name.Trim(), cancellationToken))
            throw new ConflictException($"You already have a saved search named \"{command.Name.Trim()}\".");
        var search = new SavedSearch(command.OrganizationId, me, command.Name, json, annotation, clock.GetUtcNow());
        db.SavedSearches.Add(search);
        await db.SaveChangesAsync(cancellationToken);
        return ListSavedSearchesHandler.ToDto(search);
    }
}

public sealed record DeleteSavedSearch(Guid OrganizationId, Guid SavedSearchId) : ICommand, IOrganizationRequest;

public sealed class DeleteSavedSearchHandler(IApplicationDbContext db, ICurrentUser currentUser) : ICommandHandler<DeleteSavedSearch>
{
    public async ValueTask<Unit> Handle(DeleteSavedSearch command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        db.SavedSearches.Remove(await db.SavedSearches.SingleOrDefaultAsync(s => s.Id == command.SavedSearchId && s.OwnerId == me, cancellationToken)
            ?? throw new NotFoundException("The saved search"));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

using System.Globalization;
using VariantMiner.Application.Analyses;
using VariantMiner.Application.Audit;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Variants;

namespace VariantMiner.Application.Variants;

/// <summary>One sample's call at a variant.</summary>
public sealed record VariantCallDto(string Sample, string Gt, string Zygosity, int? Gq, int? Dp, int? AdRef, int? AdAlt);

/// <param name="Id">The variant's number within its analysis (its place in the VCF).</param>
/// <param name="Key">build:chrom:pos:ref:alt — what the organization's knowledge (classification, notes, tags) is keyed on.</param>
/// <param name="Classification">The organization's current classification of this key, if any.</param>
public sealed record VariantDto(int Id, string Key, string Chrom, long Position, string Ref, string Alt, string? VcfId, double? Quality, string? Filter,
    string? Gene, string? Consequence, string? Transcript, string? ProteinChange, string? DnaChange, string? ClinVar, double? PopulationAf,
    double Priority, IReadOnlyList<VariantCallDto> Calls, string? Classification);

/// <param name="Total">How many rows match (counted up to <see cref="ListVariantsHandler.MaxCount"/>).</param>
/// <param name="TotalCapped">True when more match than <c>total</c>.</param>
/// <param name="Annotation">The reference bundle (name and version) the variants were annotated with.</param>
/// <param name="Notice">Set when a saved search runs on variants annotated otherwise than those it was saved on.</param>
public sealed record VariantPage(IReadOnlyList<VariantDto> Items, string? NextCursor, int Total, bool TotalCapped, string? Annotation, string? Notice);

/// <summary>
/// The filters of a variant table, as the query string gives them and as filter sets and saved searches keep them.
/// </summary>
/// <param name="Gene">Gene names, comma-separated (exact).</param>
/// <param name="GeneListId">A gene list of the organization: its genes are added to <see cref="Gene"/>.</param>
/// <param name="Consequence">Consequences (bcftools csq terms such as missense, stop_gained), comma-separated; any matches.</param>
/// <param name="ClinicalSignificance">ClinVar words (pathogenic, likely_pathogenic, uncertain, benign…), comma-separated; any matches.</param>
/// <param name="Classification">The organization's classification (pathogenic, likely-pathogenic, uncertain, likely-benign, benign,
/// unclassified), comma-separated; any matches.</param>
/// <param name="Zygosity">het, hom_alt, hemizygous, hom_ref, missing — comma-separated; the analysis's (first) sample.</param>
/// <param name="Region">chrom, or chrom:start-end (1-based, inclusive).</param>
/// <param name="Sort">position (default) or priority.</param>
public record VariantFilterValues
{
    public string? Gene { get; init; }
    public Guid? GeneListId { get; init; }
    public string? Consequence { get; init; }
    public double? MaxPopulationAf { get; init; }
    public string? ClinicalSignificance { get; init; }
    public string? Classification { get; init; }
    public string? Zygosity { get; init; }
    public double? MinQuality { get; init; }
    public int? MinGq { get; init; }
    public int? MinDp { get; init; }
    public string? Region { get; init; }
    public string? Sort { get; init; }

    /// <summary>These values, each overridden by <paramref name="over"/>'s where it has one.</summary>
    public VariantFilterValues OverriddenBy(VariantFilterValues over) => new()
    {
        Gene = over.Gene ?? Gene,
        GeneListId = over.GeneListId ?? GeneListId,
        Consequence = over.Consequence ?? Consequence,
        MaxPopulationAf = over.MaxPopulationAf ?? MaxPopulationAf,
        ClinicalSignificance = over.ClinicalSignificance ?? ClinicalSignificance,
        Classification = over.Classification ?? Classification,
        Zygosity = over.Zygosity ?? Zygosity,
        MinQuality = over.MinQuality ?? MinQuality,
        MinGq = over.MinGq ?? MinGq,
        MinDp = over.MinDp ?? MinDp,
        Region = over.Region ?? Region,
        Sort = over.Sort ?? Sort,
    };

    /// <summary>Only this type's values (a query's paging and ids left out), for storing.</summary>
    public VariantFilterValues Values() => new VariantFilterValues().OverriddenBy(this);
}

public sealed class VariantFilterValuesValidator : AbstractValidator<VariantFilterValues>
{
    public VariantFilterValuesValidator()
    {
        RuleFor(q => q.MaxPopulationAf).InclusiveBetween(0, 1).WithMessage("maxPopulationAf is a frequency between 0 and 1.");
        RuleFor(q => q.Zygosity).Must(z => z is null || VariantFilters.Split(z).All(v => VariantFilters.ZygosityOf(v) is not null))
            .WithMessage("zygosity is one or more of het, hom_alt, hemizygous, hom_ref, missing.");
        RuleFor(q => q.Classification).Must(c => c is null || VariantFilters.Split(c).All(v => v == VariantFilters.Unclassified || Tiers.Parse(v) is not null))
            .WithMessage($"classification is one or more of {string.Join(", ", Tiers.Names)}, {VariantFilters.Unclassified}.");
        RuleFor(q => q.Region).Must(r => r is null || VariantFilters.ParseRegion(r) is not null)
            .WithMessage("region is a chromosome, or chrom:start-end with 1 ≤ start ≤ end (e.g. chr1:1000-2000).");
        RuleFor(q => q.Sort).Must(s => s is null or "position" or "priority").WithMessage("sort is position or priority.");
        RuleFor(q => q.MinGq).GreaterThanOrEqualTo(0);
        RuleFor(q => q.MinDp).GreaterThanOrEqualTo(0);
    }
}

/// <summary>
/// Variants of an analysis I may read (its samples visible, or the run assigned to me), filtered — given filters, over
/// a shared filter set's or one of my saved searches' — in position or priority order with keyset paging. Reading them
/// is a read of patient data: one audit row with the filters used.
/// </summary>
public sealed record ListVariants(Guid OrganizationId, Guid WorkspaceId, Guid AnalysisId) : VariantFilterValues, IQuery<VariantPage>, IWorkspaceRequest
{
    public Guid? FilterSetId { get; init; }
    public Guid? SavedSearchId { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed class ListVariantsValidator : AbstractValidator<ListVariants>
{
    public ListVariantsValidator()
    {
        Include(new VariantFilterValuesValidator());
        RuleFor(q => q.Limit).InclusiveBetween(1, ListVariantsHandler.MaxLimit);
    }
}

public sealed class ListVariantsHandler(IApplicationDbContext db, IUnitOfWork unitOfWork, IOrganizationContext scope, ICurrentUser currentUser, IAuditTrail audit)
    : IQueryHandler<ListVariants, VariantPage>
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
    /// <summary>
    /// The total is counted up to this many rows ("1,000+"): counting further costs a scan of every match, which on a
    /// selective filter over millions of rows is most of a page's time (bench/README.md, "Variant data").
    /// </summary>
    public const int MaxCount = 1_000;

    public async ValueTask<VariantPage> Handle(ListVariants query, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var run = await VariantAccess.ReadableRunAsync(db, scope.Access, me, query.WorkspaceId, query.AnalysisId, cancellationToken);
        var bundle = await VariantAccess.AnnotationAsync(db, run, cancellationToken);
        var annotation = bundle is null ? null : $"{bundle.Name} {bundle.Version}";
        var build = bundle?.GenomeBuild ?? VariantAccess.UnknownBuild;

        // Saved filters first, the query's own on top; a saved search made on other annotation says so.
        VariantFilterValues filters = query;
        string? notice = null;
        if (query.FilterSetId is { } setId)
        {
            var set = await db.FilterSets.AsNoTracking().SingleOrDefaultAsync(f => f.Id == setId, cancellationToken)
                ?? throw Invalid.Field("filterSetId", "No such filter set in this organization.");
            filters = SavedFilters.Read(set.FiltersJson).OverriddenBy(filters);
        }
        if (query.SavedSearchId is { } searchId)
        {
            var search = await db.SavedSearches.AsNoTracking().SingleOrDefaultAsync(f => f.Id == searchId && f.OwnerId == me, cancellationToken)
                ?? throw Invalid.Field("savedSearchId", "No such saved search of yours in this organization.");
            filters = SavedFilters.Read(search.FiltersJson).OverriddenBy(filters);
            if (search.Annotation is not null && search.Annotation != annotation)
                notice = $"\"{search.Name}\" was saved on variants annotated with {search.Annotation}; this analysis was annotated with {annotation ?? "no reference bundle"}. " +
                    "Filters on consequence, ClinVar or frequency may select differently.";
        }
        var genes = filters.Gene is { } g ? VariantFilters.Split(g).ToList() : [];
        if (filters.GeneListId is { } listId)
            genes.AddRange((await db.GeneLists.AsNoTracking().SingleOrDefaultAsync(l => l.Id == listId, cancellationToken)
                ?? throw Invalid.Field("geneListId", "No such gene list in this organization.")).Genes);

        var rows = VariantFilters.Apply(db.Variants.AsNoTracking().Where(v => v.AnalysisId == run.Id), filters, genes);
        if (filters.Classification is { } classification)
        {
            var wanted = VariantFilters.Split(classification).ToList();
            var tiers = wanted.Select(Tiers.Parse).OfType<AcmgTier>().ToList();
            var unclassified = wanted.Contains(VariantFilters.Unclassified);
            var known = db.Classifications.Where(c => c.Build == build);
            rows = rows.Where(v => known.Any(c => c.Chrom == v.Chrom && c.Position == v.Position && c.Ref == v.Ref && c.Alt == v.Alt && tiers.Contains(c.Tier))
                || (unclassified && !known.Any(c => c.Chrom == v.Chrom && c.Position == v.Position && c.Ref == v.Ref && c.Alt == v.Alt)));
        }
        // Every row has this run's id: ordering by it leaves the database free to stop at the cap in any order (ordering by
        // position made PostgreSQL sort every match of a selective filter first: 1.4 s at 5,000,000 rows).
        var total = await rows.OrderBy(v => v.AnalysisId).Take(MaxCount + 1).CountAsync(cancellationToken);

        var limit = query.Limit ?? DefaultLimit;
        var byPriority = filters.Sort == "priority";
        if (query.Cursor is { } cursor)
        {
            if (byPriority)
            {
                var parts = Common.Cursor.Decode(cursor, 2);
                if (!double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var priority) || !int.TryParse(parts[1], out var after))
                    throw Common.Cursor.Invalid();
                rows = rows.Where(v => v.Priority < priority || (v.Priority == priority && v.Ordinal > after));
            }
            else
            {
                if (!int.TryParse(Common.Cursor.Decode(cursor, 1)[0], out var after)) throw Common.Cursor.Invalid();
                rows = rows.Where(v => v.Ordinal > after);
            }
        }
        rows = byPriority ? rows.OrderByDescending(v => v.Priority).ThenBy(v => v.Ordinal) : rows.OrderBy(v => v.Ordinal);
        var page = await rows.Take(limit + 1).ToListAsync(cancellationToken);
        string? next = null;
        if (page.Count > limit)
        {
            page.RemoveAt(limit);
            var last = page[^1];
            next = byPriority
                ? Common.Cursor.Encode(last.Priority.ToString("R", CultureInfo.InvariantCulture), last.Ordinal.ToString(CultureInfo.InvariantCulture))
                : Common.Cursor.Encode(last.Ordinal.ToString(CultureInfo.InvariantCulture));
        }

        await PatientDataReads.RecordAsync(db, unitOfWork, audit, run.OrganizationId, run.WorkspaceId, nameof(Analysis), [run.Id], cancellationToken,
            VariantFilters.Describe(filters, query));
        var classifications = await VariantAccess.ClassificationsAsync(db, build, page, cancellationToken);
        var samples = VariantAccess.SamplesOf(run);
        return new VariantPage(page.Select(v => VariantAccess.ToDto(v, build, samples, classifications)).ToList(), next, Math.Min(total, MaxCount),
            total > MaxCount, annotation, notice);
    }
}

/// <param name="Consequences">Every consequence bcftools csq gave (one per transcript), split into its fields.</param>
public sealed record VariantConsequenceDto(string Consequence, string? Gene, string? Transcript, string? Biotype, string? Strand, string? ProteinChange, string? DnaChange);

public sealed record VariantDetailDto(VariantDto Variant, IReadOnlyList<VariantConsequenceDto> Consequences, Guid AnalysisId, string? Annotation, string GenomeBuild);

/// <summary>One variant of an analysis I may read, with all its consequences; an audited read.</summary>
public sealed record GetVariant(Guid OrganizationId, Guid WorkspaceId, Guid AnalysisId, int VariantId) : IQuery<VariantDetailDto>, IWorkspaceRequest;

public sealed class GetVariantHandler(IApplicationDbContext db, IUnitOfWork unitOfWork, IOrganizationContext scope, ICurrentUser currentUser, IAuditTrail audit)
    : IQueryHandler<GetVariant, VariantDetailDto>
{
    public async ValueTask<VariantDetailDto> Handle(GetVariant query, CancellationToken cancellationToken)
    {
        var run = await VariantAccess.ReadableRunAsync(db, scope.Access, currentUser.UserId!.Value, query.WorkspaceId, query.AnalysisId, cancellationToken);
        var variant = await db.Variants.AsNoTracking().SingleOrDefaultAsync(v => v.AnalysisId == run.Id && v.Ordinal == query.VariantId, cancellationToken)
            ?? throw new NotFoundException("The variant");
        await PatientDataReads.RecordAsync(db, unitOfWork, audit, run.OrganizationId, run.WorkspaceId, nameof(Analysis), [run.Id], cancellationToken,
            new Dictionary<string, object?> { ["variant"] = query.VariantId });
        var bundle = await VariantAccess.AnnotationAsync(db, run, cancellationToken);
        var build = bundle?.GenomeBuild ?? VariantAccess.UnknownBuild;
        var classifications = await VariantAccess.ClassificationsAsync(db, build, [variant], cancellationToken);
        return new VariantDetailDto(VariantAccess.ToDto(variant, build, VariantAccess.SamplesOf(run), classifications), VariantAccess.ConsequencesOf(variant.Consequences),
            run.Id, bundle is null ? null : $"{bundle.Name} {bundle.Version}", build);
    }
}

internal static class VariantAccess
{
    /// <summary>The run, if I may read its data (404 otherwise) and it is COMPLETE (409: its variants are not there yet).</summary>
    public static async Task<Analysis> ReadableRunAsync(IApplicationDbContext db, OrganizationAccess access, Guid me, Guid workspaceId, Guid analysisId,
        CancellationToken cancellationToken)
    {
        var run = await AnalysisVisibility.WithReadableData(db, access, me, workspaceId).AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == analysisId, cancellationToken) ?? throw new NotFoundException("The analysis");
        if (run.Status != AnalysisStatus.COMPLETE)
            throw new ConflictException($"The analysis is {run.Status}: its variants can be read once it is COMPLETE.");
        if (run.VariantCount is null)
            throw new ConflictException("This analysis did not import variant data (its pipeline produces none).");
        return run;
    }

    public static Task<ReferenceBundle?> AnnotationAsync(IApplicationDbContext db, Analysis run, CancellationToken cancellationToken) =>
        run.ReferenceBundleId is { } id ? db.ReferenceBundles.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken) : Task.FromResult<ReferenceBundle?>(null);

    public static IReadOnlyList<string> SamplesOf(Analysis run) => (run.VariantSamples ?? "").Split('\t', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The build of variants of an analysis without a reference bundle (an uploaded VCF's analysis always has one).</summary>
    public const string UnknownBuild = "unknown";

    public static VariantDto ToDto(Variant v, string build, IReadOnlyList<string> samples, IReadOnlyDictionary<(string, long, string, string), AcmgTier> classifications) =>
        new(v.Ordinal, new VariantKey(build, v.Chrom, v.Position, v.Ref, v.Alt).ToString(), v.Chrom, v.Position, v.Ref, v.Alt, v.VcfId, v.Quality, v.Filter, v.Gene,
            v.Consequence, v.Transcript, v.ProteinChange, v.DnaChange, v.ClinVar, v.PopulationAf, v.Priority, CallsOf(v.Genotypes, samples),
            classifications.TryGetValue((v.Chrom, v.Position, v.Ref, v.Alt), out var tier) ? Tiers.Name(tier) : null);

    /// <summary>The organization's classifications of a page's variants (one query on the positions, matched on the alleles here).</summary>
    public static async Task<IReadOnlyDictionary<(string, long, string, string), AcmgTier>> ClassificationsAsync(IApplicationDbContext db, string build,
        IReadOnlyList<Variant> page, CancellationToken cancellationToken)
    {
        if (page.Count == 0) return new Dictionary<(string, long, string, string), AcmgTier>();
        var positions = page.Select(v => v.Position).Distinct().ToList();
        var found = await db.Classifications.AsNoTracking().Where(c => c.Build == build && positions.Contains(c.Position))
            .Select(c => new { c.Chrom, c.Position, c.Ref, c.Alt, c.Tier }).ToListAsync(cancellationToken);
        return found.ToDictionary(c => (c.Chrom, c.Position, c.Ref, c.Alt), c => c.Tier);
    }

    /// <summary>Calls from the stored <c>GT:GQ:DP:ADref,ADalt|…</c>, named by the VCF's samples.</summary>
    public static IReadOnlyList<VariantCallDto> CallsOf(string genotypes, IReadOnlyList<string> samples)
    {
        if (genotypes.Length == 0) return [];
        var calls = genotypes.Split('|');
        var result = new List<VariantCallDto>(calls.Length);
        for (var i = 0; i < calls.Length; i++)
        {
            var f = calls[i].Split(':');
            var ad = f.Length > 3 ? f[3].Split(',') : [];
            result.Add(new VariantCallDto(i < samples.Count ? samples[i] : $"sample {i + 1}", f[0], ZygosityName(VariantCalls.ZygosityOf(f[0])),
                Int(f, 1), Int(f, 2), ad.Length > 0 ? Int(ad, 0) : null, ad.Length > 1 ? Int(ad, 1) : null));
        }
        return result;
    }

    private static int? Int(string[] fields, int i) => i < fields.Length && int.TryParse(fields[i], out var n) ? n : null;

    public static string ZygosityName(Zygosity z) => z switch
    {
        Zygosity.Het => "het",
        Zygosity.HomAlt => "hom_alt",
        Zygosity.HomRef => "hom_ref",
        Zygosity.Hemizygous => "hemizygous",
        _ => "missing",
    };

    public static IReadOnlyList<VariantConsequenceDto> ConsequencesOf(string? bcsq) =>
        string.IsNullOrEmpty(bcsq) ? [] : bcsq.Split(',').Where(c => !c.StartsWith('@')).Select(c =>
        {
            var f = c.Split('|');
            string? At(int i) => i < f.Length && f[i].Length > 0 ? f[i] : null;
            return new VariantConsequenceDto(f[0], At(1), At(2), At(3), At(4), At(5), At(6));
        }).ToList();
}

/// <summary>The filters of a variant query, shared by the table and (later) saved searches.</summary>
public static class VariantFilters
{
    public const string Unclassified = "unclassified";

    public static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static Zygosity? ZygosityOf(string name) => name.ToLowerInvariant() switch
    {
        "het" => Zygosity.Het,
        "hom_alt" => Zygosity.HomAlt,
        "hom_ref" => Zygosity.HomRef,
        "hemizygous" => Zygosity.Hemizygous,
        "missing" => Zygosity.Missing,
        _ => null,
    };

    public static (string Chrom, long? Start, long? End)? ParseRegion(string region)
    {
        region = region.Trim().Replace(",", "", StringComparison.Ordinal);
        var colon = region.LastIndexOf(':');
        if (colon < 0) return region.Length > 0 ? (region, null, null) : null;
        var range = region[(colon + 1)..].Split('-');
        if (range.Length != 2 || !long.TryParse(range[0], out var start) || !long.TryParse(range[1], out var end) || start < 1 || end < start) return null;
        return (region[..colon], start, end);
    }

    /// <summary>The filters other than the classification (which needs the organization's knowledge) on an analysis's rows.</summary>
    public static IQueryable<Variant> Apply(IQueryable<Variant> rows, VariantFilterValues q, IReadOnlyList<string> genes)
    {
        if (genes.Count > 0) rows = rows.Where(v => genes.Contains(v.Gene!));
        if (q.Consequence is { } consequence)
        {
            var terms = Split(consequence).Select(t => t.ToLowerInvariant()).ToList();
            // bcftools csq writes its terms in lower case: the column is compared as it is, so PostgreSQL's statistics
            // on it (few distinct values) estimate the filter well and it keeps walking the position order.
            rows = rows.Where(AnyContains(terms, nameof(Variant.Consequence), lowerColumn: false));
        }
        if (q.ClinicalSignificance is { } significance)
        {
            var terms = Split(significance).Select(t => t.ToLowerInvariant()).ToList();
            rows = rows.Where(AnyContains(terms, nameof(Variant.ClinVar), lowerColumn: true));
        }
        if (q.MaxPopulationAf is { } af) rows = rows.Where(v => v.PopulationAf == null || v.PopulationAf <= af);
        if (q.Zygosity is { } zygosity)
        {
            var wanted = Split(zygosity).Select(z => ZygosityOf(z)!.Value).ToList();
            rows = rows.Where(v => wanted.Contains(v.Zygosity));
        }
        if (q.MinQuality is { } quality) rows = rows.Where(v => v.Quality >= quality);
        if (q.MinGq is { } gq) rows = rows.Where(v => v.Gq >= gq);
        if (q.MinDp is { } dp) rows = rows.Where(v => v.Dp >= dp);
        if (q.Region is { } text && ParseRegion(text) is var (chrom, start, end))
        {
            rows = rows.Where(v => v.Chrom == chrom);
            if (start is { } s && end is { } e) rows = rows.Where(v => v.Position >= s && v.Position <= e);
        }
        return rows;
    }

    /// <summary>[lower](column) LIKE '%term%' for any of the (lower-case) terms (OR), built as an expression both providers translate.</summary>
    private static System.Linq.Expressions.Expression<Func<Variant, bool>> AnyContains(IReadOnlyList<string> terms, string column, bool lowerColumn)
    {
        var v = System.Linq.Expressions.Expression.Parameter(typeof(Variant), "v");
        var value = System.Linq.Expressions.Expression.Property(v, column);
        System.Linq.Expressions.Expression lower = lowerColumn
            ? System.Linq.Expressions.Expression.Call(value, typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!)
            : value;
        var notNull = System.Linq.Expressions.Expression.NotEqual(value, System.Linq.Expressions.Expression.Constant(null, typeof(string)));
        System.Linq.Expressions.Expression? any = null;
        foreach (var term in terms)
        {
            var contains = System.Linq.Expressions.Expression.Call(lower, typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!,
                System.Linq.Expressions.Expression.Constant(term));
            any = any is null ? contains : System.Linq.Expressions.Expression.OrElse(any, contains);
        }
        return System.Linq.Expressions.Expression.Lambda<Func<Variant, bool>>(
            System.Linq.Expressions.Expression.AndAlso(notNull, any ?? System.Linq.Expressions.Expression.Constant(false)), v);
    }

    /// <summary>The filters in effect as the audit row keeps them (only those set), with the saved filters they came from.</summary>
    public static IReadOnlyDictionary<string, object?> Describe(VariantFilterValues q, ListVariants request)
    {
        var d = new Dictionary<string, object?> { ["resource"] = "variants" };
        void Add(string key, object? value) { if (value is not null) d[key] = value; }
        Add("gene", q.Gene); Add("geneListId", q.GeneListId); Add("consequence", q.Consequence); Add("maxPopulationAf", q.MaxPopulationAf);
        Add("clinicalSignificance", q.ClinicalSignificance); Add("classification", q.Classification); Add("zygosity", q.Zygosity);
        Add("minQuality", q.MinQuality); Add("minGq", q.MinGq); Add("minDp", q.MinDp); Add("region", q.Region); Add("sort", q.Sort);
        Add("filterSetId", request.FilterSetId); Add("savedSearchId", request.SavedSearchId); Add("cursor", request.Cursor);
        return d;
    }
}

using System.Globalization;
using VariantMiner.Application.Analyses;
using VariantMiner.Application.Audit;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Variants;

namespace VariantMiner.Application.Variants;

/// <summary>One sample's call at a variant.</summary>
public sealed record VariantCallDto(string Sample, string Gt, string Zygosity, int? Gq, int? Dp, int? AdRef, int? AdAlt);

/// <param name="Id">The variant's number within its analysis (its place in the VCF).</param>
/// <param name="Key">Genome build, chromosome, position, REF and ALT: what the organization's knowledge (classification) is keyed on.</param>
public sealed record VariantDto(int Id, string Key, string Chrom, long Position, string Ref, string Alt, string? VcfId, double? Quality, string? Filter,
    string? Gene, string? Consequence, string? Transcript, string? ProteinChange, string? DnaChange, string? ClinVar, double? PopulationAf,
    double Priority, IReadOnlyList<VariantCallDto> Calls);

/// <param name="Total">How many rows match (counted up to <see cref="ListVariantsHandler.MaxCount"/>).</param>
/// <param name="TotalCapped">True when more match than <c>total</c>.</param>
/// <param name="Annotation">The reference bundle (name and version) the variants were annotated with.</param>
public sealed record VariantPage(IReadOnlyList<VariantDto> Items, string? NextCursor, int Total, bool TotalCapped, string? Annotation);

/// <summary>
/// Variants of an analysis I may read (its samples visible, or the run assigned to me), filtered, in position or
/// priority order with keyset paging. Reading them is a read of patient data: one audit row with the filters used.
/// </summary>
/// <param name="Gene">Gene names, comma-separated (exact).</param>
/// <param name="Consequence">Consequences (bcftools csq terms such as missense, stop_gained), comma-separated; any matches.</param>
/// <param name="ClinicalSignificance">ClinVar words (pathogenic, likely_pathogenic, uncertain, benign…), comma-separated; any matches.</param>
/// <param name="Zygosity">het, hom_alt, hemizygous, hom_ref, missing — comma-separated; the analysis's (first) sample.</param>
/// <param name="Region">chrom, or chrom:start-end (1-based, inclusive).</param>
/// <param name="Sort">position (default) or priority.</param>
public sealed record ListVariants(Guid OrganizationId, Guid WorkspaceId, Guid AnalysisId) : IQuery<VariantPage>, IWorkspaceRequest
{
    public string? Gene { get; init; }
    public string? Consequence { get; init; }
    public double? MaxPopulationAf { get; init; }
    public string? ClinicalSignificance { get; init; }
    public string? Zygosity { get; init; }
    public double? MinQuality { get; init; }
    public int? MinGq { get; init; }
    public int? MinDp { get; init; }
    public string? Region { get; init; }
    public string? Sort { get; init; }
    public int? Limit { get; init; }
    public string? Cursor { get; init; }
}

public sealed class ListVariantsValidator : AbstractValidator<ListVariants>
{
    public ListVariantsValidator()
    {
        RuleFor(q => q.MaxPopulationAf).InclusiveBetween(0, 1).WithMessage("maxPopulationAf is a frequency between 0 and 1.");
        RuleFor(q => q.Zygosity).Must(z => z is null || VariantFilters.Split(z).All(v => VariantFilters.ZygosityOf(v) is not null))
            .WithMessage("zygosity is one or more of het, hom_alt, hemizygous, hom_ref, missing.");
        RuleFor(q => q.Region).Must(r => r is null || VariantFilters.ParseRegion(r) is not null)
            .WithMessage("region is a chromosome, or chrom:start-end with 1 ≤ start ≤ end (e.g. chr1:1000-2000).");
        RuleFor(q => q.Sort).Must(s => s is null or "position" or "priority").WithMessage("sort is position or priority.");
        RuleFor(q => q.Limit).InclusiveBetween(1, ListVariantsHandler.MaxLimit);
        RuleFor(q => q.MinGq).GreaterThanOrEqualTo(0);
        RuleFor(q => q.MinDp).GreaterThanOrEqualTo(0);
    }
}

public sealed class ListVariantsHandler(IApplicationDbContext db, IUnitOfWork unitOfWork, IOrganizationContext scope, ICurrentUser currentUser, IAuditTrail audit)
    : IQueryHandler<ListVariants, VariantPage>
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;
    /// <summary>The total is counted up to this many rows: an exact count of millions would cost more than the page.</summary>
    public const int MaxCount = 10_000;

    public async ValueTask<VariantPage> Handle(ListVariants query, CancellationToken cancellationToken)
    {
        var run = await VariantAccess.ReadableRunAsync(db, scope.Access, currentUser.UserId!.Value, query.WorkspaceId, query.AnalysisId, cancellationToken);
        var rows = VariantFilters.Apply(db.Variants.AsNoTracking().Where(v => v.AnalysisId == run.Id), query);
        var total = await rows.OrderBy(v => v.Ordinal).Take(MaxCount + 1).CountAsync(cancellationToken);

        var limit = query.Limit ?? DefaultLimit;
        var byPriority = query.Sort == "priority";
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
            VariantFilters.Describe(query));
        var bundle = await VariantAccess.AnnotationAsync(db, run, cancellationToken);
        var build = bundle?.GenomeBuild ?? "unknown";
        var samples = VariantAccess.SamplesOf(run);
        return new VariantPage(page.Select(v => VariantAccess.ToDto(v, build, samples)).ToList(), next, Math.Min(total, MaxCount), total > MaxCount,
            bundle is null ? null : $"{bundle.Name} {bundle.Version}");
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
        var build = bundle?.GenomeBuild ?? "unknown";
        return new VariantDetailDto(VariantAccess.ToDto(variant, build, VariantAccess.SamplesOf(run)), VariantAccess.ConsequencesOf(variant.Consequences),
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

    public static VariantDto ToDto(Variant v, string build, IReadOnlyList<string> samples) =>
        new(v.Ordinal, $"{build}-{v.Chrom}-{v.Position}-{v.Ref}-{v.Alt}", v.Chrom, v.Position, v.Ref, v.Alt, v.VcfId, v.Quality, v.Filter, v.Gene,
            v.Consequence, v.Transcript, v.ProteinChange, v.DnaChange, v.ClinVar, v.PopulationAf, v.Priority, CallsOf(v.Genotypes, samples));

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

    public static IQueryable<Variant> Apply(IQueryable<Variant> rows, ListVariants q)
    {
        if (q.Gene is { } gene)
        {
            var genes = Split(gene);
            rows = rows.Where(v => genes.Contains(v.Gene!));
        }
        if (q.Consequence is { } consequence)
        {
            var terms = Split(consequence).Select(t => t.ToLowerInvariant()).ToList();
            rows = rows.Where(AnyContains(terms, nameof(Variant.Consequence)));
        }
        if (q.ClinicalSignificance is { } significance)
        {
            var terms = Split(significance).Select(t => t.ToLowerInvariant()).ToList();
            rows = rows.Where(AnyContains(terms, nameof(Variant.ClinVar)));
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

    /// <summary>lower(column) LIKE '%term%' for any of the terms (OR), built as an expression both providers translate.</summary>
    private static System.Linq.Expressions.Expression<Func<Variant, bool>> AnyContains(IReadOnlyList<string> terms, string column)
    {
        var v = System.Linq.Expressions.Expression.Parameter(typeof(Variant), "v");
        var value = System.Linq.Expressions.Expression.Property(v, column);
        var lower = System.Linq.Expressions.Expression.Call(value, typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!);
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

    /// <summary>The filters as the audit row keeps them (only those given).</summary>
    public static IReadOnlyDictionary<string, object?> Describe(ListVariants q)
    {
        var d = new Dictionary<string, object?> { ["resource"] = "variants" };
        void Add(string key, object? value) { if (value is not null) d[key] = value; }
        Add("gene", q.Gene); Add("consequence", q.Consequence); Add("maxPopulationAf", q.MaxPopulationAf); Add("clinicalSignificance", q.ClinicalSignificance);
        Add("zygosity", q.Zygosity); Add("minQuality", q.MinQuality); Add("minGq", q.MinGq); Add("minDp", q.MinDp); Add("region", q.Region);
        Add("sort", q.Sort); Add("cursor", q.Cursor);
        return d;
    }
}

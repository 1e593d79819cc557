using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using VariantMiner.Application.Variants;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Organizations;
using VariantMiner.Domain.Samples;
using VariantMiner.Infrastructure.Persistence;
using VariantMiner.Infrastructure.Variants;

// Variant data benchmarks (bench/README.md, "Variant data"):
//   generate <records> <file.vcf.gz>           a BGZF VCF, 3 samples, 10 % multi-allelic (through bgzip)
//   import <sqlite|postgres> <file.vcf.gz>     a fresh database, then the product's importer on the file
//   query <sqlite|postgres> <rows>[,<rows>…] [--others N]
//                                              analyses of <rows> variants (among N more of 5 M), then 5 filter combinations, first and deep page
// PostgreSQL: VARIANTMINER_BENCH_POSTGRES (default Host=localhost;Username=postgres;Password=postgres).
var mode = args[0];
if (mode == "generate")
{
    Generate(long.Parse(args[1], CultureInfo.InvariantCulture), args[2]);
    return;
}
if (mode == "read")
{
    // The reader alone, every GT formatted (what the import does before writing): the import's ceiling.
    var sw = Stopwatch.StartNew();
    long read = 0;
    using (var reader = VariantMiner.Infrastructure.Variants.Vcf.VcfReader.Open(args[1]))
        foreach (var v in reader.ReadVariants())
        {
            foreach (var call in v.Samples) _ = call.GT.ToString();
            read++;
        }
    Console.WriteLine($"read: {read:N0} rows in {sw.Elapsed.TotalSeconds:0.00} s = {read / sw.Elapsed.TotalSeconds:N0} rows/s");
    return;
}
var provider = Enum.Parse<DatabaseProvider>(args[1], ignoreCase: true);
var settings = await FreshDatabaseAsync(provider, "vm_variant_bench");
var (db, run) = await SeedRunAsync(settings);

if (mode == "import")
{
    var sw = Stopwatch.StartNew();
    var (rows, samples) = await new VariantImporter(db, new VariantPartitions(db)).ImportAsync(run, args[2], () => Task.CompletedTask, CancellationToken.None);
    sw.Stop();
    Console.WriteLine($"{provider} import: {rows:N0} rows ({samples.Count} samples) in {sw.Elapsed.TotalSeconds:0.00} s = {rows / sw.Elapsed.TotalSeconds:N0} rows/s; " +
        $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MiB");
    return;
}

// query: the rows are written by the importer from generated files, then each combination is timed on each measured
// analysis. <rows> may list several sizes (one analysis each); --others N first stores N more analyses of 5,000,000
// records in the same organization, so the measured ones sit among tens of millions of rows.
var importer = new VariantImporter(db, new VariantPartitions(db));
var others = args.Contains("--others") ? int.Parse(args[Array.IndexOf(args, "--others") + 1], CultureInfo.InvariantCulture) : 0;
long stored = 0;
for (var i = 0; i < others; i++)
    stored += (await importer.ImportAsync(await AddRunAsync(db, run), FileOf(5_000_000), () => Task.CompletedTask, CancellationToken.None)).Rows;
var measured = new List<(Analysis Run, int Rows)>();
foreach (var size in args[2].Split(',').Select(n => long.Parse(n, CultureInfo.InvariantCulture)))
{
    var target = measured.Count == 0 ? run : await AddRunAsync(db, run);
    var loaded = await importer.ImportAsync(target, FileOf(size), () => Task.CompletedTask, CancellationToken.None);
    measured.Add((target, loaded.Rows));
    stored += loaded.Rows;
}
Console.WriteLine($"{provider}: {stored:N0} rows stored in the organization");
if (provider == DatabaseProvider.Postgres) await db.Database.ExecuteSqlRawAsync("ANALYZE \"Variants\"");
var combinations = new (string Name, VariantFilterValues Filters)[]
{
    ("position, no filter", new()),
    ("priority order", new() { Sort = "priority" }),
    ("rare damaging het", new() { Consequence = "missense,stop_gained,frameshift", MaxPopulationAf = 0.01, Zygosity = "het" }),
    ("one gene", new() { Gene = "GENE0042" }),
    ("region + quality", new() { Region = "chr2:100000-300000", MinQuality = 30, MinGq = 20 }),
};
Console.WriteLine("| provider | analysis rows | organization rows | filters | page | median ms | p90 ms | rows returned |");
foreach (var (target, rows) in measured)
foreach (var (name, filters) in combinations)
{
    foreach (var deep in new[] { false, true })
    {
        // The deep page starts at a cursor 90 % of the way through the counted matches (found once, outside the timing,
        // as the previous page would have handed it over).
        var mark = deep ? await MarkAsync(db, target.Id, filters) : null;
        var times = new List<double>();
        int returned = 0;
        for (var i = 0; i < 12; i++)
        {
            var sw = Stopwatch.StartNew();
            returned = await PageAsync(db, target.Id, filters, mark);
            if (i >= 2) times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine($"| {provider} | {rows:N0} | {stored:N0} | {name} | {(deep ? "deep" : "first")} | {times[times.Count / 2]:0.0} | {times[(int)(times.Count * 0.9)]:0.0} | {returned} |");
    }
}

// A generated file of about <rows> rows (10 % of records split in two), made once.
static string FileOf(long rows)
{
    var file = Path.Combine(Path.GetTempPath(), $"variant-bench-{rows}.vcf.gz");
    if (!File.Exists(file)) Generate(rows * 10 / 11, file);
    return file;
}

static async Task<Analysis> AddRunAsync(AppDbContext db, Analysis like)
{
    var run = new Analysis(like.OrganizationId, like.WorkspaceId, like.Pipeline, "{}", like.Samples.Select(s => s.SampleId).ToList(), [], ["import"], like.LaunchedBy, DateTimeOffset.UtcNow);
    db.Analyses.Add(run);
    await db.SaveChangesAsync();
    return run;
}

// The handler's query shape (VariantFilters.Apply, the bounded count, then the sort and keyset of ListVariantsHandler)
// without the mediator and authorization around it (measured separately in "Analyses table").
static IQueryable<VariantMiner.Domain.Variants.Variant> Filtered(AppDbContext db, Guid runId, VariantFilterValues filters) =>
    VariantFilters.Apply(db.Variants.AsNoTracking().Where(v => v.AnalysisId == runId), filters,
        filters.Gene is { } g ? VariantFilters.Split(g).ToList() : []);

static IQueryable<VariantMiner.Domain.Variants.Variant> Ordered(IQueryable<VariantMiner.Domain.Variants.Variant> rows, VariantFilterValues filters) =>
    filters.Sort == "priority" ? rows.OrderByDescending(v => v.Priority).ThenBy(v => v.Ordinal) : rows.OrderBy(v => v.Ordinal);

static async Task<(double Priority, int Ordinal)?> MarkAsync(AppDbContext db, Guid runId, VariantFilterValues filters)
{
    var rows = Filtered(db, runId, filters);
    var total = await rows.OrderBy(v => v.AnalysisId).Take(ListVariantsHandler.MaxCount + 1).CountAsync();
    var mark = await Ordered(rows, filters).Skip(total * 9 / 10).Select(v => new { v.Priority, v.Ordinal }).FirstOrDefaultAsync();
    return mark is null ? null : (mark.Priority, mark.Ordinal);
}

static async Task<int> PageAsync(AppDbContext db, Guid runId, VariantFilterValues filters, (double Priority, int Ordinal)? mark)
{
    var rows = Filtered(db, runId, filters);
    _ = await rows.OrderBy(v => v.AnalysisId).Take(ListVariantsHandler.MaxCount + 1).CountAsync();
    if (mark is { } m)
        rows = filters.Sort == "priority" ? rows.Where(v => v.Priority < m.Priority || (v.Priority == m.Priority && v.Ordinal > m.Ordinal))
            : rows.Where(v => v.Ordinal > m.Ordinal);
    return (await Ordered(rows, filters).Take(101).ToListAsync()).Count;
}

static async Task<DatabaseSettings> FreshDatabaseAsync(DatabaseProvider provider, string name)
{
    var root = Path.Combine(Path.GetTempPath(), "variantminer-bench");
    Directory.CreateDirectory(root);
    if (provider == DatabaseProvider.Postgres)
    {
        var admin = Environment.GetEnvironmentVariable("VARIANTMINER_BENCH_POSTGRES") ?? "Host=localhost;Username=postgres;Password=postgres";
        await using var c = new NpgsqlConnection(admin);
        await c.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", c)) await drop.ExecuteNonQueryAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c)) await create.ExecuteNonQueryAsync();
        return new DatabaseSettings(provider, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString, root);
    }
    var file = Path.Combine(root, name + ".db");
    foreach (var f in new[] { file, file + "-wal", file + "-shm" }) File.Delete(f);
    return new DatabaseSettings(provider, $"Data Source={file}", root);
}

static async Task<(AppDbContext Db, Analysis Run)> SeedRunAsync(DatabaseSettings settings)
{
    var options = new DbContextOptionsBuilder<AppDbContext>();
    options.UseVariantMinerDatabase(settings);
    var db = new AppDbContext(options.Options, null);
    await DatabaseSetup.MigrateAsync(db, settings);
    var now = DateTimeOffset.UtcNow;
    var org = new Organization("Variant Bench", null, now);
    var workspace = new Workspace(org.Id, "Project", now);
    var creator = Guid.NewGuid();
    var sample = new Sample(org.Id, workspace.Id, "BENCH1", "WGS", null, creator, now);
    var run = new Analysis(org.Id, workspace.Id, "vcf-intake", "{}", [sample.Id], [], ["import"], creator, now);
    db.Organizations.Add(org);
    db.Workspaces.Add(workspace);
    db.Samples.Add(sample);
    db.Analyses.Add(run);
    await db.SaveChangesAsync();
    // The queries run in the organization's scope, as the worker's and the requests' do (the tenant filter applies).
    var scope = new VariantMiner.Application.Common.Security.OrganizationContext();
    scope.Enter(VariantMiner.Application.Common.Security.OrganizationAccess.ForSystem(org.Id, workspace.Id), workspace.Id);
    return (new AppDbContext(options.Options, scope), run);
}

// Records on chr1..chr22 in order, positions rising; 3 samples with GT:AD:DP:GQ; 10 % with two ALTs; a BCSQ-like
// annotation on a third (gene GENE0000..GENE0999), POP_AF on half.
static void Generate(long records, string path)
{
    var bgzip = Process.Start(new ProcessStartInfo("sh", ["-c", $"bgzip -c > '{path}'"]) { RedirectStandardInput = true })!;
    var w = bgzip.StandardInput;
    w.NewLine = "\n";
    w.WriteLine("##fileformat=VCFv4.2");
    for (var c = 1; c <= 22; c++) w.WriteLine($"##contig=<ID=chr{c},length=250000000>");
    w.WriteLine("##INFO=<ID=BCSQ,Number=.,Type=String,Description=\"consequences\">");
    w.WriteLine("##INFO=<ID=POP_AF,Number=A,Type=Float,Description=\"population frequency\">");
    w.WriteLine("##FORMAT=<ID=GT,Number=1,Type=String,Description=\"Genotype\">");
    w.WriteLine("##FORMAT=<ID=AD,Number=R,Type=Integer,Description=\"Allelic depths\">");
    w.WriteLine("##FORMAT=<ID=DP,Number=1,Type=Integer,Description=\"Depth\">");
    w.WriteLine("##FORMAT=<ID=GQ,Number=1,Type=Integer,Description=\"Genotype quality\">");
    w.WriteLine("#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\tFORMAT\tS1\tS2\tS3");
    var random = new Random(7);
    string[] bases = ["A", "C", "G", "T"];
    string[] consequences = ["missense", "synonymous", "intron", "stop_gained", "frameshift", "3_prime_utr"];
    string[] gts = ["0/1", "1/1", "0/0", "0/1", "./."];
    var perChrom = records / 22 + 1;
    var line = new StringBuilder();
    for (long i = 0; i < records; i++)
    {
        var chrom = 1 + i / perChrom;
        var pos = 10_000 + (i % perChrom) * 97;
        var reference = bases[random.Next(4)];
        var multi = i % 10 == 0;
        var alt = bases[(Array.IndexOf(bases, reference) + 1) % 4] + (multi ? "," + bases[(Array.IndexOf(bases, reference) + 2) % 4] : "");
        line.Clear().Append("chr").Append(chrom).Append('\t').Append(pos).Append("\t.\t").Append(reference).Append('\t').Append(alt).Append('\t')
            .Append(20 + random.Next(60)).Append("\tPASS\t");
        var info = new List<string>();
        if (i % 3 == 0) info.Add($"BCSQ={consequences[random.Next(consequences.Length)]}|GENE{random.Next(1000):0000}|T{i}|protein_coding|+|1A>1B|{pos}{reference}>X");
        if (i % 2 == 0) info.Add(multi ? "POP_AF=0.001,0.2" : $"POP_AF={random.NextDouble() * 0.1:0.0000}");
        line.Append(info.Count == 0 ? "." : string.Join(';', info)).Append("\tGT:AD:DP:GQ");
        for (var s = 0; s < 3; s++)
        {
            var dp = 5 + random.Next(60);
            line.Append('\t').Append(multi && s == 0 ? "1/2" : gts[random.Next(gts.Length)]).Append(':').Append(dp / 2).Append(',').Append(dp / 2)
                .Append(multi ? "," + 1 : "").Append(':').Append(dp).Append(':').Append(random.Next(99));
        }
        w.WriteLine(line);
    }
    w.Close();
    bgzip.WaitForExit();
}

internal static partial class Program
{
    /// <summary>Fixed index names only (benchmark diagnostics).</summary>
    private static string Sql(string text) => text;
}

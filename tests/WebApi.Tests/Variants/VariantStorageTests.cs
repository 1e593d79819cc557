using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using VariantMiner.Application.Common.Security;
using VariantMiner.Infrastructure.Variants;

namespace VariantMiner.WebApi.Tests.Variants;

/// <summary>
/// Where an import's rows live: on PostgreSQL the analysis's own partition, attached with exactly the variant table's
/// indexes (adopted, none built twice); an import that fails leaves nothing once deleted; the table of an analysis that
/// no longer exists is dropped by the purge job's sweep. On SQLite the same calls keep the plain table right.
/// </summary>
public class VariantStorageTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private const string Header = """
        ##fileformat=VCFv4.2
        ##contig=<ID=CHROMOSOME_I,length=100000>
        ##FORMAT=<ID=GT,Number=1,Type=String,Description="Genotype">
        #CHROM	POS	ID	REF	ALT	QUAL	FILTER	INFO	FORMAT	S1

        """;

    private SeededLab _lab = null!;
    private SeededSamples _seeded = null!;

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Storage Lab");
        await using (var db = Database.CreateContext()) _seeded = await SeededSamples.CreateAsync(db, _lab);
    }

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<OrganizationContext>().Enter(OrganizationAccess.ForSystem(_lab.OrganizationId, _lab.WorkspaceId), _lab.WorkspaceId);
        return await work(scope.ServiceProvider);
    }

    private async Task<int> ImportAsync(Guid analysisId, string body)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"{analysisId:N}.vcf");
        await File.WriteAllTextAsync(path, Header + body);
        return await InScopeAsync(async services =>
        {
            var run = await services.GetRequiredService<AppDbContext>().Analyses.SingleAsync(a => a.Id == analysisId);
            var (rows, _) = await services.GetRequiredService<VariantImporter>().ImportAsync(run, path, () => Task.CompletedTask, CancellationToken.None);
            return rows;
        });
    }

    private async Task<List<(int Ordinal, long Position, string Alt)>> RowsAsync(Guid analysisId)
    {
        await using var db = Database.CreateContext();
        return (await db.Variants.IgnoreQueryFilters().Where(v => v.AnalysisId == analysisId).OrderBy(v => v.Ordinal)
            .Select(v => new { v.Ordinal, v.Position, v.Alt }).ToListAsync()).Select(v => (v.Ordinal, v.Position, v.Alt)).ToList();
    }

    /// <summary>PostgreSQL: the tables named for the analysis, each with its partition bound (null when not attached) and its index definitions.</summary>
    private async Task<List<(string Table, string? Bound, string[] Indexes)>> TablesAsync(Guid analysisId)
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.relname, pg_get_expr(c.relpartbound, c.oid),
                   ARRAY(SELECT regexp_replace(pg_get_indexdef(i.indexrelid), '^.* USING ', '') FROM pg_index i WHERE i.indrelid = c.oid ORDER BY 1)
            FROM pg_class c WHERE c.relkind = 'r' AND c.relname = $1
            """, connection);
        command.Parameters.AddWithValue($"Variants_{analysisId:N}");
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<(string, string?, string[])>();
        while (await reader.ReadAsync()) tables.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetFieldValue<string[]>(2)));
        return tables;
    }

    [Test]
    public async Task An_import_becomes_the_analysis_s_partition_with_the_table_s_indexes_and_a_new_import_replaces_it()
    {
        var run = _seeded.CompleteAnalysisId;
        Assert.That(await ImportAsync(run, "CHROMOSOME_I\t100\t.\tA\tC,G\t50\t.\t.\tGT\t1/2\nCHROMOSOME_I\t200\t.\tT\tA\t40\t.\t.\tGT\t0/1\n"), Is.EqualTo(3));
        Assert.That(await RowsAsync(run), Is.EqualTo(new[] { (1, 100L, "C"), (2, 100L, "G"), (3, 200L, "A") }), "the seeded rows replaced");

        if (Provider == DatabaseProvider.Postgres)
        {
            var table = (await TablesAsync(run)).Single();
            Assert.That(table.Bound, Is.EqualTo($"FOR VALUES IN ('{run}')"), "attached as the analysis's partition");
            Assert.That(table.Indexes, Is.EqualTo(new[]
            {
                """btree ("AnalysisId", "Chrom", "Position")""", """btree ("AnalysisId", "Gene", "Ordinal")""",
                """btree ("AnalysisId", "Ordinal")""", """btree ("AnalysisId", "Priority" DESC, "Ordinal")""",
            }), "the variant table's four indexes, each once");
        }

        Assert.That(await ImportAsync(run, "CHROMOSOME_I\t300\t.\tG\tT\t50\t.\t.\tGT\t1/1\n"), Is.EqualTo(1));
        Assert.That(await RowsAsync(run), Is.EqualTo(new[] { (1, 300L, "T") }));
    }

    [Test]
    public async Task A_failed_import_leaves_nothing_once_its_rows_are_deleted()
    {
        var run = _seeded.FailedAnalysisId;
        var rows = new System.Text.StringBuilder();
        for (var i = 1; i <= 10; i++) rows.Append($"CHROMOSOME_I\t{i * 10}\t.\tA\tC\t50\t.\t.\tGT\t0/1\n");
        rows.Append("CHROMOSOME_I\tnot-a-number\t.\tA\tC\t50\t.\t.\tGT\t0/1\n");
        Assert.That(() => ImportAsync(run, rows.ToString()), Throws.InstanceOf<VariantMiner.Infrastructure.Variants.Vcf.VcfFormatException>().With.Message.Contains("line 15"));
        await InScopeAsync(async services => { await services.GetRequiredService<VariantPartitions>().DeleteAsync(run, CancellationToken.None); return 0; });
        Assert.That(await RowsAsync(run), Is.Empty);
        if (Provider == DatabaseProvider.Postgres) Assert.That(await TablesAsync(run), Is.Empty, "no table left behind");
    }

    [Test]
    public async Task The_tables_of_deleted_analyses_are_dropped_and_the_others_kept()
    {
        await ImportAsync(_seeded.CompleteAnalysisId, "CHROMOSOME_I\t100\t.\tA\tC\t50\t.\t.\tGT\t0/1\n");
        await ImportAsync(_seeded.FailedAnalysisId, "CHROMOSOME_I\t100\t.\tA\tC\t50\t.\t.\tGT\t0/1\n");
        await using (var db = Database.CreateContext())
            await db.Analyses.IgnoreQueryFilters().Where(a => a.Id == _seeded.FailedAnalysisId).ExecuteDeleteAsync();

        var dropped = await InScopeAsync(services => services.GetRequiredService<VariantPartitions>().DropOrphansAsync(CancellationToken.None));

        Assert.That(await RowsAsync(_seeded.FailedAnalysisId), Is.Empty, "the analysis's rows went with it (cascade)");
        Assert.That(await RowsAsync(_seeded.CompleteAnalysisId), Has.Count.EqualTo(1));
        if (Provider == DatabaseProvider.Postgres)
        {
            Assert.That(dropped, Is.GreaterThanOrEqualTo(1), "earlier tests' analyses were truncated away too");
            Assert.That(await TablesAsync(_seeded.FailedAnalysisId), Is.Empty);
            Assert.That(await TablesAsync(_seeded.CompleteAnalysisId), Has.Count.EqualTo(1));
        }
    }
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace VariantMiner.Infrastructure.Variants;

/// <summary>
/// Where an analysis's variant rows are written. On PostgreSQL <c>"Variants"</c> is partitioned by analysis (migration
/// VariantPartitions): each analysis's rows are written into a table of their own that has no index yet, its indexes
/// are built in one sort each, and it is then attached as that analysis's partition. That is several times faster than
/// maintaining the indexes row by row, a query reads only its analysis's partition (the organization's other analyses
/// do not slow it), and removing an analysis's rows is dropping a table. Rows written any other way (tests' seeds)
/// land in the default partition. SQLite has one plain table: everything here is a no-op or a DELETE there.
/// </summary>
public sealed class VariantPartitions(AppDbContext db)
{
    private bool Postgres => db.Database.IsNpgsql();

    /// <summary>The table an analysis's rows are written to: its own (not yet attached) table on PostgreSQL.</summary>
    public string LoadTable(Guid analysisId) => Postgres ? $"\"Variants_{analysisId:N}\"" : "\"Variants\"";

    /// <summary>An empty table for the analysis's rows, shaped as the variant table, taking only that analysis's rows.</summary>
    public async Task CreateAsync(Guid analysisId, CancellationToken cancellationToken)
    {
        if (!Postgres) return;
        await ExecuteAsync($"""
            CREATE TABLE {LoadTable(analysisId)} (LIKE "Variants" INCLUDING DEFAULTS, CHECK ("AnalysisId" = '{analysisId}'))
            """, cancellationToken);
    }

    /// <summary>
    /// Builds the load table's indexes (the variant table's own, read from the catalogue so the two cannot differ) and
    /// attaches it as the analysis's partition: PostgreSQL adopts the indexes, the check constraint spares it a scan,
    /// and it validates the foreign key to the analysis in one query.
    /// </summary>
    public async Task AttachAsync(Guid analysisId, CancellationToken cancellationToken)
    {
        if (!Postgres) return;
        var table = LoadTable(analysisId);
        // Index builds sort in memory up to this (the default 64 MB spills a few million rows to disk).
        await ExecuteAsync("SET LOCAL maintenance_work_mem = '256MB'", cancellationToken);
        await ExecuteAsync($"""ALTER TABLE {table} ADD PRIMARY KEY ("AnalysisId", "Ordinal")""", cancellationToken);
        var indexes = await ListAsync("""
            SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i WHERE i.indrelid = '"Variants"'::regclass AND NOT i.indisprimary
            """, cancellationToken);
        foreach (var definition in indexes)
        {
            // "CREATE INDEX "IX_…" ON ONLY public."Variants" USING btree (…)" → the same columns on the load table.
            var columns = definition[definition.IndexOf(" USING ", StringComparison.Ordinal)..];
            await ExecuteAsync($"CREATE INDEX ON {table}{columns}", cancellationToken);
        }
        await ExecuteAsync($"""ALTER TABLE "Variants" ATTACH PARTITION {table} FOR VALUES IN ('{analysisId}')""", cancellationToken);
    }

    /// <summary>Removes the analysis's rows: its partition or load table (whichever exists), and any in the default partition.</summary>
    public async Task DeleteAsync(Guid analysisId, CancellationToken cancellationToken)
    {
        if (Postgres) await ExecuteAsync($"DROP TABLE IF EXISTS {LoadTable(analysisId)}", cancellationToken);
        await db.Variants.Where(v => v.AnalysisId == analysisId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Drops the tables of analyses that no longer exist: deleting an analysis (its sample's purge) removes its rows by
    /// cascade but leaves its empty partition, and a worker killed during an import leaves its load table.
    /// </summary>
    /// <returns>How many tables were dropped.</returns>
    public async Task<int> DropOrphansAsync(CancellationToken cancellationToken)
    {
        if (!Postgres) return 0;
        var orphans = await ListAsync("""
            SELECT c.relname FROM pg_class c
            WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace AND c.relname ~ '^Variants_[0-9a-f]{32}$'
              AND NOT EXISTS (SELECT 1 FROM "Analyses" a WHERE replace(a."Id"::text, '-', '') = substring(c.relname FROM 10))
            """, cancellationToken);
        foreach (var orphan in orphans) await ExecuteAsync($"DROP TABLE IF EXISTS \"{orphan}\"", cancellationToken);
        return orphans.Count;
    }

    // Statements built only from fixed text and GUIDs (never from input), sent on the context's connection and
    // transaction directly: the retrying execution strategy refuses EF queries inside a transaction it did not start.
    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(sql, cancellationToken);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<List<string>> ListAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = await CommandAsync(sql, cancellationToken);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new List<string>();
        while (await reader.ReadAsync(cancellationToken)) values.Add(reader.GetString(0));
        return values;
    }

    private async Task<DbCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
        var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        return command;
    }
}

using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using VariantMiner.Infrastructure.Persistence;

namespace VariantMiner.TestSupport;

/// <summary>
/// Reads a database's schema as sorted lines (tables, columns with type and nullability, keys, foreign keys,
/// indexes) so two databases can be compared line by line. EF's own migration bookkeeping tables (history, lock) are left out.
/// </summary>
public static class SchemaSnapshot
{
    public static async Task<IReadOnlyList<string>> ReadAsync(AppDbContext db, DatabaseProvider provider)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            var lines = provider == DatabaseProvider.Sqlite ? await ReadSqliteAsync(connection) : await ReadPostgresAsync(connection);
            return lines.Where(l => !l.Contains("__EFMigrations", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<List<string>> ReadSqliteAsync(DbConnection c)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(c, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        foreach (var table in tables.Select(r => r[0]))
        {
            lines.Add($"table {table}");
            foreach (var col in await QueryAsync(c, $"SELECT name, type, \"notnull\", pk FROM pragma_table_info('{table}')"))
                lines.Add($"column {table}.{col[0]} {col[1]} {(col[2] == "1" ? "NOT NULL" : "NULL")}{(col[3] != "0" ? $" pk{col[3]}" : "")}");
            foreach (var fk in await QueryAsync(c, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')"))
                lines.Add($"fk {table}.{fk[1]} -> {fk[0]}.{fk[2]} on delete {fk[3]}");
            foreach (var index in await QueryAsync(c, $"SELECT name, \"unique\", origin FROM pragma_index_list('{table}')"))
            {
                if (index[2] == "pk") continue; // the primary key is already on the columns
                var columns = await QueryAsync(c, $"SELECT name FROM pragma_index_info('{index[0]}') ORDER BY seqno");
                lines.Add($"index {table}.{index[0]} ({string.Join(", ", columns.Select(r => r[0]))}){(index[1] == "1" ? " unique" : "")}");
            }
        }
        return lines;
    }

    private static async Task<List<string>> ReadPostgresAsync(DbConnection c)
    {
        // A partitioned table is compared as the one table the model knows: its partitions (the variant table's, made by
        // migration VariantPartitions and by imports) are left out, and its partitioned indexes read like plain ones.
        var partitions = (await QueryAsync(c, "SELECT relname FROM pg_class WHERE relispartition AND relnamespace = 'public'::regnamespace"))
            .Select(r => r[0]).ToHashSet();
        bool Partition(string table) => partitions.Contains(table.Trim('"'));
        var lines = new List<string>();
        foreach (var t in await QueryAsync(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"))
            if (!Partition(t[0])) lines.Add($"table {t[0]}");
        foreach (var col in await QueryAsync(c, """
            SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, ''), is_nullable, is_identity, coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema = 'public'
            """))
            if (!Partition(col[0])) lines.Add($"column {col[0]}.{col[1]} {col[2]}({col[3]}) {(col[4] == "YES" ? "NULL" : "NOT NULL")} identity={col[5]} default={col[6]}");
        foreach (var con in await QueryAsync(c, """
            SELECT conrelid::regclass::text, conname, contype::text, pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace
            """))
            if (!Partition(con[0])) lines.Add($"constraint {con[0]}.{con[1]} {con[2]} {con[3]}");
        foreach (var index in await QueryAsync(c, """
            SELECT t.relname, i.relname, replace(pg_get_indexdef(i.oid), ' ON ONLY ', ' ON ')
            FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            WHERE t.relnamespace = 'public'::regnamespace
            """))
            if (!Partition(index[0])) lines.Add($"index {index[0]}.{index[1]} {index[2]}");
        return lines;
    }

    private static async Task<List<string[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            var row = new string[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
            rows.Add(row);
        }
        return rows;
    }
}

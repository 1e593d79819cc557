using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Variants;
using VariantMiner.Infrastructure.Variants.Vcf;

namespace VariantMiner.Infrastructure.Variants;

/// <summary>
/// Imports an analysis's VCF as variant rows, streaming: the reader yields one row per ALT, the writer sends them in
/// chunks (PostgreSQL binary COPY; SQLite a prepared INSERT), each chunk its own transaction so the worker can renew
/// its lease between chunks. The rows are invisible until the run is COMPLETE (every variant query requires it), and
/// an import that fails or is interrupted leaves rows only of a run that never completes: the next attempt, or the
/// failure, deletes them (<see cref="VariantPartitions.DeleteAsync"/>). On PostgreSQL the rows go into the analysis's own
/// table, indexed and attached as its partition with the last chunk (<see cref="VariantPartitions"/>).
/// </summary>
public sealed class VariantImporter(AppDbContext db, VariantPartitions partitions)
{
    /// <summary>Rows per transaction: large enough for bulk speed, small enough to renew a lease often.</summary>
    public const int ChunkRows = 100_000;

    private static readonly string[] Columns =
    [
        "AnalysisId", "Ordinal", "OrganizationId", "WorkspaceId", "Chrom", "Position", "Ref", "Alt", "VcfId", "Quality", "Filter", "Gene",
        "Consequence", "Transcript", "ProteinChange", "DnaChange", "Consequences", "ClinVar", "PopulationAf", "Priority", "Gt", "Zygosity",
        "Gq", "Dp", "AdRef", "AdAlt", "Genotypes",
    ];

    /// <param name="betweenChunks">Called after each committed chunk (the worker renews its lease there).</param>
    /// <returns>The rows written and the VCF's sample names.</returns>
    /// <exception cref="VcfFormatException">The file is not a VCF we can read; names the line.</exception>
    public async Task<(int Rows, IReadOnlyList<string> Samples)> ImportAsync(Analysis run, string vcfPath, Func<Task> betweenChunks,
        CancellationToken cancellationToken)
    {
        using var reader = VcfReader.Open(vcfPath);
        await partitions.DeleteAsync(run.Id, cancellationToken);
        await partitions.CreateAsync(run.Id, cancellationToken);
        var connection = db.Database.GetDbConnection();
        var count = 0;
        using var rows = Rows(run, reader).GetEnumerator();
        var more = true;
        while (more)
        {
            var chunk = 0;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (connection is NpgsqlConnection pg)
            {
                await using var copy = await pg.BeginBinaryImportAsync(
                    $"COPY {partitions.LoadTable(run.Id)} ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)", cancellationToken);
                while (chunk < ChunkRows && (more = rows.MoveNext()))
                {
                    WriteRow(copy, rows.Current);
                    chunk++;
                }
                await copy.CompleteAsync(cancellationToken);
            }
            else
            {
                await using var insert = InsertCommand((SqliteConnection)connection, (SqliteTransaction)transaction.GetDbTransaction());
                while (chunk < ChunkRows && (more = rows.MoveNext()))
                {
                    Bind(insert, rows.Current);
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                    chunk++;
                }
            }
            if (!more) await partitions.AttachAsync(run.Id, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            count += chunk;
            if (more) await betweenChunks();
        }
        return (count, reader.Header.SampleNames);
    }

    /// <summary>The VCF's rows as variant rows, numbered from 1 in file order.</summary>
    private static IEnumerable<Variant> Rows(Analysis run, VcfReader reader)
    {
        var ordinal = 0;
        var genotypes = new StringBuilder();
        foreach (var record in reader.ReadVariants())
        {
            var bcsq = Info(record, "BCSQ");
            var first = FirstConsequence(bcsq);
            var clinVar = Info(record, "CLNSIG");
            var af = double.TryParse(Info(record, "POP_AF"), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : (double?)null;
            genotypes.Clear();
            for (var i = 0; i < record.Samples.Length; i++)
            {
                var call = record.Samples[i];
                if (i > 0) genotypes.Append('|');
                genotypes.Append(call.GT.ToString()).Append(':').Append(call.GQ).Append(':').Append(call.DP).Append(':')
                    .Append(call.AD.Ref).Append(',').Append(call.AD.Alt);
            }
            var primary = record.Samples.Length > 0 ? record.Samples[0] : default;
            var gt = record.Samples.Length > 0 ? primary.GT.ToString() : ".";
            yield return new Variant
            {
                OrganizationId = run.OrganizationId,
                WorkspaceId = run.WorkspaceId,
                AnalysisId = run.Id,
                Ordinal = ++ordinal,
                Chrom = record.Chrom,
                Position = record.Pos,
                Ref = record.Ref,
                Alt = record.Alt,
                VcfId = record.Id is "." or "" ? null : record.Id,
                Quality = record.Qual,
                Filter = record.Filter is "." or "" ? null : record.Filter,
                Gene = first?[1],
                Consequence = first?[0],
                Transcript = first?[2],
                ProteinChange = first?[5],
                DnaChange = first?[6],
                Consequences = bcsq,
                ClinVar = clinVar,
                PopulationAf = af,
                Priority = VariantPriority.Score(first?[0], clinVar, af),
                Gt = gt,
                Zygosity = VariantCalls.ZygosityOf(gt),
                Gq = primary.GQ,
                Dp = primary.DP,
                AdRef = primary.AD.Ref,
                AdAlt = primary.AD.Alt,
                Genotypes = genotypes.ToString(),
            };
        }
    }

    private static string? Info(VcfVariant record, string key) => record.Info.TryGetValue(key, out var value) && value is { Length: > 0 } and not "." ? value : null;

    /// <summary>The first consequence of bcftools csq's BCSQ (entries starting with @ point at another record's), as its 7 fields (empty → null).</summary>
    private static string?[]? FirstConsequence(string? bcsq)
    {
        if (bcsq is null) return null;
        foreach (var entry in bcsq.Split(','))
        {
            if (entry.StartsWith('@')) continue;
            var fields = entry.Split('|');
            var result = new string?[7];
            for (var i = 0; i < result.Length; i++) result[i] = i < fields.Length && fields[i].Length > 0 ? fields[i] : null;
            return result;
        }
        return null;
    }

    private static void WriteRow(NpgsqlBinaryImporter copy, Variant v)
    {
        copy.StartRow();
        copy.Write(v.AnalysisId, NpgsqlDbType.Uuid);
        copy.Write(v.Ordinal, NpgsqlDbType.Integer);
        copy.Write(v.OrganizationId, NpgsqlDbType.Uuid);
        copy.Write(v.WorkspaceId, NpgsqlDbType.Uuid);
        copy.Write(v.Chrom, NpgsqlDbType.Varchar);
        copy.Write(v.Position, NpgsqlDbType.Bigint);
        copy.Write(v.Ref, NpgsqlDbType.Text);
        copy.Write(v.Alt, NpgsqlDbType.Text);
        Text(copy, v.VcfId);
        if (v.Quality is { } q) copy.Write(q, NpgsqlDbType.Double); else copy.WriteNull();
        Text(copy, v.Filter);
        Text(copy, v.Gene);
        Text(copy, v.Consequence);
        Text(copy, v.Transcript);
        Text(copy, v.ProteinChange);
        Text(copy, v.DnaChange);
        Text(copy, v.Consequences);
        Text(copy, v.ClinVar);
        if (v.PopulationAf is { } af) copy.Write(af, NpgsqlDbType.Double); else copy.WriteNull();
        copy.Write(v.Priority, NpgsqlDbType.Double);
        copy.Write(v.Gt, NpgsqlDbType.Text);
        copy.Write(v.Zygosity.ToString(), NpgsqlDbType.Varchar);
        Int(copy, v.Gq);
        Int(copy, v.Dp);
        Int(copy, v.AdRef);
        Int(copy, v.AdAlt);
        copy.Write(v.Genotypes, NpgsqlDbType.Text);

        static void Text(NpgsqlBinaryImporter c, string? s) { if (s is null) c.WriteNull(); else c.Write(s, NpgsqlDbType.Text); }
        static void Int(NpgsqlBinaryImporter c, int? n) { if (n is { } value) c.Write(value, NpgsqlDbType.Integer); else c.WriteNull(); }
    }

    private static SqliteCommand InsertCommand(SqliteConnection connection, SqliteTransaction transaction)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"Variants\" ({string.Join(", ", Columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";
        foreach (var column in Columns) command.Parameters.Add(new SqliteParameter("$" + column, null));
        command.Prepare();
        return command;
    }

    /// <summary>SQLite values as EF stores them: GUIDs as upper-case text, enums as their names.</summary>
    private static void Bind(SqliteCommand c, Variant v)
    {
        var p = c.Parameters;
        p[0].Value = v.AnalysisId.ToString().ToUpperInvariant();
        p[1].Value = v.Ordinal;
        p[2].Value = v.OrganizationId.ToString().ToUpperInvariant();
        p[3].Value = v.WorkspaceId.ToString().ToUpperInvariant();
        p[4].Value = v.Chrom;
        p[5].Value = v.Position;
        p[6].Value = v.Ref;
        p[7].Value = v.Alt;
        p[8].Value = (object?)v.VcfId ?? DBNull.Value;
        p[9].Value = (object?)v.Quality ?? DBNull.Value;
        p[10].Value = (object?)v.Filter ?? DBNull.Value;
        p[11].Value = (object?)v.Gene ?? DBNull.Value;
        p[12].Value = (object?)v.Consequence ?? DBNull.Value;
        p[13].Value = (object?)v.Transcript ?? DBNull.Value;
        p[14].Value = (object?)v.ProteinChange ?? DBNull.Value;
        p[15].Value = (object?)v.DnaChange ?? DBNull.Value;
        p[16].Value = (object?)v.Consequences ?? DBNull.Value;
        p[17].Value = (object?)v.ClinVar ?? DBNull.Value;
        p[18].Value = (object?)v.PopulationAf ?? DBNull.Value;
        p[19].Value = v.Priority;
        p[20].Value = v.Gt;
        p[21].Value = v.Zygosity.ToString();
        p[22].Value = (object?)v.Gq ?? DBNull.Value;
        p[23].Value = (object?)v.Dp ?? DBNull.Value;
        p[24].Value = (object?)v.AdRef ?? DBNull.Value;
        p[25].Value = (object?)v.AdAlt ?? DBNull.Value;
        p[26].Value = v.Genotypes;
    }
}

using System.Text.Json;

namespace VariantMiner.Cli;

/// <summary>What a command prints: aligned columns for people, or (<c>--json</c>) one JSON document for scripts.</summary>
public sealed class Output(CliContext context, bool json)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task TableAsync<T>(IReadOnlyList<T> rows, params (string Header, Func<T, string?> Value)[] columns)
    {
        if (json)
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(rows, Json));
            return;
        }
        var cells = rows.Select(row => columns.Select(c => c.Value(row) ?? "").ToArray()).ToList();
        var widths = columns.Select((c, i) => cells.Select(r => r[i].Length).Prepend(c.Header.Length).Max()).ToArray();
        await context.Out.WriteLineAsync(Line(columns.Select(c => c.Header).ToArray()));
        foreach (var row in cells) await context.Out.WriteLineAsync(Line(row));

        string Line(string[] values) => string.Join("  ", values.Select((v, i) => i == values.Length - 1 ? v : v.PadRight(widths[i]))).TrimEnd();
    }

    /// <summary>One result: its JSON, or the sentence for people.</summary>
    public Task ItemAsync<T>(T item, string sentence) =>
        context.Out.WriteLineAsync(json ? JsonSerializer.Serialize(item, Json) : sentence);
}

using System.Text;

namespace VariantMiner.Application.Samples.Commands.ImportSamples;

/// <summary>
/// RFC 4180 CSV: comma-separated, fields in double quotes may hold commas, quotes ("") and line breaks; CRLF or LF.
/// The first record is the header. Each record keeps the line it starts on, for error messages.
/// </summary>
internal sealed class CsvTable
{
    public required IReadOnlyList<string> Header { get; init; }
    public required IReadOnlyList<(int Line, IReadOnlyList<string> Fields)> Rows { get; init; }

    /// <exception cref="FormatException">An unterminated quoted field, with its line.</exception>
    public static CsvTable Parse(string text)
    {
        var records = new List<(int Line, IReadOnlyList<string> Fields)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0; // a spreadsheet's byte-order mark
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0: quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add((recordLine, fields));
                    fields = [];
                    recordLine = ++line;
                    break;
                default: field.Append(c); break;
            }
        }
        if (quoted) throw new FormatException($"Line {recordLine}: a quoted field is not closed.");
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add((recordLine, fields));
        }
        records.RemoveAll(r => r.Fields.All(string.IsNullOrWhiteSpace)); // blank lines
        if (records.Count == 0) throw new FormatException("The file is empty: it needs a header line and at least one row.");
        return new CsvTable
        {
            Header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList(),
            Rows = records.Skip(1).ToList(),
        };
    }
}

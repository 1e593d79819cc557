namespace VariantMiner.Application.Common;

/// <summary>One cell of a CSV export.</summary>
public static class CsvCell
{
    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula.</summary>
    public static string Of(string value)
    {
        if (value.Length > 0 && "=+-@".Contains(value[0])) value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}

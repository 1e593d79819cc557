using System.Text;
using FluentValidation.Results;

namespace VariantMiner.Application.Common;

/// <summary>Opaque keyset cursors: URL-safe base64 of a few ':'-separated parts (parts must not contain ':').</summary>
public static class Cursor
{
    public static string Encode(params string[] parts) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join(':', parts))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string[] Decode(string cursor, int parts)
    {
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var result = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).Split(':');
            if (result.Length != parts) throw new FormatException();
            return result;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw Invalid();
        }
    }

    public static ValidationException Invalid() =>
        new([new ValidationFailure("cursor", "The cursor is not valid; start again without it.")]);

    public static string EncodeText(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static string DecodeText(string text)
    {
        try { return Encoding.UTF8.GetString(Convert.FromBase64String(text)); }
        catch (FormatException) { throw Invalid(); }
    }
}

/// <summary>Throws FluentValidation's exception for one field, so the host answers a 400 naming the field.</summary>
public static class Invalid
{
    public static ValidationException Field(string field, string message) => new([new ValidationFailure(field, message)]);
}

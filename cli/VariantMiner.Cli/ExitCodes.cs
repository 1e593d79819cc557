using System.Net;
using Microsoft.Kiota.Abstractions;
using VariantMiner.Sdk.Models;

namespace VariantMiner.Cli;

/// <summary>What <c>vm</c> returns to the shell, so a script can tell "sign in again" from "no such sample".</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Anything else: the server failed, the network, an analysis that did not complete (<c>--wait</c>).</summary>
    public const int Failed = 1;
    /// <summary>The command line itself is wrong (unknown command, missing option).</summary>
    public const int Usage = 2;
    /// <summary>Not signed in, or the token was refused (expired, revoked): run <c>vm login</c>.</summary>
    public const int NotSignedIn = 3;
    /// <summary>Signed in, but the role (or the organization's policy) does not allow it.</summary>
    public const int Forbidden = 4;
    /// <summary>No such thing — or one this credential may not see.</summary>
    public const int NotFound = 5;
    /// <summary>The server refused the input (validation, a conflict, a file of the wrong kind).</summary>
    public const int Rejected = 6;

    public static int ForStatus(int status) => status switch
    {
        401 => NotSignedIn,
        403 => Forbidden,
        404 or 410 => NotFound,
        >= 400 and < 500 => Rejected,
        _ => Failed,
    };
}

/// <summary>A failure to report on standard error with its exit code (never a stack trace).</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>The server's problem document as one readable line: its detail, the fields it names.</summary>
    public static CliException From(ApiException failure)
    {
        var known = Describe(failure);
        return failure.ResponseStatusCode == 401
            ? new(known.ExitCode, $"{known.Message} The token may have expired or been revoked: run vm login.")
            : known;
    }

    private static CliException Describe(ApiException failure) => failure switch
    {
        HttpValidationProblemDetails invalid => new(ExitCodes.ForStatus(failure.ResponseStatusCode), Invalid(invalid)),
        ProblemDetails problem => new(ExitCodes.ForStatus(failure.ResponseStatusCode), problem.Detail ?? problem.Title ?? Status(failure.ResponseStatusCode)),
        _ => new(ExitCodes.ForStatus(failure.ResponseStatusCode), Status(failure.ResponseStatusCode)),
    };

    public static string Status(int status) => status == 401
        ? "The server did not accept the credential (expired, revoked, or for another organization). Run vm login."
        : $"The server answered {status} ({(HttpStatusCode)status}).";

    /// <summary>The detail, then each field's messages that the detail does not already say.</summary>
    private static string Invalid(HttpValidationProblemDetails invalid)
    {
        var detail = invalid.Detail ?? invalid.Title ?? "The server refused the request.";
        var fields = (invalid.Errors?.AdditionalData ?? new Dictionary<string, object>())
            .Select(e => (e.Key, Text: Messages(e.Value)))
            .Where(e => !detail.Contains(e.Text, StringComparison.Ordinal))
            .Select(e => $"{e.Key}: {e.Text}");
        return string.Join(" ", fields.Prepend(detail));
    }

    private static string Messages(object value) => value switch
    {
        Microsoft.Kiota.Abstractions.Serialization.UntypedArray array => string.Join(" ", array.GetValue()
            .OfType<Microsoft.Kiota.Abstractions.Serialization.UntypedString>().Select(s => s.GetValue())),
        _ => value.ToString() ?? "",
    };
}

namespace VariantMiner.Application.Common.Exceptions;

/// <summary>An expected refusal whose message is safe to show; the web host maps each kind to an HTTP status.</summary>
public abstract class AppException(string message) : Exception(message);

/// <summary>No signed-in user where one is needed (401).</summary>
public class UnauthenticatedException(string message) : AppException(message)
{
    public UnauthenticatedException() : this("You need to sign in to do this.") { }
}

/// <summary>The password was right; a code of the account's authenticator app (or a recovery code) must follow (401, reason two-factor-required).</summary>
public sealed class TwoFactorRequiredException() : UnauthenticatedException(
    "Enter the code from your authenticator app to finish signing in.")
{
    public const string Reason = "two-factor-required";
}

/// <summary>Wrong e-mail or password, or a locked account (401); never says which.</summary>
public sealed class InvalidCredentialsException() : UnauthenticatedException(
    "The e-mail address or password is incorrect, or the account is locked for a while after repeated failures (its owner has been e-mailed).");

/// <summary>
/// The resource does not exist or the caller may not know that it exists (404). Organizations and workspaces
/// one is not part of answer exactly like missing ones, so they cannot be enumerated.
/// </summary>
public sealed class NotFoundException(string resource) : AppException($"{resource} was not found.");

/// <summary>Signed in and a member, but lacking a permission (403).</summary>
/// <param name="Reason">A machine-readable reason the SPA acts on (e.g. <c>email-unverified</c>); null for a plain refusal.</param>
public sealed class ForbiddenException(string message, string? reason = null) : AppException(message)
{
    public string? Reason { get; } = reason;
}

/// <summary>The request conflicts with the current state (409), e.g. a duplicate name.</summary>
public sealed class ConflictException(string message) : AppException(message);

/// <summary>The thing existed but is no longer usable, e.g. an expired or revoked invitation (410).</summary>
public sealed class GoneException(string message) : AppException(message);

/// <summary>
/// A refusal with its own HTTP status, where a protocol names one: 413 (too large), 415 (wrong body type), 422 (the
/// content is not what was declared), 460 (tus checksum mismatch).
/// </summary>
public sealed class RequestRefusedException(int status, string title, string message) : AppException(message)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}

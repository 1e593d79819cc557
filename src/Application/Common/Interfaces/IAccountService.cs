namespace VariantMiner.Application.Common.Interfaces;

public enum SignInOutcome
{
    Succeeded,
    /// <summary>Unknown address, wrong password or a locked account: the caller is told nothing more.</summary>
    Invalid,
    /// <summary>This very attempt locked the account: its owner is told by e-mail (the caller still sees Invalid).</summary>
    LockedNow,
    /// <summary>The password was right and the account has two-factor on: a second step with a code signs in.</summary>
    TwoFactorRequired,
    /// <summary>The password was right, but the account's organization signs its members in through the institution.</summary>
    SingleSignOnRequired,
}

/// <param name="RecoveryCodesLeft">Unused recovery codes (0 when two-factor is off).</param>
public sealed record TwoFactorStatus(bool Enabled, int RecoveryCodesLeft);

/// <param name="SharedKey">The key in base32, in groups of four (to type into an app).</param>
/// <param name="AuthenticatorUri">The <c>otpauth://totp/…</c> URI an app scans as a QR code.</param>
public sealed record TwoFactorSetup(string SharedKey, string AuthenticatorUri);

/// <param name="LockedUntil">Set with <see cref="SignInOutcome.LockedNow"/>.</param>
/// <param name="OrganizationId">Set with <see cref="SignInOutcome.SingleSignOnRequired"/>: the organization whose sign-in to use.</param>
public sealed record SignInAttempt(SignInOutcome Outcome, Guid? UserId, string? AccountEmail = null, DateTimeOffset? LockedUntil = null, Guid? OrganizationId = null);

/// <summary>Local accounts and the session cookie (ASP.NET Core Identity behind it).</summary>
public interface IAccountService
{
    /// <summary>Creates the account and signs it in. The first account of an empty installation is platform administrator.
    /// Throws ValidationException for a rejected password and ConflictException for a taken e-mail.</summary>
    Task<Guid> RegisterAsync(string email, string password, string displayName, CancellationToken cancellationToken);

    /// <summary>
    /// Checks the password and signs in. Unknown addresses and locked accounts cost a password hash too, so the three
    /// ways to fail take the same time and give the same answer.
    /// </summary>
    Task<SignInAttempt> PasswordSignInAsync(string email, string password, CancellationToken cancellationToken);

    /// <summary>A single-purpose token proving the owner of the account's e-mail address opened our link.</summary>
    Task<string> EmailVerificationTokenAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Marks the address verified when the token is valid for this account; false otherwise.</summary>
    Task<bool> VerifyEmailAsync(Guid userId, string token, CancellationToken cancellationToken);

    /// <summary>Ends the session and invalidates every other session of the user at once.</summary>
    Task SignOutAsync(Guid? userId, CancellationToken cancellationToken);

    Task SetDisplayNameAsync(Guid userId, string displayName, CancellationToken cancellationToken);

    /// <summary>
    /// Changes the password when <paramref name="currentPassword"/> is right (else a ValidationException on
    /// <c>currentPassword</c>; a rejected new one on <c>newPassword</c>). Every other session ends; this one is renewed.
    /// </summary>
    Task ChangePasswordAsync(Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken);

    Task<bool> CheckPasswordAsync(Guid userId, string password, CancellationToken cancellationToken);

    /// <summary>
    /// Re-authentication before a signature: the password is checked as at sign-in, so a wrong one counts towards the
    /// lockout (written with the caller's unit of work: it must complete, not throw, for the count to stay). False when it
    /// is wrong, the account is locked out, or it has no password (institution accounts).
    /// </summary>
    Task<bool> ConfirmPasswordAsync(Guid userId, string password, CancellationToken cancellationToken);

    /// <summary>A token proving the owner of <paramref name="newEmail"/> opened our link (bound to the account and that address).</summary>
    Task<string> EmailChangeTokenAsync(Guid userId, string newEmail, CancellationToken cancellationToken);

    /// <summary>Moves the account to the new, now verified, address when the token is valid; every session ends. False otherwise.</summary>
    Task<bool> ChangeEmailAsync(Guid userId, string newEmail, string token, CancellationToken cancellationToken);

    /// <summary>A single-use, expiring password-reset token; null when no account has this address.</summary>
    Task<(Guid UserId, string Token)?> PasswordResetTokenAsync(string email, CancellationToken cancellationToken);

    /// <summary>
    /// Sets a new password when the token is valid (it then stops working, as do all sessions), and lifts a lockout.
    /// False for an unknown, expired or used token; a ValidationException on <c>newPassword</c> for a rejected one.
    /// </summary>
    Task<bool> ResetPasswordAsync(Guid userId, string token, string newPassword, CancellationToken cancellationToken);

    Task<TwoFactorStatus> TwoFactorStatusAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>A new key waiting to be proven (two-factor stays as it is until then); ConflictException when already on.</summary>
    Task<TwoFactorSetup> BeginTwoFactorSetupAsync(Guid userId, string issuer, CancellationToken cancellationToken);

    /// <summary>
    /// Turns two-factor on when <paramref name="code"/> is the pending key's current code (else a ValidationException on
    /// <c>code</c>); answers ten recovery codes, kept only as hashes. Every other session ends.
    /// </summary>
    Task<IReadOnlyList<string>> EnableTwoFactorAsync(Guid userId, string code, CancellationToken cancellationToken);

    /// <summary>Turns two-factor off: the password and a code (or a recovery code) are needed (ValidationExceptions otherwise).</summary>
    Task DisableTwoFactorAsync(Guid userId, string password, string code, CancellationToken cancellationToken);

    /// <summary>Ten new recovery codes for a code of the app (the earlier ones stop working).</summary>
    Task<IReadOnlyList<string>> NewRecoveryCodesAsync(Guid userId, string code, CancellationToken cancellationToken);

    /// <summary>
    /// The second step of a sign-in whose password was right: a code of the app (each accepted once) or a recovery code
    /// (each once). Wrong codes count towards the lockout like wrong passwords. Invalid when no first step is pending.
    /// </summary>
    Task<SignInAttempt> SecondFactorSignInAsync(string? code, string? recoveryCode, CancellationToken cancellationToken);
}

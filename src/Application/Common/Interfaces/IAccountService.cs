namespace VariantMiner.Application.Common.Interfaces;

public enum SignInOutcome
{
    Succeeded,
    /// <summary>Unknown address, wrong password or a locked account: the caller is told nothing more.</summary>
    Invalid,
    /// <summary>This very attempt locked the account: its owner is told by e-mail (the caller still sees Invalid).</summary>
    LockedNow,
}

/// <param name="LockedUntil">Set with <see cref="SignInOutcome.LockedNow"/>.</param>
public sealed record SignInAttempt(SignInOutcome Outcome, Guid? UserId, string? AccountEmail = null, DateTimeOffset? LockedUntil = null);

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
}

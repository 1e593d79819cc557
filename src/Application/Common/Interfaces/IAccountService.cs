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
}

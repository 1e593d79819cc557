namespace VariantMiner.Application.Common.Interfaces;

public enum SignInOutcome
{
    Succeeded,
    Invalid,
    LockedOut,
}

/// <summary>Local accounts and the session cookie (ASP.NET Core Identity behind it).</summary>
public interface IAccountService
{
    /// <summary>Creates the account and signs it in. The first account of an empty installation is platform administrator.
    /// Throws ValidationException for a rejected password and ConflictException for a taken e-mail.</summary>
    Task<Guid> RegisterAsync(string email, string password, string displayName, CancellationToken cancellationToken);

    Task<(SignInOutcome Outcome, Guid? UserId)> PasswordSignInAsync(string email, string password, CancellationToken cancellationToken);

    /// <summary>Ends the session and invalidates every other session of the user at once.</summary>
    Task SignOutAsync(Guid? userId, CancellationToken cancellationToken);
}

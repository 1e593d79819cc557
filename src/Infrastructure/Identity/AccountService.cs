using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using VariantMiner.Application.Common.Exceptions;

namespace VariantMiner.Infrastructure.Identity;

internal sealed class AccountService(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, AppDbContext db, TimeProvider clock) : IAccountService
{
    public async Task<Guid> RegisterAsync(string email, string password, string displayName, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email) is not null)
            throw new ConflictException("An account with this e-mail address already exists. Sign in instead.");

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            DisplayName = displayName,
            CreatedAt = clock.GetUtcNow(),
            // The first account of an empty installation administers the platform.
            IsPlatformAdmin = !await users.Users.AnyAsync(cancellationToken),
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail"))
                throw new ConflictException("An account with this e-mail address already exists. Sign in instead.");
            throw new ValidationException(result.Errors.Select(e => new ValidationFailure(FieldOf(e.Code), e.Description)));
        }
        await signIn.SignInAsync(user, isPersistent: false);
        return user.Id;
    }

    /// <summary>A hash of a random password, so a failure without an account to check costs what a real check costs.</summary>
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    public async Task<SignInAttempt> PasswordSignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            users.PasswordHasher.VerifyHashedPassword(new ApplicationUser(), DecoyHash.Value, password);
            return new SignInAttempt(SignInOutcome.Invalid, null);
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return new SignInAttempt(SignInOutcome.LockedNow, user.Id, user.Email, await users.GetLockoutEndDateAsync(user));
        if (!result.Succeeded) return new SignInAttempt(SignInOutcome.Invalid, null);
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new System.Security.Claims.Claim("amr", "pwd")]);
        // Last login, per membership: shown in every organization's User Management table.
        await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastLoginAt, clock.GetUtcNow()), cancellationToken);
        return new SignInAttempt(SignInOutcome.Succeeded, user.Id);
    }

    public async Task<string> EmailVerificationTokenAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new UnauthenticatedException();
        return await users.GenerateEmailConfirmationTokenAsync(user);
    }

    public async Task<bool> VerifyEmailAsync(Guid userId, string token, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(userId.ToString()) is not { } user) return false;
        return (await users.ConfirmEmailAsync(user, token)).Succeeded;
    }

    public async Task SignOutAsync(Guid? userId, CancellationToken cancellationToken)
    {
        if (userId is { } id && await users.FindByIdAsync(id.ToString()) is { } user)
        {
            // A new security stamp kills every cookie issued before it (validated on each request).
            await users.UpdateSecurityStampAsync(user);
        }
        await signIn.SignOutAsync();
    }

    private static string FieldOf(string identityErrorCode) => identityErrorCode switch
    {
        _ when identityErrorCode.StartsWith("Password", StringComparison.Ordinal) => "password",
        _ when identityErrorCode.Contains("Email", StringComparison.Ordinal) || identityErrorCode.Contains("UserName", StringComparison.Ordinal) => "email",
        _ => "",
    };
}

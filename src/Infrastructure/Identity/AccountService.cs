using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using VariantMiner.Application.Common.Exceptions;
using VariantMiner.Application.Common.Interfaces;
using VariantMiner.Infrastructure.Persistence;

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

    public async Task<(SignInOutcome Outcome, Guid? UserId)> PasswordSignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null) return (SignInOutcome.Invalid, null);
        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut) return (SignInOutcome.LockedOut, null);
        if (!result.Succeeded) return (SignInOutcome.Invalid, null);
        // Last login, per membership: shown in every organization's User Management table.
        await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastLoginAt, clock.GetUtcNow()), cancellationToken);
        return (SignInOutcome.Succeeded, user.Id);
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

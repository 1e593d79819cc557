using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using VariantMiner.Application.Common.Exceptions;

namespace VariantMiner.Infrastructure.Identity;

internal sealed partial class AccountService(
    UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn, AppDbContext db, TimeProvider clock,
    Microsoft.AspNetCore.DataProtection.IDataProtectionProvider protection, VariantMiner.Application.SingleSignOn.ISingleSignOnDirectory directory) : IAccountService
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
        await SignInSessionAsync(user, ["pwd"], password.Length);
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
        if (await directory.RequiredForAsync(user.Id, user.Email!, cancellationToken) is { } institution)
            return new SignInAttempt(SignInOutcome.SingleSignOnRequired, user.Id, OrganizationId: institution);
        if (user.TwoFactorEnabled)
        {
            // Only a short-lived cookie naming the account (Identity's two-factor scheme): it opens nothing but the second step.
            await signIn.Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(new ClaimsIdentity(
                [new Claim(ClaimTypes.Name, user.Id.ToString()), new Claim(VariantMinerClaims.PasswordLength, password.Length.ToString(CultureInfo.InvariantCulture))],
                IdentityConstants.TwoFactorUserIdScheme)));
            return new SignInAttempt(SignInOutcome.TwoFactorRequired, user.Id);
        }
        await SignedInAsync(user, ["pwd"], password.Length, cancellationToken);
        return new SignInAttempt(SignInOutcome.Succeeded, user.Id);
    }

    private async Task SignedInAsync(ApplicationUser user, string[] methods, int? passwordLength, CancellationToken cancellationToken,
        Guid? singleSignOnOrganization = null)
    {
        await SignInSessionAsync(user, methods, passwordLength, singleSignOnOrganization);
        // Last login, per membership: shown in every organization's User Management table.
        await db.Memberships.IgnoreQueryFilters().Where(m => m.UserId == user.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LastLoginAt, clock.GetUtcNow()), cancellationToken);
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

    public async Task SetDisplayNameAsync(Guid userId, string displayName, CancellationToken cancellationToken)
    {
        var user = await UserAsync(userId);
        user.DisplayName = displayName.Trim();
        Check(await users.UpdateAsync(user), "displayName");
    }

    public async Task ChangePasswordAsync(Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken)
    {
        var user = await UserAsync(userId);
        if (!await users.CheckPasswordAsync(user, currentPassword))
            throw new ValidationException([new ValidationFailure("currentPassword", "The current password is not right.")]);
        // A new security stamp: every session issued before it ends; this browser gets a fresh cookie.
        Check(await users.ChangePasswordAsync(user, currentPassword, newPassword), "newPassword");
        await SignInSessionAsync(user, SessionMethods(), newPassword.Length, SessionSingleSignOnOrganization());
    }

    public async Task<bool> CheckPasswordAsync(Guid userId, string password, CancellationToken cancellationToken) =>
        await users.CheckPasswordAsync(await UserAsync(userId), password);

    public async Task<bool> ConfirmPasswordAsync(Guid userId, string password, CancellationToken cancellationToken)
    {
        var user = await UserAsync(userId);
        if (await users.IsLockedOutAsync(user) || !await users.HasPasswordAsync(user)) return false;
        return (await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true)).Succeeded;
    }

    public async Task<string> EmailChangeTokenAsync(Guid userId, string newEmail, CancellationToken cancellationToken) =>
        await users.GenerateChangeEmailTokenAsync(await UserAsync(userId), newEmail);

    public async Task<bool> ChangeEmailAsync(Guid userId, string newEmail, string token, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(userId.ToString()) is not { } user) return false;
        if (await users.FindByEmailAsync(newEmail) is { } holder && holder.Id != userId)
            throw new ConflictException("Another account uses this e-mail address now.");
        var changed = await users.ChangeEmailAsync(user, newEmail, token); // confirms the address and renews the security stamp
        if (!changed.Succeeded) return false;
        Check(await users.SetUserNameAsync(user, newEmail), "email");
        return true;
    }

    public async Task<(Guid UserId, string Token)?> PasswordResetTokenAsync(string email, CancellationToken cancellationToken)
    {
        if (await users.FindByEmailAsync(email) is not { } user) return null;
        return (user.Id, await users.GeneratePasswordResetTokenAsync(user));
    }

    public async Task<bool> ResetPasswordAsync(Guid userId, string token, string newPassword, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(userId.ToString()) is not { } user) return false;
        if (!await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<ApplicationUser>.ResetPasswordTokenPurpose, token))
            return false;
        Check(await users.ResetPasswordAsync(user, token, newPassword), "newPassword"); // renews the stamp: the link and all sessions stop working
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return true;
    }

    /// <summary>
    /// Issues the session cookie with how it was opened: the methods, the time, the password's length (what an
    /// organization's security policy checks; <see cref="VariantMinerClaims"/>).
    /// </summary>
    private Task SignInSessionAsync(ApplicationUser user, IEnumerable<string> methods, int? passwordLength, Guid? singleSignOnOrganization = null)
    {
        var claims = methods.Distinct().Select(m => new Claim(VariantMinerClaims.AuthenticationMethod, m)).ToList();
        claims.Add(new Claim(VariantMinerClaims.SignedInAt, clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        if (passwordLength is { } length) claims.Add(new Claim(VariantMinerClaims.PasswordLength, length.ToString(CultureInfo.InvariantCulture)));
        if (singleSignOnOrganization is { } organization) claims.Add(new Claim(VariantMinerClaims.SingleSignOnOrganization, organization.ToString()));
        return signIn.SignInWithClaimsAsync(user, isPersistent: false, claims);
    }

    /// <summary>The methods the current session was opened with (a renewed cookie keeps them).</summary>
    private string[] SessionMethods() =>
        signIn.Context.User.FindAll(VariantMinerClaims.AuthenticationMethod).Select(c => c.Value).DefaultIfEmpty("pwd").ToArray();

    private Guid? SessionSingleSignOnOrganization() =>
        Guid.TryParse(signIn.Context.User.FindFirstValue(VariantMinerClaims.SingleSignOnOrganization), out var organization) ? organization : null;

    private int? SessionPasswordLength() =>
        int.TryParse(signIn.Context.User.FindFirstValue(VariantMinerClaims.PasswordLength), CultureInfo.InvariantCulture, out var length) ? length : null;

    private async Task<ApplicationUser> UserAsync(Guid userId) =>
        await users.FindByIdAsync(userId.ToString()) ?? throw new UnauthenticatedException();

    private static void Check(IdentityResult result, string field)
    {
        if (!result.Succeeded) throw new ValidationException(result.Errors.Select(e => new ValidationFailure(field, e.Description)));
    }

    private static string FieldOf(string identityErrorCode) => identityErrorCode switch
    {
        _ when identityErrorCode.StartsWith("Password", StringComparison.Ordinal) => "password",
        _ when identityErrorCode.Contains("Email", StringComparison.Ordinal) || identityErrorCode.Contains("UserName", StringComparison.Ordinal) => "email",
        _ => "",
    };
}

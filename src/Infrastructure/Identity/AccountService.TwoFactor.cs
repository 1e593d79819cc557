using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using VariantMiner.Application.Common.Exceptions;

namespace VariantMiner.Infrastructure.Identity;

/// <summary>Two-factor sign-in with an authenticator app (TOTP, <see cref="Totp"/>) and single-use recovery codes.</summary>
internal sealed partial class AccountService
{
    private const int RecoveryCodeCount = 10;

    private IDataProtector KeyProtector => protection.CreateProtector("VariantMiner.TwoFactor.Key.v1");

    public async Task<TwoFactorStatus> TwoFactorStatusAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await UserAsync(userId);
        return new TwoFactorStatus(user.TwoFactorEnabled, user.TwoFactorEnabled ? RecoveryHashes(user).Count : 0);
    }

    public async Task<TwoFactorSetup> BeginTwoFactorSetupAsync(Guid userId, string issuer, CancellationToken cancellationToken)
    {
        var user = await UserAsync(userId);
        if (user.TwoFactorEnabled) throw new ConflictException("Two-factor sign-in is on already. Turn it off first to move to another app.");
        var key = Totp.ToBase32(Totp.NewKey());
        user.PendingTotpKey = KeyProtector.Protect(key);
        Check(await users.UpdateAsync(user), "code");
        var label = Uri.EscapeDataString($"{issuer}:{user.Email}");
        var uri = $"otpauth://totp/{label}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Totp.Digits}&period={Totp.StepSeconds}";
        return new TwoFactorSetup(string.Join(' ', key.Chunk(4).Select(c => new string(c))), uri);
    }

    public async Task<IReadOnlyList<string>> EnableTwoFactorAsync(Guid userId, string code, CancellationToken cancellationToken)
    {
        var user = await UserAsync(userId);
        if (user.TwoFactorEnabled) throw new ConflictException("Two-factor sign-in is on already.");
        if (user.PendingTotpKey is null) throw new ConflictException("Start the setup first: no new key is waiting for a code.");
        if (Totp.Match(Key(user.PendingTotpKey), code, clock.GetUtcNow()) is not { } step)
            throw Invalid("code", "That code is not right. Check that your phone's clock is right and enter the code the app shows now.");
        (user.TotpKey, user.PendingTotpKey, user.TotpLastStep) = (user.PendingTotpKey, null, step);
        var codes = NewRecoveryCodes(user);
        user.TwoFactorEnabled = true;
        Check(await users.UpdateAsync(user), "code");
        // Sessions signed in with the password alone end; this browser gets a fresh cookie.
        await users.UpdateSecurityStampAsync(user);
        await SignInSessionAsync(user, [.. SessionMethods(), "otp"], SessionPasswordLength(), SessionSingleSignOnOrganization());
        return codes;
    }

    public async Task DisableTwoFactorAsync(Guid userId, string password, string code, CancellationToken cancellationToken)
    {
        var user = await UserAsync(userId);
        if (!user.TwoFactorEnabled) throw new ConflictException("Two-factor sign-in is off already.");
        if (!await users.CheckPasswordAsync(user, password)) throw Invalid("password", "The password is not right.");
        if (!AcceptCode(user, code) && !AcceptRecoveryCode(user, code)) throw Invalid("code", "That code is not right, or it was used already.");
        (user.TwoFactorEnabled, user.TotpKey, user.PendingTotpKey, user.TotpLastStep, user.RecoveryCodeHashes) = (false, null, null, null, null);
        Check(await users.UpdateAsync(user), "code");
    }

    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(Guid userId, string code, CancellationToken cancellationToken)
    {
        var user = await UserAsync(userId);
        if (!user.TwoFactorEnabled) throw new ConflictException("Two-factor sign-in is off: there are no recovery codes to renew.");
        if (!AcceptCode(user, code)) throw Invalid("code", "That code is not right, or it was used already. Enter the code the app shows now.");
        var codes = NewRecoveryCodes(user);
        Check(await users.UpdateAsync(user), "code");
        return codes;
    }

    public async Task<SignInAttempt> SecondFactorSignInAsync(string? code, string? recoveryCode, CancellationToken cancellationToken)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { TwoFactorEnabled: true } user || await users.IsLockedOutAsync(user))
            return new SignInAttempt(SignInOutcome.Invalid, null);
        var pending = await signIn.Context.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        int? passwordLength = int.TryParse(pending.Principal?.FindFirst(VariantMinerClaims.PasswordLength)?.Value, out var length) ? length : null;
        var accepted = code is { Length: > 0 } ? AcceptCode(user, code) : recoveryCode is { Length: > 0 } && AcceptRecoveryCode(user, recoveryCode);
        // The concurrency stamp makes two requests racing with one code save only once: the other is refused.
        if (accepted && (await users.UpdateAsync(user)).Succeeded)
        {
            await users.ResetAccessFailedCountAsync(user);
            await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            await SignedInAsync(user, ["pwd", code is { Length: > 0 } ? "otp" : "kba"], passwordLength, cancellationToken);
            return new SignInAttempt(SignInOutcome.Succeeded, user.Id);
        }
        user = await UserAsync(user.Id);
        await users.AccessFailedAsync(user);
        if (!await users.IsLockedOutAsync(user)) return new SignInAttempt(SignInOutcome.Invalid, null);
        await signIn.Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        return new SignInAttempt(SignInOutcome.LockedNow, user.Id, user.Email, await users.GetLockoutEndDateAsync(user));
    }

    private byte[] Key(string protectedKey) => Totp.FromBase32(KeyProtector.Unprotect(protectedKey));

    /// <summary>A code of the app not used before (its time step after the last accepted one); records the step.</summary>
    private bool AcceptCode(ApplicationUser user, string code)
    {
        if (user.TotpKey is null || Totp.Match(Key(user.TotpKey), code, clock.GetUtcNow()) is not { } step || step <= (user.TotpLastStep ?? long.MinValue)) return false;
        user.TotpLastStep = step;
        return true;
    }

    /// <summary>One of the unused recovery codes (spaces, dashes and case ignored); it is spent.</summary>
    private static bool AcceptRecoveryCode(ApplicationUser user, string code)
    {
        var hashes = RecoveryHashes(user);
        if (!hashes.Remove(RecoveryHash(code))) return false;
        user.RecoveryCodeHashes = string.Join(';', hashes);
        return true;
    }

    private static List<string> NewRecoveryCodes(ApplicationUser user)
    {
        // 10 characters of base32 (50 bits), shown as xxxxx-xxxxx.
        var codes = Enumerable.Range(0, RecoveryCodeCount)
            .Select(_ => Totp.ToBase32(RandomNumberGenerator.GetBytes(7))[..10].ToLowerInvariant())
            .Select(c => $"{c[..5]}-{c[5..]}").ToList();
        user.RecoveryCodeHashes = string.Join(';', codes.Select(RecoveryHash));
        return codes;
    }

    private static List<string> RecoveryHashes(ApplicationUser user) =>
        (user.RecoveryCodeHashes ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string RecoveryHash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(new string(code.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant())));

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using VariantMiner.Application.Common.Exceptions;
using VariantMiner.Application.SingleSignOn;
using VariantMiner.Infrastructure.Identity.SingleSignOn;

namespace VariantMiner.Infrastructure.Identity;

/// <summary>Institution sign-in's side of the accounts: the link by (issuer, subject) in Identity's user logins, and the session.</summary>
internal sealed partial class AccountService : IExternalAccounts
{
    public async Task<ExternalIdentity?> PendingAsync(CancellationToken cancellationToken)
    {
        var result = await signIn.Context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        if (!result.Succeeded || result.Principal is not { } principal) return null;
        if (!Guid.TryParse(principal.FindFirstValue(SingleSignOnSchemes.OrganizationClaim), out var organizationId)
            || principal.FindFirstValue(SingleSignOnSchemes.IssuerClaim) is not { Length: > 0 } issuer
            || principal.FindFirstValue("sub") is not { Length: > 0 } subject) return null;
        var email = principal.FindFirstValue("email")?.Trim();
        var verified = bool.TryParse(principal.FindFirstValue("email_verified"), out var v) && v;
        return new ExternalIdentity(organizationId, issuer, subject, string.IsNullOrEmpty(email) ? null : email, verified, principal.FindFirstValue("name"));
    }

    public async Task<Guid?> FindLinkedAsync(string issuer, string subject, CancellationToken cancellationToken) =>
        (await users.FindByLoginAsync(issuer, subject))?.Id;

    public async Task<Guid> CreateLinkedAsync(ExternalIdentity identity, CancellationToken cancellationToken)
    {
        var email = identity.Email ?? throw new InvalidOperationException("An account needs the provider's e-mail address.");
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(identity.Name) ? email[..email.IndexOf('@')] : identity.Name.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded)
        {
            if (created.Errors.Any(e => e.Code is "DuplicateUserName" or "DuplicateEmail"))
                throw new ConflictException("An account with this e-mail address was just created. Sign in again.");
            Check(created, "email");
        }
        Check(await users.AddLoginAsync(user, new UserLoginInfo(identity.Issuer, identity.Subject, "Institution sign-in")), "email");
        return user.Id;
    }

    public async Task<SignInAttempt> LinkWithPasswordAsync(ExternalIdentity identity, string password, string? code, CancellationToken cancellationToken)
    {
        var user = identity.Email is null ? null : await users.FindByEmailAsync(identity.Email);
        if (user is null || await users.IsLockedOutAsync(user))
        {
            users.PasswordHasher.VerifyHashedPassword(new ApplicationUser(), DecoyHash.Value, password);
            return new SignInAttempt(SignInOutcome.Invalid, null);
        }
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut) return new SignInAttempt(SignInOutcome.LockedNow, user.Id, user.Email, await users.GetLockoutEndDateAsync(user));
        if (!result.Succeeded) return new SignInAttempt(SignInOutcome.Invalid, null);
        if (user.TwoFactorEnabled)
        {
            // The password alone must not take an account whose owner asked for a second factor.
            if (string.IsNullOrWhiteSpace(code)) return new SignInAttempt(SignInOutcome.TwoFactorRequired, user.Id);
            if (!((AcceptCode(user, code) || AcceptRecoveryCode(user, code)) && (await users.UpdateAsync(user)).Succeeded))
            {
                user = await UserAsync(user.Id);
                await users.AccessFailedAsync(user);
                return await users.IsLockedOutAsync(user)
                    ? new SignInAttempt(SignInOutcome.LockedNow, user.Id, user.Email, await users.GetLockoutEndDateAsync(user))
                    : new SignInAttempt(SignInOutcome.Invalid, null);
            }
        }
        if (!(await users.AddLoginAsync(user, new UserLoginInfo(identity.Issuer, identity.Subject, "Institution sign-in"))).Succeeded)
            return new SignInAttempt(SignInOutcome.Invalid, null);
        return new SignInAttempt(SignInOutcome.Succeeded, user.Id);
    }

    public async Task<bool> SignInAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken)
    {
        var user = await UserAsync(userId);
        await signIn.Context.SignOutAsync(IdentityConstants.ExternalScheme);
        if (await users.IsLockedOutAsync(user)) return false;
        await SignedInAsync(user, [VariantMinerClaims.FederatedMethod], null, cancellationToken, organizationId);
        return true;
    }
}

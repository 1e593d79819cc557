using Microsoft.Extensions.Options;
using VariantMiner.Application.Users;
using VariantMiner.Application.Users.Queries.GetCurrentUser;

namespace VariantMiner.Application.SingleSignOn;

/// <param name="Method">"sso": continue at the institution's provider (<paramref name="OrganizationId"/>); "password" otherwise.</param>
/// <param name="Required">The institution's members cannot sign in with a password.</param>
public sealed record SignInMethodDto(string Method, Guid? OrganizationId, string? OrganizationName, bool Required);

/// <summary>
/// Which sign-in an e-mail address uses (the sign-in page asks before the password): its domain's institution, if one
/// serves it. It says nothing about whether an account exists.
/// </summary>
public sealed record FindSignInMethod(string Email) : IQuery<SignInMethodDto>, IAllowAnonymous;

public sealed class FindSignInMethodValidator : AbstractValidator<FindSignInMethod>
{
    public FindSignInMethodValidator() => RuleFor(q => q.Email).NotEmpty().MaximumLength(256);
}

public sealed class FindSignInMethodHandler(ISingleSignOnDirectory directory) : IQueryHandler<FindSignInMethod, SignInMethodDto>
{
    public async ValueTask<SignInMethodDto> Handle(FindSignInMethod query, CancellationToken cancellationToken) =>
        await directory.FindByEmailAsync(query.Email.Trim(), cancellationToken) is ({ Enabled: true } connection, var name)
            ? new SignInMethodDto("sso", connection.OrganizationId, name, connection.Required)
            : new SignInMethodDto("password", null, null, false);
}

public enum InstitutionSignInResult
{
    SignedIn,
    /// <summary>An account with the provider's address exists and is not linked: its owner proves the password to link it.</summary>
    LinkRequired,
    Refused,
}

/// <param name="Reason">With <see cref="InstitutionSignInResult.Refused"/>: why, as a code the sign-in page explains.</param>
public sealed record InstitutionSignInOutcome(InstitutionSignInResult Result, string? Email = null, string? Reason = null);

/// <summary>Refusal codes of an institution sign-in (the sign-in page words them).</summary>
public static class InstitutionSignInRefusals
{
    public const string Expired = "expired";
    public const string EmailUnverified = "email-unverified";
    public const string OtherDomain = "other-domain";
    public const string NotInvited = "not-invited";
    public const string Locked = "locked";
    /// <summary>A password sign-in of a member whose organization requires its institution's sign-in (403 reason).</summary>
    public const string Required = "sso-required";
}

/// <summary>
/// Ends an institution sign-in, after the provider answered and its ID token was checked (signature, issuer, audience,
/// nonce, expiry — by the OpenID Connect handler). The account is the one linked to (issuer, subject); an account is
/// never chosen by its e-mail address alone: one that exists unlinked must prove its password first (no silent takeover).
/// A new person of the institution's domains gets an account when the organization lets people join on first sign-in
/// (or invited them); joining gives the default role.
/// </summary>
public sealed record CompleteInstitutionSignIn(Guid OrganizationId) : ICommand<InstitutionSignInOutcome>, IAllowAnonymous, IOutsideTransaction;

public sealed class CompleteInstitutionSignInHandler(IExternalAccounts external, IUserAccounts users, ISingleSignOnDirectory directory, InstitutionMembership membership)
    : ICommandHandler<CompleteInstitutionSignIn, InstitutionSignInOutcome>
{
    public async ValueTask<InstitutionSignInOutcome> Handle(CompleteInstitutionSignIn command, CancellationToken cancellationToken)
    {
        if (await external.PendingAsync(cancellationToken) is not { } identity || identity.OrganizationId != command.OrganizationId
            || await directory.FindAsync(command.OrganizationId, cancellationToken) is not { Enabled: true } connection || connection.Issuer != identity.Issuer)
            return new(InstitutionSignInResult.Refused, Reason: InstitutionSignInRefusals.Expired);

        var userId = await external.FindLinkedAsync(identity.Issuer, identity.Subject, cancellationToken);
        if (userId is null)
        {
            if (identity.Email is null || !identity.EmailVerified) return new(InstitutionSignInResult.Refused, Reason: InstitutionSignInRefusals.EmailUnverified);
            if (!connection.Covers(identity.Email)) return new(InstitutionSignInResult.Refused, identity.Email, InstitutionSignInRefusals.OtherDomain);
            if (await users.FindByEmailAsync(identity.Email, cancellationToken) is not null) return new(InstitutionSignInResult.LinkRequired, identity.Email);
            if (!connection.JustInTimeMembership && !await directory.HasPendingInvitationAsync(connection.OrganizationId, identity.Email, cancellationToken))
                return new(InstitutionSignInResult.Refused, identity.Email, InstitutionSignInRefusals.NotInvited);
            userId = await external.CreateLinkedAsync(identity, cancellationToken);
        }
        return await membership.SignInAsync(connection, userId.Value, cancellationToken);
    }
}

/// <summary>
/// The second half of an institution sign-in that found an unlinked account with the provider's address: its owner proves
/// the password (and a code when two-factor is on), the account is linked to the provider's (issuer, subject) and signed in.
/// </summary>
public sealed record LinkInstitutionAccount(string Password, string? Code) : ICommand<CurrentUserDto>, IAllowAnonymous, IOutsideTransaction;

public sealed class LinkInstitutionAccountValidator : AbstractValidator<LinkInstitutionAccount>
{
    public LinkInstitutionAccountValidator()
    {
        RuleFor(c => c.Password).NotEmpty().MaximumLength(1024);
        RuleFor(c => c.Code).MaximumLength(32);
    }
}

public sealed class LinkInstitutionAccountHandler(
    IExternalAccounts external, IUserAccounts users, ISingleSignOnDirectory directory, InstitutionMembership membership,
    IOptions<OrganizationOptions> options, IApplicationDbContext db, TimeProvider clock)
    : ICommandHandler<LinkInstitutionAccount, CurrentUserDto>
{
    public async ValueTask<CurrentUserDto> Handle(LinkInstitutionAccount command, CancellationToken cancellationToken)
    {
        if (await external.PendingAsync(cancellationToken) is not { Email: not null, EmailVerified: true } identity
            || await directory.FindAsync(identity.OrganizationId, cancellationToken) is not { Enabled: true } connection
            || connection.Issuer != identity.Issuer || !connection.Covers(identity.Email))
            throw new UnauthenticatedException("The institution sign-in has expired. Start again from the sign-in page.");
        var (outcome, userId, accountEmail, lockedUntil, _) = await external.LinkWithPasswordAsync(identity, command.Password, command.Code, cancellationToken);
        if (outcome == SignInOutcome.LockedNow)
        {
            var now = clock.GetUtcNow();
            db.Outbox.Add(AccountMail.LockedOut(accountEmail!, lockedUntil ?? now, now));
            await db.SaveChangesAsync(cancellationToken);
        }
        if (outcome == SignInOutcome.TwoFactorRequired) throw new TwoFactorRequiredException();
        if (outcome != SignInOutcome.Succeeded || userId is null)
            throw new UnauthenticatedException("The password (or the code) is not right, or the account is locked for a while after repeated failures.");
        if ((await membership.SignInAsync(connection, userId.Value, cancellationToken)).Result != InstitutionSignInResult.SignedIn)
            throw new InvalidCredentialsException();
        return CurrentUserDto.From((await users.FindAsync(userId.Value, cancellationToken))!, options.Value);
    }
}

/// <summary>Signs the person in through the institution and, when the organization lets people join on first sign-in, makes them a member.</summary>
public sealed class InstitutionMembership(IExternalAccounts external, ISingleSignOnDirectory directory, IMembershipLookup memberships, IApplicationDbContext db, TimeProvider clock)
{
    public async Task<InstitutionSignInOutcome> SignInAsync(SingleSignOnConnection connection, Guid userId, CancellationToken cancellationToken)
    {
        if (connection.JustInTimeMembership && !await directory.IsMemberAsync(connection.OrganizationId, userId, cancellationToken)
            && await directory.FindRoleAsync(connection.OrganizationId, connection.DefaultRoleId, cancellationToken) is { } role
            && !role.IsSupervisor && await CanStillGiveAsync(connection, role, cancellationToken))
        {
            var now = clock.GetUtcNow();
            var joined = new Membership(connection.OrganizationId, userId, role.Id, now);
            joined.RecordLogin(now);
            db.Memberships.Add(joined);
            await db.SaveChangesAsync(cancellationToken);
        }
        return await external.SignInAsync(userId, connection.OrganizationId, cancellationToken)
            ? new(InstitutionSignInResult.SignedIn)
            : new(InstitutionSignInResult.Refused, Reason: InstitutionSignInRefusals.Locked);
    }

    /// <summary>Whoever set the connection up must, today, still be allowed to give its default role (as with an invitation's issuer).</summary>
    private async Task<bool> CanStillGiveAsync(SingleSignOnConnection connection, Role role, CancellationToken cancellationToken) =>
        await memberships.FindAsync(connection.ConfiguredBy, connection.OrganizationId, cancellationToken) is { } issuer
        && role.RefusalToAssignBy(issuer.IsSupervisor, issuer.Permissions) is null;
}

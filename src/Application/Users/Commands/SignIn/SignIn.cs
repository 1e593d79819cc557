using Microsoft.Extensions.Options;
using VariantMiner.Application.Users.Queries.GetCurrentUser;

namespace VariantMiner.Application.Users.Commands.SignIn;

public sealed record SignIn(string Email, string Password) : ICommand<CurrentUserDto>, IAllowAnonymous, IOutsideTransaction;

public sealed class SignInValidator : AbstractValidator<SignIn>
{
    public SignInValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(256);
        RuleFor(r => r.Password).NotEmpty().MaximumLength(1024);
    }
}

/// <summary>
/// Signs in with a password (refused with 403, reason sso-required, for members of an organization that requires its
/// institution's sign-in — only once the password was right, so it tells a stranger nothing). Every failure — unknown address, wrong password, locked account — is the same 401 in the same time, so the
/// answer does not tell whether an account exists; the owner of an account that just got locked is told by e-mail.
/// </summary>
public sealed class SignInHandler(
    IOptions<OrganizationOptions> options, IAccountService accounts, IUserAccounts users, IApplicationDbContext db, TimeProvider clock)
    : ICommandHandler<SignIn, CurrentUserDto>
{
    public async ValueTask<CurrentUserDto> Handle(SignIn command, CancellationToken cancellationToken)
    {
        var (outcome, userId, accountEmail, lockedUntil, _) = await accounts.PasswordSignInAsync(command.Email.Trim(), command.Password, cancellationToken);
        if (outcome == SignInOutcome.LockedNow)
        {
            var now = clock.GetUtcNow();
            db.Outbox.Add(AccountMail.LockedOut(accountEmail!, lockedUntil ?? now, now));
            await db.SaveChangesAsync(cancellationToken);
        }
        if (outcome == SignInOutcome.TwoFactorRequired) throw new TwoFactorRequiredException();
        if (outcome == SignInOutcome.SingleSignOnRequired)
            throw new ForbiddenException("Your organization signs its members in through your institution: continue with your institution's account instead of a password.",
                SingleSignOn.InstitutionSignInRefusals.Required);
        if (outcome != SignInOutcome.Succeeded || userId is null) throw new InvalidCredentialsException();
        var account = await users.FindAsync(userId.Value, cancellationToken) ?? throw new InvalidCredentialsException();
        return CurrentUserDto.From(account, options.Value);
    }
}

/// <summary>
/// The second step of signing in, after a password answered "two-factor-required": a 6-digit code of the authenticator
/// app, or one of the recovery codes. Wrong codes count towards the lockout (the owner is told by e-mail when it locks);
/// every failure is the same 401.
/// </summary>
public sealed record SignInSecondFactor(string? Code, string? RecoveryCode) : ICommand<CurrentUserDto>, IAllowAnonymous, IOutsideTransaction;

public sealed class SignInSecondFactorValidator : AbstractValidator<SignInSecondFactor>
{
    public SignInSecondFactorValidator()
    {
        RuleFor(r => r).Must(r => string.IsNullOrWhiteSpace(r.Code) != string.IsNullOrWhiteSpace(r.RecoveryCode))
            .WithName("code").WithMessage("Enter the code from your authenticator app, or one recovery code.");
        RuleFor(r => r.Code).MaximumLength(16);
        RuleFor(r => r.RecoveryCode).MaximumLength(32);
    }
}

public sealed class SignInSecondFactorHandler(
    IOptions<OrganizationOptions> options, IAccountService accounts, IUserAccounts users, IApplicationDbContext db, TimeProvider clock)
    : ICommandHandler<SignInSecondFactor, CurrentUserDto>
{
    public async ValueTask<CurrentUserDto> Handle(SignInSecondFactor command, CancellationToken cancellationToken)
    {
        var (outcome, userId, accountEmail, lockedUntil, _) = await accounts.SecondFactorSignInAsync(command.Code, command.RecoveryCode, cancellationToken);
        if (outcome == SignInOutcome.LockedNow)
        {
            var now = clock.GetUtcNow();
            db.Outbox.Add(AccountMail.LockedOut(accountEmail!, lockedUntil ?? now, now));
            await db.SaveChangesAsync(cancellationToken);
        }
        if (outcome != SignInOutcome.Succeeded || userId is null) throw new UnauthenticatedException("That code is not right, or it was used already. Sign in again if this keeps happening.");
        var account = await users.FindAsync(userId.Value, cancellationToken) ?? throw new InvalidCredentialsException();
        return CurrentUserDto.From(account, options.Value);
    }
}

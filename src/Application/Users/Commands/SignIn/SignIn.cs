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
/// Signs in. Every failure — unknown address, wrong password, locked account — is the same 401 in the same time, so the
/// answer does not tell whether an account exists; the owner of an account that just got locked is told by e-mail.
/// </summary>
public sealed class SignInHandler(
    IOptions<OrganizationOptions> options, IAccountService accounts, IUserAccounts users, IApplicationDbContext db, TimeProvider clock)
    : ICommandHandler<SignIn, CurrentUserDto>
{
    public async ValueTask<CurrentUserDto> Handle(SignIn command, CancellationToken cancellationToken)
    {
        var (outcome, userId, accountEmail, lockedUntil) = await accounts.PasswordSignInAsync(command.Email.Trim(), command.Password, cancellationToken);
        if (outcome == SignInOutcome.LockedNow)
        {
            var now = clock.GetUtcNow();
            db.Outbox.Add(AccountMail.LockedOut(accountEmail!, lockedUntil ?? now, now));
            await db.SaveChangesAsync(cancellationToken);
        }
        if (outcome != SignInOutcome.Succeeded || userId is null) throw new InvalidCredentialsException();
        var account = await users.FindAsync(userId.Value, cancellationToken) ?? throw new InvalidCredentialsException();
        return CurrentUserDto.From(account, options.Value);
    }
}

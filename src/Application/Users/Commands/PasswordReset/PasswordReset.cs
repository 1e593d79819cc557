using Microsoft.Extensions.Options;
using VariantMiner.Application.Invitations;
using VariantMiner.Application.Users.Commands.Profile;

namespace VariantMiner.Application.Users.Commands.PasswordReset;

/// <summary>
/// Mails a password-reset link when an account has this address. The answer is the same either way (202), so the
/// form cannot be used to learn who has an account.
/// </summary>
public sealed record ForgotPassword(string Email) : ICommand, IAllowAnonymous;

public sealed class ForgotPasswordValidator : AbstractValidator<ForgotPassword>
{
    public ForgotPasswordValidator() => RuleFor(c => c.Email).NotEmpty().MaximumLength(256).EmailAddress().WithMessage("Enter a valid e-mail address.");
}

public sealed class ForgotPasswordHandler(IAccountService accounts, IApplicationDbContext db, IOptions<InvitationOptions> links, TimeProvider clock)
    : ICommandHandler<ForgotPassword>
{
    public async ValueTask<Unit> Handle(ForgotPassword command, CancellationToken cancellationToken)
    {
        if (await accounts.PasswordResetTokenAsync(command.Email.Trim(), cancellationToken) is not var (userId, token)) return Unit.Value;
        db.Outbox.Add(AccountMail.PasswordReset(links.Value, userId, command.Email.Trim(), token, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Sets a new password from the mailed link: once, within the hour; every session of the account ends.</summary>
public sealed record ResetPassword(Guid UserId, string Token, string NewPassword) : ICommand, IAllowAnonymous;

public sealed class ResetPasswordValidator : AbstractValidator<ResetPassword>
{
    public ResetPasswordValidator()
    {
        RuleFor(c => c.Token).NotEmpty().MaximumLength(2000).WithMessage("The reset link is incomplete.");
        RuleFor(c => c.NewPassword).NewPassword();
    }
}

public sealed class ResetPasswordHandler(IAccountService accounts) : ICommandHandler<ResetPassword>
{
    public async ValueTask<Unit> Handle(ResetPassword command, CancellationToken cancellationToken)
    {
        if (!await accounts.ResetPasswordAsync(command.UserId, command.Token, command.NewPassword, cancellationToken))
            throw new GoneException("This reset link is not valid any more: it works once, for one hour. Ask for a new one.");
        return Unit.Value;
    }
}

using Microsoft.Extensions.Options;
using VariantMiner.Application.Invitations;
using VariantMiner.Application.Users.Queries.GetCurrentUser;

namespace VariantMiner.Application.Users.Commands.Register;

/// <summary>
/// Creates an account, signs it in and mails a link that verifies the address. Nothing is matched to the account by its
/// e-mail (pending organization ownership, invitations) until the address is verified: anyone can type any address.
/// </summary>
public sealed record Register(string Email, string Password, string DisplayName) : ICommand<CurrentUserDto>, IAllowAnonymous;

public sealed class RegisterValidator : AbstractValidator<Register>
{
    public const int PasswordMinLength = 12;
    public const int PasswordMaxLength = 128;

    public RegisterValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(256).EmailAddress().WithMessage("Enter a valid e-mail address.");
        RuleFor(r => r.DisplayName).NotEmpty().WithMessage("Enter your name.").MaximumLength(200);
        RuleFor(r => r.Password).NotEmpty()
            .MinimumLength(PasswordMinLength).WithMessage($"Use at least {PasswordMinLength} characters.")
            .MaximumLength(PasswordMaxLength).WithMessage($"Use at most {PasswordMaxLength} characters.");
    }
}

public sealed class RegisterHandler(
    IOptions<OrganizationOptions> options, IOptions<InvitationOptions> links, IAccountService accounts, IUserAccounts users,
    IApplicationDbContext db, TimeProvider clock) : ICommandHandler<Register, CurrentUserDto>
{
    public async ValueTask<CurrentUserDto> Handle(Register command, CancellationToken cancellationToken)
    {
        var id = await accounts.RegisterAsync(command.Email.Trim(), command.Password, command.DisplayName.Trim(), cancellationToken);
        var account = await users.FindAsync(id, cancellationToken) ?? throw new InvalidOperationException("The new account vanished.");
        var token = await accounts.EmailVerificationTokenAsync(id, cancellationToken);
        db.Outbox.Add(AccountMail.Verification(links.Value, id, account.Email, token, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return CurrentUserDto.From(account, options.Value);
    }
}

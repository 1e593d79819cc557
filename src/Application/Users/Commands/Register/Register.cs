using FluentValidation;
using Mediator;
using VariantMiner.Application.Common.Interfaces;
using VariantMiner.Application.Common.Requests;
using VariantMiner.Application.Users.Queries.GetCurrentUser;

namespace VariantMiner.Application.Users.Commands.Register;

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

public sealed class RegisterHandler(IAccountService accounts, IUserAccounts users) : ICommandHandler<Register, CurrentUserDto>
{
    public async ValueTask<CurrentUserDto> Handle(Register command, CancellationToken cancellationToken)
    {
        var id = await accounts.RegisterAsync(command.Email.Trim(), command.Password, command.DisplayName.Trim(), cancellationToken);
        var account = await users.FindAsync(id, cancellationToken) ?? throw new InvalidOperationException("The new account vanished.");
        return new CurrentUserDto(account.Id, account.Email, account.DisplayName, account.IsPlatformAdmin, account.LastOrganizationId);
    }
}

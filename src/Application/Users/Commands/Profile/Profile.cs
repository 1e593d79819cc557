using Microsoft.Extensions.Options;
using VariantMiner.Application.Invitations;
using VariantMiner.Application.Users.Commands.Register;
using VariantMiner.Application.Users.Queries.GetCurrentUser;

namespace VariantMiner.Application.Users.Commands.Profile;

/// <summary>The signed-in person's own name, shown to the organizations they belong to.</summary>
public sealed record UpdateProfile(string DisplayName) : ICommand<CurrentUserDto>;

public sealed class UpdateProfileValidator : AbstractValidator<UpdateProfile>
{
    public UpdateProfileValidator() =>
        RuleFor(c => c.DisplayName).NotEmpty().WithMessage("Enter your name.").Must(n => n is null || n.Trim().Length > 0).WithMessage("Enter your name.")
            .MaximumLength(200);
}

public sealed class UpdateProfileHandler(ICurrentUser currentUser, IAccountService accounts, IUserAccounts users, IOptions<OrganizationOptions> options)
    : ICommandHandler<UpdateProfile, CurrentUserDto>
{
    public async ValueTask<CurrentUserDto> Handle(UpdateProfile command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        await accounts.SetDisplayNameAsync(me, command.DisplayName, cancellationToken);
        return CurrentUserDto.From(await users.FindAsync(me, cancellationToken) ?? throw new UnauthenticatedException(), options.Value);
    }
}

/// <summary>Changes one's password: the current one is needed; every other session is signed out, this one stays.</summary>
public sealed record ChangePassword(string CurrentPassword, string NewPassword) : ICommand;

public sealed class ChangePasswordValidator : AbstractValidator<ChangePassword>
{
    public ChangePasswordValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
        RuleFor(c => c.NewPassword).NewPassword();
    }
}

public sealed class ChangePasswordHandler(ICurrentUser currentUser, IAccountService accounts, IUserAccounts users, IApplicationDbContext db,
    TimeProvider clock) : ICommandHandler<ChangePassword>
{
    public async ValueTask<Unit> Handle(ChangePassword command, CancellationToken cancellationToken)
    {
        var account = await users.FindAsync(currentUser.UserId!.Value, cancellationToken) ?? throw new UnauthenticatedException();
        await accounts.ChangePasswordAsync(account.Id, command.CurrentPassword, command.NewPassword, cancellationToken);
        db.Outbox.Add(AccountMail.PasswordChanged(account.Email, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>
/// Asks to move the account to another address: the password is needed, a link goes to the new address (the change
/// happens only when it is opened) and a notice to the current one.
/// </summary>
public sealed record ChangeEmail(string NewEmail, string CurrentPassword) : ICommand;

public sealed class ChangeEmailValidator : AbstractValidator<ChangeEmail>
{
    public ChangeEmailValidator()
    {
        RuleFor(c => c.NewEmail).NotEmpty().MaximumLength(256).EmailAddress().WithMessage("Enter a valid e-mail address.");
        RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
    }
}

public sealed class ChangeEmailHandler(ICurrentUser currentUser, IAccountService accounts, IUserAccounts users, IApplicationDbContext db,
    IOptions<InvitationOptions> links, TimeProvider clock) : ICommandHandler<ChangeEmail>
{
    public async ValueTask<Unit> Handle(ChangeEmail command, CancellationToken cancellationToken)
    {
        var account = await users.FindAsync(currentUser.UserId!.Value, cancellationToken) ?? throw new UnauthenticatedException();
        if (!await accounts.CheckPasswordAsync(account.Id, command.CurrentPassword, cancellationToken))
            throw Invalid.Field("currentPassword", "The current password is not right.");
        var newEmail = command.NewEmail.Trim();
        if (string.Equals(newEmail, account.Email, StringComparison.OrdinalIgnoreCase))
            throw Invalid.Field("newEmail", "This is already your address.");
        if (await users.FindByEmailAsync(newEmail, cancellationToken) is not null)
            throw new ConflictException("Another account uses this e-mail address.");
        var token = await accounts.EmailChangeTokenAsync(account.Id, newEmail, cancellationToken);
        var now = clock.GetUtcNow();
        db.Outbox.Add(AccountMail.ConfirmEmailChange(links.Value, account.Id, newEmail, token, now));
        db.Outbox.Add(AccountMail.EmailChangeRequested(account.Email, newEmail, now));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Opens the link mailed to the new address (anonymous: it may be opened in another browser). Every session ends.</summary>
public sealed record ConfirmEmailChange(Guid UserId, string NewEmail, string Token) : ICommand, IAllowAnonymous;

public sealed class ConfirmEmailChangeValidator : AbstractValidator<ConfirmEmailChange>
{
    public ConfirmEmailChangeValidator()
    {
        RuleFor(c => c.Token).NotEmpty().MaximumLength(2000).WithMessage("The link is incomplete.");
        RuleFor(c => c.NewEmail).NotEmpty().MaximumLength(256).EmailAddress().WithMessage("The link is incomplete.");
    }
}

public sealed class ConfirmEmailChangeHandler(IAccountService accounts) : ICommandHandler<ConfirmEmailChange>
{
    public async ValueTask<Unit> Handle(ConfirmEmailChange command, CancellationToken cancellationToken)
    {
        if (!await accounts.ChangeEmailAsync(command.UserId, command.NewEmail.Trim(), command.Token, cancellationToken))
            throw new GoneException("This link is not valid any more (it expires after a day and works once). Ask for the change again from your profile.");
        return Unit.Value;
    }
}

internal static class PasswordRules
{
    /// <summary>The installation's password rule (length, not composition), for every way of setting a password.</summary>
    public static IRuleBuilderOptions<T, string> NewPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Enter a new password.")
            .MinimumLength(RegisterValidator.PasswordMinLength).WithMessage($"Use at least {RegisterValidator.PasswordMinLength} characters.")
            .MaximumLength(RegisterValidator.PasswordMaxLength).WithMessage($"Use at most {RegisterValidator.PasswordMaxLength} characters.");
}

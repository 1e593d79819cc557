namespace VariantMiner.Application.Users.Commands.TwoFactor;

/// <summary>Whether my account has two-factor on, and how many recovery codes are left.</summary>
public sealed record GetTwoFactorStatus : IQuery<TwoFactorStatus>;

public sealed class GetTwoFactorStatusHandler(ICurrentUser currentUser, IAccountService accounts) : IQueryHandler<GetTwoFactorStatus, TwoFactorStatus>
{
    public async ValueTask<TwoFactorStatus> Handle(GetTwoFactorStatus query, CancellationToken cancellationToken) =>
        await accounts.TwoFactorStatusAsync(currentUser.UserId!.Value, cancellationToken);
}

/// <summary>
/// Starts setting up two-factor (TOTP, RFC 6238): a new shared key and its <c>otpauth://</c> URI for an authenticator
/// app. Nothing changes until a code of it is proven (<see cref="EnableTwoFactor"/>); starting again replaces the key.
/// </summary>
public sealed record BeginTwoFactorSetup : ICommand<TwoFactorSetup>, IOutsideTransaction;

public sealed class BeginTwoFactorSetupHandler(ICurrentUser currentUser, IAccountService accounts) : ICommandHandler<BeginTwoFactorSetup, TwoFactorSetup>
{
    /// <summary>What the authenticator app shows above the codes.</summary>
    public const string Issuer = "VariantMiner";

    public async ValueTask<TwoFactorSetup> Handle(BeginTwoFactorSetup command, CancellationToken cancellationToken) =>
        await accounts.BeginTwoFactorSetupAsync(currentUser.UserId!.Value, Issuer, cancellationToken);
}

/// <param name="RecoveryCodes">Shown this once: each signs in once without the app.</param>
public sealed record RecoveryCodesDto(IReadOnlyList<string> RecoveryCodes);

/// <summary>Turns two-factor on by proving a code of the new key; answers ten recovery codes (shown once) and mails a notice.</summary>
public sealed record EnableTwoFactor(string Code) : ICommand<RecoveryCodesDto>, IOutsideTransaction;

public sealed class EnableTwoFactorValidator : AbstractValidator<EnableTwoFactor>
{
    public EnableTwoFactorValidator() => RuleFor(c => c.Code).NotEmpty().WithMessage("Enter the 6-digit code your app shows.").MaximumLength(16);
}

public sealed class EnableTwoFactorHandler(ICurrentUser currentUser, IAccountService accounts, IUserAccounts users, IApplicationDbContext db, TimeProvider clock)
    : ICommandHandler<EnableTwoFactor, RecoveryCodesDto>
{
    public async ValueTask<RecoveryCodesDto> Handle(EnableTwoFactor command, CancellationToken cancellationToken)
    {
        var account = await users.FindAsync(currentUser.UserId!.Value, cancellationToken) ?? throw new UnauthenticatedException();
        var codes = await accounts.EnableTwoFactorAsync(account.Id, command.Code, cancellationToken);
        db.Outbox.Add(AccountMail.TwoFactorChanged(account.Email, enabled: true, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return new RecoveryCodesDto(codes);
    }
}

/// <summary>Turns two-factor off: my password and a code of the app (or a recovery code); a notice is mailed.</summary>
public sealed record DisableTwoFactor(string Password, string Code) : ICommand, IOutsideTransaction;

public sealed class DisableTwoFactorValidator : AbstractValidator<DisableTwoFactor>
{
    public DisableTwoFactorValidator()
    {
        RuleFor(c => c.Password).NotEmpty().WithMessage("Enter your password.").MaximumLength(1024);
        RuleFor(c => c.Code).NotEmpty().WithMessage("Enter a code from your app or a recovery code.").MaximumLength(32);
    }
}

public sealed class DisableTwoFactorHandler(ICurrentUser currentUser, IAccountService accounts, IUserAccounts users, IApplicationDbContext db, TimeProvider clock)
    : ICommandHandler<DisableTwoFactor>
{
    public async ValueTask<Unit> Handle(DisableTwoFactor command, CancellationToken cancellationToken)
    {
        var account = await users.FindAsync(currentUser.UserId!.Value, cancellationToken) ?? throw new UnauthenticatedException();
        await accounts.DisableTwoFactorAsync(account.Id, command.Password, command.Code, cancellationToken);
        db.Outbox.Add(AccountMail.TwoFactorChanged(account.Email, enabled: false, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Ten new recovery codes (shown once) for a code of the app; the earlier ones stop working.</summary>
public sealed record NewRecoveryCodes(string Code) : ICommand<RecoveryCodesDto>, IOutsideTransaction;

public sealed class NewRecoveryCodesValidator : AbstractValidator<NewRecoveryCodes>
{
    public NewRecoveryCodesValidator() => RuleFor(c => c.Code).NotEmpty().WithMessage("Enter the 6-digit code your app shows.").MaximumLength(16);
}

public sealed class NewRecoveryCodesHandler(ICurrentUser currentUser, IAccountService accounts) : ICommandHandler<NewRecoveryCodes, RecoveryCodesDto>
{
    public async ValueTask<RecoveryCodesDto> Handle(NewRecoveryCodes command, CancellationToken cancellationToken) =>
        new(await accounts.NewRecoveryCodesAsync(currentUser.UserId!.Value, command.Code, cancellationToken));
}

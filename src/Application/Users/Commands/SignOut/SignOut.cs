namespace VariantMiner.Application.Users.Commands.SignOut;

/// <summary>Signing out without a session is harmless, so it is allowed anonymously.</summary>
public sealed record SignOut : ICommand, IAllowAnonymous;

public sealed class SignOutHandler(IAccountService accounts, ICurrentUser currentUser) : ICommandHandler<SignOut>
{
    public async ValueTask<Unit> Handle(SignOut command, CancellationToken cancellationToken)
    {
        await accounts.SignOutAsync(currentUser.UserId, cancellationToken);
        return Unit.Value;
    }
}

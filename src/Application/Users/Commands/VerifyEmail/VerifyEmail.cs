using Microsoft.Extensions.Options;
using VariantMiner.Application.Invitations;

namespace VariantMiner.Application.Users.Commands.VerifyEmail;

/// <summary>
/// Opens the link mailed at registration. Anonymous: the link may be opened in another browser. Once the address is
/// verified, organizations a platform administrator created for it are claimed (their owner becomes Supervisor).
/// </summary>
public sealed record VerifyEmail(Guid UserId, string Token) : ICommand, IAllowAnonymous;

public sealed class VerifyEmailValidator : AbstractValidator<VerifyEmail>
{
    public VerifyEmailValidator() => RuleFor(c => c.Token).NotEmpty().MaximumLength(2000).WithMessage("The verification link is incomplete.");
}

public sealed class VerifyEmailHandler(IAccountService accounts, IUserAccounts users, IApplicationDbContext db, TimeProvider clock)
    : ICommandHandler<VerifyEmail>
{
    public async ValueTask<Unit> Handle(VerifyEmail command, CancellationToken cancellationToken)
    {
        if (!await accounts.VerifyEmailAsync(command.UserId, command.Token, cancellationToken))
            throw new GoneException("This verification link is not valid or has expired. Sign in and send yourself a new one.");
        var account = await users.FindAsync(command.UserId, cancellationToken) ?? throw new NotFoundException("The account");
        await ClaimPendingOwnershipAsync(account, cancellationToken);
        return Unit.Value;
    }

    /// <summary>
    /// Organizations created by a platform administrator for this e-mail address were waiting for their owner: the
    /// verified account becomes their Supervisor. Runs before any organization scope exists, so it reads roles past
    /// the tenant filter (allow-listed), always by the organization's id.
    /// </summary>
    private async Task ClaimPendingOwnershipAsync(UserAccount account, CancellationToken cancellationToken)
    {
        var normalized = account.Email.Trim().ToLowerInvariant();
        var waiting = await db.Organizations.Where(o => o.PendingOwnerEmail == normalized).ToListAsync(cancellationToken);
        foreach (var organization in waiting)
        {
            var supervisorRole = await db.Roles.IgnoreQueryFilters()
                .Where(r => r.OrganizationId == organization.Id && r.BuiltIn == BuiltInRole.Supervisor)
                .Select(r => r.Id).SingleAsync(cancellationToken);
            var now = clock.GetUtcNow();
            db.Memberships.Add(new Membership(organization.Id, account.Id, supervisorRole, now));
            organization.OwnerArrived(account.Id, account.Email);
        }
        if (waiting.Count > 0) await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>Mails a new verification link to the signed-in user.</summary>
public sealed record ResendEmailVerification : ICommand;

public sealed class ResendEmailVerificationHandler(
    ICurrentUser currentUser, IAccountService accounts, IUserAccounts users, IApplicationDbContext db, IOptions<InvitationOptions> links,
    TimeProvider clock) : ICommandHandler<ResendEmailVerification>
{
    public async ValueTask<Unit> Handle(ResendEmailVerification command, CancellationToken cancellationToken)
    {
        var account = await users.FindAsync(currentUser.UserId!.Value, cancellationToken) ?? throw new UnauthenticatedException();
        if (account.EmailVerified) throw new ConflictException("Your e-mail address is already verified.");
        var token = await accounts.EmailVerificationTokenAsync(account.Id, cancellationToken);
        db.Outbox.Add(AccountMail.Verification(links.Value, account.Id, account.Email, token, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

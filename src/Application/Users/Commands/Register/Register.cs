using FluentValidation;
using Microsoft.EntityFrameworkCore;
using VariantMiner.Domain.Authorization;
using VariantMiner.Domain.Organizations;
using Mediator;
using Microsoft.Extensions.Options;
using VariantMiner.Application.Common;
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

public sealed class RegisterHandler(IOptions<OrganizationOptions> options, IAccountService accounts, IUserAccounts users, IApplicationDbContext db, TimeProvider clock)
    : ICommandHandler<Register, CurrentUserDto>
{
    public async ValueTask<CurrentUserDto> Handle(Register command, CancellationToken cancellationToken)
    {
        var id = await accounts.RegisterAsync(command.Email.Trim(), command.Password, command.DisplayName.Trim(), cancellationToken);
        await ClaimPendingOwnershipAsync(id, command.Email, cancellationToken);
        var account = await users.FindAsync(id, cancellationToken) ?? throw new InvalidOperationException("The new account vanished.");
        return CurrentUserDto.From(account, options.Value);
    }

    /// <summary>
    /// Organizations created by a platform administrator for this e-mail address were waiting for their owner:
    /// the new account becomes their Supervisor. Runs before any organization scope exists, so it reads roles past
    /// the tenant filter (allow-listed), always by the organization's id.
    /// </summary>
    private async Task ClaimPendingOwnershipAsync(Guid userId, string email, CancellationToken cancellationToken)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var waiting = await db.Organizations.Where(o => o.PendingOwnerEmail == normalized).ToListAsync(cancellationToken);
        foreach (var organization in waiting)
        {
            var supervisorRole = await db.Roles.IgnoreQueryFilters()
                .Where(r => r.OrganizationId == organization.Id && r.BuiltIn == BuiltInRole.Supervisor)
                .Select(r => r.Id).SingleAsync(cancellationToken);
            var now = clock.GetUtcNow();
            db.Memberships.Add(new Membership(organization.Id, userId, supervisorRole, now));
            organization.OwnerArrived();
            db.Activities.Add(new ActivityRecord(organization.Id, null, userId, "organization.owner.joined", "member", userId,
                $"{email.Trim()} registered and became the organization's Group Supervisor", now));
        }
        if (waiting.Count > 0) await db.SaveChangesAsync(cancellationToken);
    }
}

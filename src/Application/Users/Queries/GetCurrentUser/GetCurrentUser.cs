using Mediator;
using VariantMiner.Application.Common.Exceptions;
using VariantMiner.Application.Common.Interfaces;
using VariantMiner.Application.Common.Security;

namespace VariantMiner.Application.Users.Queries.GetCurrentUser;

public sealed record CurrentUserDto(Guid Id, string Email, string DisplayName, bool IsPlatformAdmin, Guid? LastOrganizationId);

public sealed record GetCurrentUser : IQuery<CurrentUserDto>;

public sealed class GetCurrentUserHandler(ICurrentUser currentUser, IUserAccounts accounts) : IQueryHandler<GetCurrentUser, CurrentUserDto>
{
    public async ValueTask<CurrentUserDto> Handle(GetCurrentUser query, CancellationToken cancellationToken)
    {
        // The cookie can outlive the account (deleted user): treat that as signed out.
        var account = await accounts.FindAsync(currentUser.UserId!.Value, cancellationToken)
            ?? throw new UnauthenticatedException();
        return new CurrentUserDto(account.Id, account.Email, account.DisplayName, account.IsPlatformAdmin, account.LastOrganizationId);
    }
}

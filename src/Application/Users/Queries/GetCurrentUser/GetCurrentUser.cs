using Microsoft.Extensions.Options;

namespace VariantMiner.Application.Users.Queries.GetCurrentUser;

/// <param name="CanCreateOrganizations">Platform administrators, or anyone while self-service creation is on.</param>
/// <param name="EmailVerified">False until the link mailed at registration is opened; invitations wait for it.</param>
public sealed record CurrentUserDto(Guid Id, string Email, string DisplayName, bool IsPlatformAdmin, Guid? LastOrganizationId, bool CanCreateOrganizations,
    bool EmailVerified)
{
    public static CurrentUserDto From(UserAccount account, OrganizationOptions options) =>
        new(account.Id, account.Email, account.DisplayName, account.IsPlatformAdmin, account.LastOrganizationId,
            account.IsPlatformAdmin || options.SelfServiceCreation, account.EmailVerified);
}

public sealed record GetCurrentUser : IQuery<CurrentUserDto>;

public sealed class GetCurrentUserHandler(ICurrentUser currentUser, IUserAccounts accounts, IOptions<OrganizationOptions> options)
    : IQueryHandler<GetCurrentUser, CurrentUserDto>
{
    public async ValueTask<CurrentUserDto> Handle(GetCurrentUser query, CancellationToken cancellationToken)
    {
        // The cookie can outlive the account (deleted user): treat that as signed out.
        var account = await accounts.FindAsync(currentUser.UserId!.Value, cancellationToken)
            ?? throw new UnauthenticatedException();
        return CurrentUserDto.From(account, options.Value);
    }
}

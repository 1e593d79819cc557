namespace VariantMiner.Application.Common.Interfaces;

/// <param name="EmailVerified">The owner proved the address (the link mailed at registration); only then is the account
/// matched by e-mail: invitations, pending organization ownership.</param>
public sealed record UserAccount(Guid Id, string Email, string DisplayName, bool IsPlatformAdmin, Guid? LastOrganizationId, bool EmailVerified);

/// <summary>Reads the global user accounts kept by the identity store.</summary>
public interface IUserAccounts
{
    Task<UserAccount?> FindAsync(Guid userId, CancellationToken cancellationToken);
    Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken);
    Task<IReadOnlyDictionary<Guid, string>> DisplayNamesAsync(IEnumerable<Guid> userIds, CancellationToken cancellationToken);
    Task<IReadOnlyDictionary<Guid, UserAccount>> FindManyAsync(IEnumerable<Guid> userIds, CancellationToken cancellationToken);
    Task SetLastOrganizationAsync(Guid userId, Guid organizationId, CancellationToken cancellationToken);
}

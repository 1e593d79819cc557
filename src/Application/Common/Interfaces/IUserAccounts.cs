namespace VariantMiner.Application.Common.Interfaces;

public sealed record UserAccount(Guid Id, string Email, string DisplayName, bool IsPlatformAdmin, Guid? LastOrganizationId);

/// <summary>Reads the global user accounts kept by the identity store.</summary>
public interface IUserAccounts
{
    Task<UserAccount?> FindAsync(Guid userId, CancellationToken cancellationToken);
}

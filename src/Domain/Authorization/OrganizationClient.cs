using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Authorization;

/// <summary>
/// A system of the organization's (a LIMS, a reporting system) that calls the API with OAuth 2.0 client credentials. It
/// acts through a service account of its own (<see cref="ServiceUserId"/>) that is a member with a role, so what it may
/// see and do is decided exactly as for a person, and the audit trail names it. Revoking it ends its membership: tokens
/// already issued stop working on their next request.
/// </summary>
public sealed class OrganizationClient : ITenantOwned
{
    public const int NameMaxLength = 100;
    public const string ClientIdPrefix = "vm_client_";

    private OrganizationClient() { }

    public OrganizationClient(Guid organizationId, string name, string clientId, Guid serviceUserId, Guid createdBy, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > NameMaxLength) throw new DomainException($"A client needs a name of at most {NameMaxLength} characters.");
        Id = Guid.CreateVersion7();
        (OrganizationId, Name, ClientId, ServiceUserId, CreatedBy, CreatedAt) = (organizationId, name.Trim(), clientId, serviceUserId, createdBy, now);
    }

    public Guid Id { get; private init; }
    public Guid OrganizationId { get; private init; }
    public string Name { get; private init; } = "";
    /// <summary>The OAuth client id (<c>vm_client_…</c>); its secret is kept hashed by the authorization server.</summary>
    public string ClientId { get; private init; } = "";
    public Guid ServiceUserId { get; private init; }
    public Guid CreatedBy { get; private init; }
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset? LastTokenAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    public void TokenIssued(DateTimeOffset now) => LastTokenAt = now;
}

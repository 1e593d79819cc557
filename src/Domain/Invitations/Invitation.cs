using System.Security.Cryptography;
using System.Text;
using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Invitations;

public enum InvitationStatus
{
    Pending,
    Accepted,
    Revoked,
}

/// <summary>
/// An invitation to join an organization with a role and workspaces. It carries a single-use token; only its
/// SHA-256 hash is stored, so a database reader cannot accept it.
/// </summary>
public sealed class Invitation : Entity, ITenantOwned
{
    public const int EmailMaxLength = 256;

    private readonly List<InvitationWorkspace> _workspaces = [];

    private Invitation() { }

    /// <returns>The invitation and the plain token, which exists only in this response and the e-mail.</returns>
    public static (Invitation Invitation, string Token) Create(Guid organizationId, string email, Guid roleId, IEnumerable<Guid> workspaceIds,
        Guid invitedBy, DateTimeOffset now, TimeSpan lifetime)
    {
        var invitation = new Invitation
        {
            OrganizationId = organizationId,
            Email = NormalizeEmail(email),
            RoleId = roleId,
            InvitedBy = invitedBy,
            CreatedAt = now,
        };
        foreach (var id in workspaceIds.Distinct()) invitation._workspaces.Add(new InvitationWorkspace(invitation.Id, id));
        var token = invitation.Renew(invitedBy, now, lifetime);
        invitation.Raise(new InvitationCreated(invitation));
        return (invitation, token);
    }

    public Guid OrganizationId { get; private init; }
    public string Email { get; private init; } = "";
    public Guid RoleId { get; private init; }
    public Guid InvitedBy { get; private init; }
    /// <summary>Who issued the live token (the inviter, or whoever re-sent it last): acceptance needs their right to give the role.</summary>
    public Guid LastSentBy { get; private set; }
    [Auditing.NotAudited] public string TokenHash { get; private set; } = "";
    public InvitationStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset LastSentAt { get; private set; }
    public int SendCount { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public Guid? AcceptedBy { get; private set; }
    public IReadOnlyCollection<InvitationWorkspace> Workspaces => _workspaces;

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>Re-sending issues a new token (the old link stops working) and a new expiry.</summary>
    public string Renew(Guid sentBy, DateTimeOffset now, TimeSpan lifetime)
    {
        if (Status != InvitationStatus.Pending) throw new DomainException("Only a pending invitation can be sent again.");
        LastSentBy = sentBy;
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        TokenHash = HashToken(token);
        ExpiresAt = now + lifetime;
        LastSentAt = now;
        SendCount++;
        if (SendCount > 1) Raise(new InvitationResent(this));
        return token;
    }

    public void Revoke()
    {
        if (Status != InvitationStatus.Pending) throw new DomainException($"This invitation is already {Status.ToString().ToLowerInvariant()}.");
        Status = InvitationStatus.Revoked;
        Raise(new InvitationRevoked(this));
    }

    public void Accept(Guid userId, DateTimeOffset now)
    {
        if (Status != InvitationStatus.Pending) throw new DomainException($"This invitation is already {Status.ToString().ToLowerInvariant()}.");
        if (IsExpired(now)) throw new DomainException("This invitation has expired.");
        Status = InvitationStatus.Accepted;
        AcceptedAt = now;
        AcceptedBy = userId;
        Raise(new InvitationAccepted(this));
    }

    public static string HashToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static string DomainOf(string email)
    {
        var at = email.LastIndexOf('@');
        return at < 0 ? "" : email[(at + 1)..].Trim().ToLowerInvariant();
    }
}

public sealed class InvitationWorkspace(Guid invitationId, Guid workspaceId)
{
    public Guid InvitationId { get; private init; } = invitationId;
    public Guid WorkspaceId { get; private init; } = workspaceId;
}

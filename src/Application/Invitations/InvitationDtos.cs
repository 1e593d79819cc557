using VariantMiner.Application.Common.Messaging;
using VariantMiner.Application.Organizations;

namespace VariantMiner.Application.Invitations;

public sealed record InvitationDto(
    Guid Id, string Email, OrganizationRoleDto Role, IReadOnlyList<Guid> WorkspaceIds, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt, bool Expired, Guid InvitedBy, DateTimeOffset LastSentAt, int SendCount);

/// <summary>Returned once, when an invitation is created or re-sent: the plain token and link exist nowhere else.</summary>
public sealed record IssuedInvitationDto(Guid Id, string Email, string Token, string AcceptUrl, DateTimeOffset ExpiresAt);

internal static class InvitationMail
{
    public static OutboxMessage Compose(Guid organizationId, string organizationName, string inviterName, string email, string roleName,
        string acceptUrl, DateTimeOffset expiresAt, DateTimeOffset now) =>
        new(organizationId, email, $"You are invited to join {organizationName} on VariantMiner",
            $"""
            Hello,

            {inviterName} invited you to join {organizationName} on VariantMiner as {roleName}.

            Accept the invitation: {acceptUrl}

            If you have no VariantMiner account yet, register with this e-mail address ({email}) first, then open the link again.
            The link works once and expires on {expiresAt:yyyy-MM-dd HH:mm} UTC.
            """, now);
}

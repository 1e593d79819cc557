using VariantMiner.Application.Common.Messaging;
using VariantMiner.Application.Invitations;

namespace VariantMiner.Application.Users;

/// <summary>The e-mails about a person's own account, written to the outbox in the same transaction as the change.</summary>
internal static class AccountMail
{
    public static OutboxMessage Verification(InvitationOptions links, Guid userId, string email, string token, DateTimeOffset now) =>
        new(null, email, "Verify your e-mail address for VariantMiner",
            $"""
            Hello,

            Please confirm that {email} is your address: {links.Url($"/verify-email?userId={userId}&token={Uri.EscapeDataString(token)}")}

            Until you do, you cannot accept invitations to organizations. The link works for one day; you can ask for a new one
            after signing in. If you did not create a VariantMiner account, ignore this message.
            """, now);

    public static OutboxMessage LockedOut(string email, DateTimeOffset until, DateTimeOffset now) =>
        new(null, email, "Your VariantMiner account was locked",
            $"""
            Hello,

            Someone entered a wrong password for {email} too many times, so sign-in to this account is locked until
            {until:yyyy-MM-dd HH:mm} UTC. If this was not you, tell your administrator; your password was not revealed.
            """, now);
}

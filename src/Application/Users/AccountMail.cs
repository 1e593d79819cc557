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

    public static OutboxMessage PasswordReset(InvitationOptions links, Guid userId, string email, string token, DateTimeOffset now) =>
        new(null, email, "Reset your VariantMiner password",
            $"""
            Hello,

            Someone asked to reset the password of the VariantMiner account {email}. To choose a new password, open:
            {links.Url($"/reset-password?userId={userId}&token={Uri.EscapeDataString(token)}")}

            The link works once, for one hour. If you did not ask for it, ignore this message: your password stays as it is.
            """, now);

    public static OutboxMessage PasswordChanged(string email, DateTimeOffset now) =>
        new(null, email, "Your VariantMiner password was changed",
            $"""
            Hello,

            The password of the VariantMiner account {email} was changed, and every other session was signed out.
            If this was not you, reset your password from the sign-in page and tell your administrator.
            """, now);

    public static OutboxMessage TwoFactorChanged(string email, bool enabled, DateTimeOffset now) =>
        new(null, email, enabled ? "Two-factor sign-in is on for your VariantMiner account" : "Two-factor sign-in is off for your VariantMiner account",
            enabled
                ? $"""
                  Hello,

                  Two-factor sign-in was turned on for the VariantMiner account {email}: signing in now needs a code from
                  your authenticator app (or one of your recovery codes). Every other session was signed out.
                  If this was not you, reset your password from the sign-in page and tell your administrator.
                  """
                : $"""
                  Hello,

                  Two-factor sign-in was turned off for the VariantMiner account {email}: a password alone signs in again.
                  If this was not you, reset your password from the sign-in page and tell your administrator.
                  """, now);

    public static OutboxMessage ConfirmEmailChange(InvitationOptions links, Guid userId, string newEmail, string token, DateTimeOffset now) =>
        new(null, newEmail, "Confirm your new e-mail address for VariantMiner",
            $"""
            Hello,

            Please confirm that {newEmail} is the new address of your VariantMiner account:
            {links.Url($"/confirm-email-change?userId={userId}&email={Uri.EscapeDataString(newEmail)}&token={Uri.EscapeDataString(token)}")}

            The link works once, for one day. After the change, sign in with the new address.
            """, now);

    public static OutboxMessage EmailChangeRequested(string currentEmail, string newEmail, DateTimeOffset now) =>
        new(null, currentEmail, "A change of your VariantMiner e-mail address was requested",
            $"""
            Hello,

            Someone signed in as {currentEmail} asked to move the account to {newEmail}. Nothing changes until the link sent
            to the new address is opened. If this was not you, change your password and tell your administrator.
            """, now);
}

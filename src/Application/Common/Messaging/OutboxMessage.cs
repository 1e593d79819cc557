namespace VariantMiner.Application.Common.Messaging;

/// <summary>
/// An e-mail to send, written in the same transaction as the change that causes it, so a rolled-back change sends
/// nothing and a committed one cannot lose its e-mail. A background dispatcher delivers it later; in development it
/// lands in the mail sink folder (README: "Mail").
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage() { }

    public OutboxMessage(Guid? organizationId, string recipient, string subject, string body, DateTimeOffset createdAt)
    {
        OrganizationId = organizationId;
        Recipient = recipient;
        Subject = subject;
        Body = body;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private init; } = Guid.CreateVersion7();
    public Guid? OrganizationId { get; private init; }
    public string Recipient { get; private init; } = "";
    public string Subject { get; private init; } = "";
    public string Body { get; private init; } = "";
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    public void MarkSent(DateTimeOffset at) => SentAt = at;

    public void MarkFailed(string error)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
    }
}

using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace VariantMiner.Infrastructure.Messaging;

/// <summary>
/// Delivers outbox messages. No SMTP transport is available here (MailKit is not restorable), so delivery is the
/// development mail sink: one .eml file per message in <c>{DataDirectory}/mail</c>. A message is marked sent only
/// after its file is written, so a crash re-delivers rather than loses it.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    public static string MailFolder(DatabaseSettings settings) => Path.Combine(settings.DataDirectory, "mail");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchPendingAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Outbox dispatch failed; retrying");
            }
            await Task.Delay(Interval, clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    /// <summary>
    /// An RFC 5322 message as a mail server would deliver it: From, To, Subject (RFC 2047-encoded when not ASCII), Date,
    /// Message-ID, MIME-Version and a UTF-8 plain-text body, lines ended by CRLF.
    /// </summary>
    public static string Compose(Application.Common.Messaging.OutboxMessage message)
    {
        static string Header(string value) => value.All(char.IsAscii) ? value : $"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(value))}?=";
        var lines = new[]
        {
            $"From: VariantMiner <{FromAddress}>",
            $"To: {message.Recipient}",
            $"Subject: {Header(message.Subject)}",
            $"Date: {message.CreatedAt.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", System.Globalization.CultureInfo.InvariantCulture)}",
            $"Message-ID: <{message.Id:N}@variantminer>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
        };
        return string.Join("\r\n", lines.Concat(message.Body.ReplaceLineEndings("\n").Split('\n'))) + "\r\n";
    }

    /// <summary>The sender of every e-mail; a real transport would take it from configuration.</summary>
    public const string FromAddress = "no-reply@variantminer.invalid";

    /// <returns>How many messages were delivered.</returns>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var folder = MailFolder(scope.ServiceProvider.GetRequiredService<DatabaseSettings>());
        var pending = await db.Outbox.Where(m => m.SentAt == null && m.Attempts < 5).OrderBy(m => m.CreatedAt).Take(50).ToListAsync(cancellationToken);
        foreach (var message in pending)
        {
            try
            {
                Directory.CreateDirectory(folder);
                var file = Path.Combine(folder, $"{message.CreatedAt:yyyyMMdd-HHmmss}-{message.Id:N}.eml");
                await File.WriteAllTextAsync(file, Compose(message), new UTF8Encoding(false), cancellationToken);
                message.MarkSent(clock.GetUtcNow());
                logger.LogInformation("Mail to {Recipient} written to {File}", message.Recipient, file);
            }
            catch (IOException e)
            {
                message.MarkFailed(e.Message);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return pending.Count(m => m.SentAt is not null);
    }
}

using System.Text.RegularExpressions;

namespace VariantMiner.WebApi.Tests;

/// <summary>Reads what the application put in the outbox, as a person reads their mail.</summary>
public static partial class Mailbox
{
    public static async Task<IReadOnlyList<string>> BodiesAsync(TestDatabase database, string recipient)
    {
        await using var db = database.CreateContext();
        return await db.Outbox.AsNoTracking().Where(m => m.Recipient == recipient).OrderBy(m => m.CreatedAt).Select(m => m.Subject + "\n" + m.Body)
            .ToListAsync();
    }

    /// <summary>Opens the newest verification link mailed to <paramref name="email"/>, as the SPA's page does.</summary>
    public static async Task VerifyEmailAsync(this HttpClient client, TestDatabase database, string email)
    {
        var link = VerificationLink().Matches(string.Join("\n", await BodiesAsync(database, email))).LastOrDefault();
        Assert.That(link, Is.Not.Null, $"no verification link was mailed to {email}");
        var response = await client.PostUnsafeAsync("/api/auth/verify-email",
            new { userId = Guid.Parse(link!.Groups["user"].Value), token = Uri.UnescapeDataString(link.Groups["token"].Value) });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"/verify-email\?userId=(?<user>[0-9a-fA-F-]{36})&token=(?<token>[^\s]+)")]
    private static partial Regex VerificationLink();
}

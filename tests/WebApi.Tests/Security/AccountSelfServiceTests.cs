using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace VariantMiner.WebApi.Tests.Security;

/// <summary>
/// What every user expects of their own account: name, password change (other sessions end, this one stays), e-mail
/// change through a link to the new address, and a forgotten password reset by a single-use, expiring link that
/// answers the same whether or not the address has an account.
/// </summary>
public partial class AccountSelfServiceTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private const string NewPassword = "a much longer new passphrase";

    private async Task<(HttpClient First, HttpClient Second)> TwoSessionsAsync(string email)
    {
        var first = Factory.CreateBrowserClient();
        await first.RegisterAsync(email, "Ada Lovelace");
        return (first, await Factory.SignedInClientAsync(email));
    }

    private async Task<Match> LinkAsync(string email, Regex pattern)
    {
        var link = pattern.Matches(string.Join("\n", await Mailbox.BodiesAsync(Database, email))).LastOrDefault();
        Assert.That(link, Is.Not.Null, $"no link mailed to {email}");
        return link!;
    }

    [Test]
    public async Task The_display_name_can_be_changed_and_must_not_be_blank()
    {
        var (client, _) = await TwoSessionsAsync("name@account.example");
        var me = await (await client.SendUnsafeAsync(HttpMethod.Patch, "/api/auth/me", new { displayName = "  Augusta Ada King " })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(me.GetProperty("displayName").GetString(), Is.EqualTo("Augusta Ada King"));
        var blank = await Problems.AssertProblemAsync(await client.SendUnsafeAsync(HttpMethod.Patch, "/api/auth/me", new { displayName = "   " }), HttpStatusCode.BadRequest);
        Assert.That(blank.GetProperty("errors").GetProperty("displayName")[0].GetString(), Is.EqualTo("Enter your name."));
    }

    [Test]
    public async Task Changing_the_password_needs_the_current_one_and_signs_out_every_other_session()
    {
        var (here, elsewhere) = await TwoSessionsAsync("pw@account.example");
        var wrong = await Problems.AssertProblemAsync(
            await here.PostUnsafeAsync("/api/auth/me/password", new { currentPassword = "not my password!", newPassword = NewPassword }), HttpStatusCode.BadRequest);
        Assert.That(wrong.GetProperty("errors").GetProperty("currentPassword")[0].GetString(), Is.EqualTo("The current password is not right."));
        var weak = await Problems.AssertProblemAsync(
            await here.PostUnsafeAsync("/api/auth/me/password", new { currentPassword = TestData.Password, newPassword = "short" }), HttpStatusCode.BadRequest);
        Assert.That(weak.GetProperty("errors").GetProperty("newPassword")[0].GetString(), Does.Contain("12"));
        Assert.That((await elsewhere.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "refusals changed nothing");

        var changed = await here.PostUnsafeAsync("/api/auth/me/password", new { currentPassword = TestData.Password, newPassword = NewPassword });
        Assert.That(changed.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await changed.Content.ReadAsStringAsync());
        Assert.That((await here.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "this session stays");
        Assert.That((await elsewhere.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "the other one ends");
        Assert.That((await Factory.CreateBrowserClient().PostUnsafeAsync("/api/auth/login", new { email = "pw@account.example", password = NewPassword })).StatusCode,
            Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Mailbox.BodiesAsync(Database, "pw@account.example"), Has.Some.StartsWith("Your VariantMiner password was changed"));
    }

    [Test]
    public async Task Signing_out_ends_every_session_of_the_account()
    {
        var (here, elsewhere) = await TwoSessionsAsync("everywhere@account.example");
        Assert.That((await here.PostUnsafeAsync("/api/auth/logout")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await elsewhere.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_e_mail_changes_only_when_the_link_sent_to_the_new_address_is_opened()
    {
        var (client, _) = await TwoSessionsAsync("old@account.example");
        await Problems.AssertProblemAsync(
            await client.PostUnsafeAsync("/api/auth/me/email", new { newEmail = "new@account.example", currentPassword = "wrong password!!" }), HttpStatusCode.BadRequest);
        var other = Factory.CreateBrowserClient();
        await other.RegisterAsync("taken@account.example");
        await Problems.AssertProblemAsync(
            await client.PostUnsafeAsync("/api/auth/me/email", new { newEmail = "taken@account.example", currentPassword = TestData.Password }), HttpStatusCode.Conflict);

        var asked = await client.PostUnsafeAsync("/api/auth/me/email", new { newEmail = "new@account.example", currentPassword = TestData.Password });
        Assert.That(asked.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That((await client.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("email").GetString(), Is.EqualTo("old@account.example"), "not yet");
        Assert.That(await Mailbox.BodiesAsync(Database, "old@account.example"), Has.Some.Contains("new@account.example"), "the current address is told");

        var link = await LinkAsync("new@account.example", EmailChangeLink());
        var body = new
        {
            userId = Guid.Parse(link.Groups["user"].Value),
            newEmail = Uri.UnescapeDataString(link.Groups["email"].Value),
            token = Uri.UnescapeDataString(link.Groups["token"].Value)
        };
        Assert.That((await Factory.CreateBrowserClient().PostUnsafeAsync("/api/auth/confirm-email-change", body)).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await Problems.AssertProblemAsync(await Factory.CreateBrowserClient().PostUnsafeAsync("/api/auth/confirm-email-change", body), HttpStatusCode.Gone);

        Assert.That((await client.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "sessions end with the change");
        var signedIn = await Factory.SignedInClientAsync("new@account.example");
        var me = await signedIn.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.That((me.GetProperty("email").GetString(), me.GetProperty("emailVerified").GetBoolean()), Is.EqualTo(("new@account.example", true)));
    }

    [Test]
    public async Task A_forgotten_password_is_reset_once_by_the_mailed_link_and_the_answer_never_reveals_an_account()
    {
        var (client, elsewhere) = await TwoSessionsAsync("forgot@account.example");
        var anonymous = Factory.CreateBrowserClient();
        var known = await anonymous.PostUnsafeAsync("/api/auth/forgot-password", new { email = "forgot@account.example" });
        var unknown = await anonymous.PostUnsafeAsync("/api/auth/forgot-password", new { email = "nobody@account.example" });
        Assert.That((known.StatusCode, unknown.StatusCode), Is.EqualTo((HttpStatusCode.Accepted, HttpStatusCode.Accepted)));
        Assert.That(await known.Content.ReadAsStringAsync(), Is.EqualTo(await unknown.Content.ReadAsStringAsync()));
        Assert.That(await Mailbox.BodiesAsync(Database, "nobody@account.example"), Is.Empty);

        var link = await LinkAsync("forgot@account.example", ResetLink());
        var userId = Guid.Parse(link.Groups["user"].Value);
        var token = Uri.UnescapeDataString(link.Groups["token"].Value);
        await Problems.AssertProblemAsync(
            await anonymous.PostUnsafeAsync("/api/auth/reset-password", new { userId, token = token + "x", newPassword = NewPassword }), HttpStatusCode.Gone);
        var weak = await Problems.AssertProblemAsync(
            await anonymous.PostUnsafeAsync("/api/auth/reset-password", new { userId, token, newPassword = "short" }), HttpStatusCode.BadRequest);
        Assert.That(weak.GetProperty("errors").TryGetProperty("newPassword", out _), Is.True);

        Assert.That((await anonymous.PostUnsafeAsync("/api/auth/reset-password", new { userId, token, newPassword = NewPassword })).StatusCode,
            Is.EqualTo(HttpStatusCode.NoContent));
        await Problems.AssertProblemAsync(
            await anonymous.PostUnsafeAsync("/api/auth/reset-password", new { userId, token, newPassword = "yet another passphrase" }), HttpStatusCode.Gone);
        Assert.That((await elsewhere.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "every session ends");
        Assert.That((await Factory.CreateBrowserClient().PostUnsafeAsync("/api/auth/login", new { email = "forgot@account.example", password = NewPassword })).StatusCode,
            Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task A_reset_link_expires()
    {
        await TwoSessionsAsync("late@account.example");
        var anonymous = Factory.CreateBrowserClient();
        var options = Factory.Services.GetRequiredService<IOptions<Infrastructure.Identity.PasswordResetTokenProviderOptions>>().Value;
        Assert.That(options.TokenLifespan, Is.EqualTo(TimeSpan.FromHours(1)), "the default lifetime");
        options.TokenLifespan = TimeSpan.FromSeconds(1); // read at every check: shortened here instead of waiting an hour
        try
        {
            await anonymous.PostUnsafeAsync("/api/auth/forgot-password", new { email = "late@account.example" });
            var link = await LinkAsync("late@account.example", ResetLink());
            await Task.Delay(TimeSpan.FromSeconds(2));
            var body = new { userId = Guid.Parse(link.Groups["user"].Value), token = Uri.UnescapeDataString(link.Groups["token"].Value), newPassword = NewPassword };
            await Problems.AssertProblemAsync(await anonymous.PostUnsafeAsync("/api/auth/reset-password", body), HttpStatusCode.Gone);
        }
        finally
        {
            options.TokenLifespan = TimeSpan.FromHours(1);
        }
    }

    [GeneratedRegex(@"/reset-password\?userId=(?<user>[0-9a-fA-F-]{36})&token=(?<token>[^\s]+)")]
    private static partial Regex ResetLink();

    [GeneratedRegex(@"/confirm-email-change\?userId=(?<user>[0-9a-fA-F-]{36})&email=(?<email>[^&\s]+)&token=(?<token>[^\s]+)")]
    private static partial Regex EmailChangeLink();
}

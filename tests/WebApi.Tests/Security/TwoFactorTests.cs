using VariantMiner.Infrastructure.Identity;

namespace VariantMiner.WebApi.Tests.Security;

/// <summary>
/// Two-factor sign-in (TOTP, RFC 6238): set up with a shared key, turned on by proving a code, ten recovery codes shown
/// once; a password alone then opens nothing but the second step; each code is accepted once (no replay within its
/// window), each recovery code once; wrong codes lock the account like wrong passwords; turning it off needs the
/// password and a code. The codes are computed here from the shared key the API gave, as an authenticator app does.
/// </summary>
public class TwoFactorTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private const string Email = "curator@lab.example";
    private const string TwoFactor = "/api/auth/me/two-factor";

    private sealed record Setup(string SharedKey, string AuthenticatorUri);
    private sealed record Codes(List<string> RecoveryCodes);
    private sealed record Status(bool Enabled, int RecoveryCodesLeft);

    private static string CodeAt(byte[] key, int stepsFromNow = 0) => Totp.Code(key, Totp.StepAt(DateTimeOffset.UtcNow) + stepsFromNow);

    /// <summary>Registers, turns two-factor on with the current code; answers the key, the time step of that code and the recovery codes.</summary>
    private async Task<(byte[] Key, long Step, List<string> RecoveryCodes)> EnabledAsync()
    {
        var client = Factory.CreateBrowserClient();
        Assert.That((await client.RegisterAsync(Email)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var setup = await (await client.PostUnsafeAsync($"{TwoFactor}/setup")).Content.ReadFromJsonAsync<Setup>();
        var key = Totp.FromBase32(setup!.SharedKey);
        var step = Totp.StepAt(DateTimeOffset.UtcNow);
        var enabled = await client.PostUnsafeAsync($"{TwoFactor}/enable", new { code = Totp.Code(key, step) });
        Assert.That(enabled.StatusCode, Is.EqualTo(HttpStatusCode.OK), await enabled.Content.ReadAsStringAsync());
        return (key, step, (await enabled.Content.ReadFromJsonAsync<Codes>())!.RecoveryCodes);
    }

    /// <summary>A new browser past the password step: answers it (the second step comes next).</summary>
    private async Task<HttpClient> PasswordStepAsync()
    {
        var client = Factory.CreateBrowserClient();
        var answer = await client.PostUnsafeAsync("/api/auth/login", new { email = Email, password = BrowserClientExtensions.Password });
        var problem = await Problems.AssertProblemAsync(answer, HttpStatusCode.Unauthorized);
        Assert.That(problem.GetProperty("reason").GetString(), Is.EqualTo("two-factor-required"));
        return client;
    }

    private static Task<HttpResponseMessage> SecondStepAsync(HttpClient client, string? code = null, string? recoveryCode = null) =>
        client.PostUnsafeAsync("/api/auth/login/two-factor", new { code, recoveryCode });

    [Test]
    public async Task Setup_gives_a_key_and_an_otpauth_uri_and_only_a_right_code_turns_it_on()
    {
        var client = Factory.CreateBrowserClient();
        await client.RegisterAsync(Email);
        Assert.That(await client.GetFromJsonAsync<Status>(TwoFactor), Is.EqualTo(new Status(false, 0)));
        Assert.That((await client.PostUnsafeAsync($"{TwoFactor}/enable", new { code = "123456" })).StatusCode, Is.EqualTo(HttpStatusCode.Conflict),
            "nothing to prove before a setup");

        var setup = (await (await client.PostUnsafeAsync($"{TwoFactor}/setup")).Content.ReadFromJsonAsync<Setup>())!;
        Assert.That(setup.SharedKey, Does.Match("^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$"), "base32 in groups of four");
        var key = Totp.FromBase32(setup.SharedKey);
        Assert.That(key, Has.Length.EqualTo(20));
        Assert.That(setup.AuthenticatorUri, Is.EqualTo(
            $"otpauth://totp/VariantMiner%3Acurator%40lab.example?secret={setup.SharedKey.Replace(" ", "")}&issuer=VariantMiner&algorithm=SHA1&digits=6&period=30"));

        var wrong = CodeAt(key, 5);
        var refused = await Problems.AssertProblemAsync(await client.PostUnsafeAsync($"{TwoFactor}/enable", new { code = wrong }), HttpStatusCode.BadRequest);
        Assert.That(refused.GetProperty("errors").TryGetProperty("code", out _), Is.True, refused.ToString());
        Assert.That((await client.GetFromJsonAsync<Status>(TwoFactor))!.Enabled, Is.False);
        await using (var db = Database.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == Email);
            Assert.That(user.PendingTotpKey, Is.Not.Null.And.Not.Contains(setup.SharedKey.Replace(" ", "")), "the key is stored protected");
        }

        var enabled = await client.PostUnsafeAsync($"{TwoFactor}/enable", new { code = CodeAt(key) });
        Assert.That(enabled.StatusCode, Is.EqualTo(HttpStatusCode.OK), await enabled.Content.ReadAsStringAsync());
        var codes = (await enabled.Content.ReadFromJsonAsync<Codes>())!.RecoveryCodes;
        Assert.That(codes, Has.Count.EqualTo(10).And.Unique.And.All.Match("^[a-z2-7]{5}-[a-z2-7]{5}$"));
        Assert.That(await client.GetFromJsonAsync<Status>(TwoFactor), Is.EqualTo(new Status(true, 10)), "this browser stays signed in");
        await using (var db = Database.CreateContext())
        {
            var hashes = (await db.Users.SingleAsync(u => u.Email == Email)).RecoveryCodeHashes!;
            Assert.That(codes.Any(c => hashes.Contains(c.Replace("-", ""))), Is.False, "recovery codes are kept only as hashes");
        }
        Assert.That(await Mailbox.BodiesAsync(Database, Email), Has.Some.StartsWith("Two-factor sign-in is on"));
        Assert.That((await client.PostUnsafeAsync($"{TwoFactor}/setup")).StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "no silent change of app");
    }

    [Test]
    public async Task A_password_alone_opens_nothing_and_each_code_signs_in_once()
    {
        var (key, step, recoveryCodes) = await EnabledAsync();

        var browser = await PasswordStepAsync();
        Assert.That((await browser.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "half signed in is not signed in");
        Assert.That((await browser.GetAsync("/api/organizations")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await SecondStepAsync(browser, code: Totp.Code(key, step))).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized),
            "the code that turned it on was used already");
        // The step after it: within the window whether or not a new 30-second step began meanwhile.
        var next = Totp.Code(key, step + 1);
        var signedIn = await SecondStepAsync(browser, code: next);
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.OK), await signedIn.Content.ReadAsStringAsync());
        Assert.That((await browser.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var other = await PasswordStepAsync();
        Assert.That((await SecondStepAsync(other, code: next)).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "replayed within its window");
        Assert.That((await SecondStepAsync(other, recoveryCode: recoveryCodes[3].ToUpperInvariant().Replace("-", " "))).StatusCode, Is.EqualTo(HttpStatusCode.OK),
            "a recovery code, however typed");
        var third = await PasswordStepAsync();
        Assert.That((await SecondStepAsync(third, recoveryCode: recoveryCodes[3])).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "a recovery code works once");
        Assert.That((await browser.GetFromJsonAsync<Status>(TwoFactor))!.RecoveryCodesLeft, Is.EqualTo(9));

        var none = Factory.CreateBrowserClient();
        Assert.That((await SecondStepAsync(none, code: CodeAt(key))).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "no password step, no second step");
    }

    [Test]
    public async Task Wrong_codes_lock_the_account_like_wrong_passwords_and_the_owner_is_told()
    {
        var (key, _, _) = await EnabledAsync();
        var browser = await PasswordStepAsync();
        for (var i = 0; i < 5; i++)
            Assert.That((await SecondStepAsync(browser, code: CodeAt(key, 10 + i))).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        // Locked: the right password no longer reaches the second step, and a right code no longer signs in.
        var after = Factory.CreateBrowserClient();
        var answer = await Problems.AssertProblemAsync(
            await after.PostUnsafeAsync("/api/auth/login", new { email = Email, password = BrowserClientExtensions.Password }), HttpStatusCode.Unauthorized);
        Assert.That(answer.TryGetProperty("reason", out _), Is.False, answer.ToString());
        Assert.That(await Mailbox.BodiesAsync(Database, Email), Has.Some.Contains("locked"));
        await using var db = Database.CreateContext();
        Assert.That((await db.Users.SingleAsync(u => u.Email == Email)).LockoutEnd, Is.GreaterThan(DateTimeOffset.UtcNow));
    }

    [Test]
    public async Task Turning_it_off_needs_the_password_and_a_code_and_then_a_password_signs_in_again()
    {
        var (key, _, recoveryCodes) = await EnabledAsync();
        var browser = await PasswordStepAsync();
        var signedInStep = Totp.StepAt(DateTimeOffset.UtcNow) + 1;
        Assert.That((await SecondStepAsync(browser, code: Totp.Code(key, signedInStep))).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var badPassword = await Problems.AssertProblemAsync(
            await browser.PostUnsafeAsync($"{TwoFactor}/disable", new { password = "not the password at all", code = recoveryCodes[0] }), HttpStatusCode.BadRequest);
        Assert.That(badPassword.GetProperty("errors").TryGetProperty("password", out _), Is.True, badPassword.ToString());
        var badCode = await Problems.AssertProblemAsync(
            await browser.PostUnsafeAsync($"{TwoFactor}/disable", new { password = BrowserClientExtensions.Password, code = Totp.Code(key, signedInStep) }), HttpStatusCode.BadRequest);
        Assert.That(badCode.GetProperty("errors").TryGetProperty("code", out _), Is.True, "the code just used to sign in");

        var renewed = await browser.PostUnsafeAsync($"{TwoFactor}/recovery-codes", new { code = Totp.Code(key, signedInStep - 1) });
        Assert.That(renewed.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a code older than the last one used");

        var off = await browser.PostUnsafeAsync($"{TwoFactor}/disable", new { password = BrowserClientExtensions.Password, code = recoveryCodes[0] });
        Assert.That(off.StatusCode, Is.EqualTo(HttpStatusCode.NoContent), await off.Content.ReadAsStringAsync());
        Assert.That(await browser.GetFromJsonAsync<Status>(TwoFactor), Is.EqualTo(new Status(false, 0)));
        Assert.That(await Mailbox.BodiesAsync(Database, Email), Has.Some.StartsWith("Two-factor sign-in is off"));
        var plain = await Factory.CreateBrowserClient().PostUnsafeAsync("/api/auth/login", new { email = Email, password = BrowserClientExtensions.Password });
        Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task New_recovery_codes_replace_the_old_ones()
    {
        var (key, _, old) = await EnabledAsync();
        var browser = await PasswordStepAsync();
        Assert.That((await SecondStepAsync(browser, recoveryCode: old[0])).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var renewed = await browser.PostUnsafeAsync($"{TwoFactor}/recovery-codes", new { code = CodeAt(key, 1) });
        Assert.That(renewed.StatusCode, Is.EqualTo(HttpStatusCode.OK), await renewed.Content.ReadAsStringAsync());
        var fresh = (await renewed.Content.ReadFromJsonAsync<Codes>())!.RecoveryCodes;
        Assert.That(fresh, Has.Count.EqualTo(10).And.No.AnyOf(old.ToArray()));

        Assert.That((await SecondStepAsync(await PasswordStepAsync(), recoveryCode: old[1])).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That((await SecondStepAsync(await PasswordStepAsync(), recoveryCode: fresh[0])).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}

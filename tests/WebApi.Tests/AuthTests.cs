namespace VariantMiner.WebApi.Tests;

public class AuthTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private sealed record Me(Guid Id, string Email, string DisplayName, bool IsPlatformAdmin, Guid? LastOrganizationId);

    [Test]
    public async Task Register_signs_in_and_the_first_account_alone_is_platform_administrator()
    {
        var first = Factory.CreateBrowserClient();
        var response = await first.RegisterAsync("director@lab.example", "Dr. Director");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var me = await first.GetFromJsonAsync<Me>("/api/auth/me");
        Assert.That(me!.Email, Is.EqualTo("director@lab.example"));
        Assert.That(me.DisplayName, Is.EqualTo("Dr. Director"));
        Assert.That(me.IsPlatformAdmin, Is.True);

        var second = Factory.CreateBrowserClient();
        await second.RegisterAsync("analyst@lab.example");
        Assert.That((await second.GetFromJsonAsync<Me>("/api/auth/me"))!.IsPlatformAdmin, Is.False);
    }

    [Test]
    public async Task Session_cookie_is_host_prefixed_secure_httponly_and_samesite()
    {
        var response = await Factory.CreateBrowserClient().RegisterAsync("cookie@lab.example");
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-VariantMiner=", StringComparison.Ordinal));
        Assert.That(cookie, Does.Contain("secure").IgnoreCase.And.Contain("httponly").IgnoreCase.And.Contain("samesite=lax").IgnoreCase);
        Assert.That(cookie, Does.Contain("path=/").IgnoreCase.And.Not.Contain("domain=").IgnoreCase);
    }

    [TestCase("short pass", "password")]      // 10 characters
    [TestCase("", "password")]
    [TestCase("not-an-email", "email")]
    public async Task Bad_registration_is_a_400_with_the_field_named_and_creates_nothing(string value, string field)
    {
        var body = new Dictionary<string, string> { ["email"] = "new@lab.example", ["password"] = "long enough password", ["displayName"] = "New" };
        body[field] = value;
        var response = await Factory.CreateBrowserClient().PostUnsafeAsync("/api/auth/register", body);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty(field, out _), Is.True, problem.ToString());
        await using var db = Database.CreateContext();
        Assert.That(await db.Users.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task Twelve_characters_without_any_composition_rule_are_enough_and_128_are_accepted()
    {
        var a = await Factory.CreateBrowserClient().PostUnsafeAsync("/api/auth/register",
            new { email = "a@lab.example", password = "aaaaaaaaaaaa", displayName = "A" });
        Assert.That(a.StatusCode, Is.EqualTo(HttpStatusCode.OK), await a.Content.ReadAsStringAsync());
        var b = await Factory.CreateBrowserClient().PostUnsafeAsync("/api/auth/register",
            new { email = "b@lab.example", password = new string('p', 128), displayName = "B" });
        Assert.That(b.StatusCode, Is.EqualTo(HttpStatusCode.OK), await b.Content.ReadAsStringAsync());
        var c = await Factory.CreateBrowserClient().PostUnsafeAsync("/api/auth/register",
            new { email = "c@lab.example", password = new string('p', 129), displayName = "C" });
        await Problems.AssertProblemAsync(c, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Duplicate_email_is_a_409_whatever_the_case()
    {
        await Factory.CreateBrowserClient().RegisterAsync("dup@lab.example");
        var again = await Factory.CreateBrowserClient().RegisterAsync("DUP@lab.example");
        await Problems.AssertProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Test]
    public async Task Login_logout_and_me()
    {
        await Factory.CreateBrowserClient().RegisterAsync("lee@lab.example", "Lee");
        var client = Factory.CreateBrowserClient();
        await Problems.AssertProblemAsync(await client.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);

        var login = await client.PostUnsafeAsync("/api/auth/login", new { email = "lee@lab.example", password = BrowserClientExtensions.Password });
        Assert.That(login.StatusCode, Is.EqualTo(HttpStatusCode.OK), await login.Content.ReadAsStringAsync());
        Assert.That((await client.GetFromJsonAsync<Me>("/api/auth/me"))!.DisplayName, Is.EqualTo("Lee"));

        var logout = await client.PostUnsafeAsync("/api/auth/logout");
        Assert.That(logout.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await Problems.AssertProblemAsync(await client.GetAsync("/api/auth/me"), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Wrong_password_and_unknown_account_get_the_same_401()
    {
        await Factory.CreateBrowserClient().RegisterAsync("kim@lab.example");
        var client = Factory.CreateBrowserClient();
        var wrong = await Problems.AssertProblemAsync(
            await client.PostUnsafeAsync("/api/auth/login", new { email = "kim@lab.example", password = "not the password" }), HttpStatusCode.Unauthorized);
        var unknown = await Problems.AssertProblemAsync(
            await client.PostUnsafeAsync("/api/auth/login", new { email = "nobody@lab.example", password = "not the password" }), HttpStatusCode.Unauthorized);
        Assert.That(wrong.GetProperty("detail").GetString(), Is.EqualTo(unknown.GetProperty("detail").GetString()));
    }

    [Test]
    public async Task A_cookie_captured_before_logout_is_dead_after_it()
    {
        var client = Factory.CreateBrowserClient();
        var register = await client.RegisterAsync("replay@lab.example");
        var stolen = register.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-VariantMiner=", StringComparison.Ordinal)).Split(';')[0];

        await client.PostUnsafeAsync("/api/auth/logout");

        var attacker = Factory.CreateClient(new() { BaseAddress = new Uri("https://localhost"), HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Cookie", stolen);
        await Problems.AssertProblemAsync(await attacker.SendAsync(request), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        await Factory.CreateBrowserClient().RegisterAsync("lock@lab.example");
        var client = Factory.CreateBrowserClient();
        for (var i = 0; i < 5; i++)
            await client.PostUnsafeAsync("/api/auth/login", new { email = "lock@lab.example", password = "wrong password " + i });

        var right = await client.PostUnsafeAsync("/api/auth/login", new { email = "lock@lab.example", password = BrowserClientExtensions.Password });
        var problem = await Problems.AssertProblemAsync(right, HttpStatusCode.Unauthorized);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("locked"));
    }

    [Test]
    public async Task Unsafe_requests_without_the_antiforgery_header_are_rejected()
    {
        var client = Factory.CreateBrowserClient();
        await client.RegisterAsync("csrf@lab.example");

        // A cross-site form post would carry the cookie but not the header.
        var logout = await client.PostAsync("/api/auth/logout", null);
        var problem = await Problems.AssertProblemAsync(logout, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("antiforgery"));
        Assert.That((await client.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the session must survive");

        var login = await Factory.CreateBrowserClient().PostAsJsonAsync("/api/auth/login", new { email = "csrf@lab.example", password = BrowserClientExtensions.Password });
        await Problems.AssertProblemAsync(login, HttpStatusCode.BadRequest);
    }
}

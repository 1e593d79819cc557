using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Infrastructure.Identity;

namespace VariantMiner.WebApi.Tests.Security;

/// <summary>
/// Institution sign-in end to end against a real OpenID provider (oidc-provider, started per test): the authorization
/// code flow with PKCE, accounts found by (issuer, subject) and never by e-mail alone, just-in-time membership with the
/// default role, and the refusals — a token signed by a key the provider does not publish, a provider naming another
/// issuer, a replayed callback, a stranger when the organization does not let people join, an address outside its
/// domains, password sign-in of members when the institution is required.
/// </summary>
public class SingleSignOnTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private const string Domain = "ssolab.example";
    private SeededLab _lab = null!;
    private TestIdentityProvider? _provider;

    protected override IReadOnlyDictionary<string, string> HostSettings => new Dictionary<string, string>
    {
        // The provider runs on this machine over http; the redirect address registered there is this one.
        ["SingleSignOn:AllowPrivateNetworkProviders"] = "true",
        ["Invitations:PublicBaseUrl"] = "https://localhost",
    };

    private string Callback => $"https://localhost/api/auth/sso/{_lab.OrganizationId}/callback";
    private string Settings => $"/api/organizations/{_lab.OrganizationId}/settings/sso";
    private string Workspaces => $"/api/organizations/{_lab.OrganizationId}/workspaces";

    [SetUp]
    public async Task Seed()
    {
        await using var db = Database.CreateContext();
        _lab = await SeededLab.CreateAsync(db, "SSO Lab");
    }

    [TearDown]
    public async Task StopProvider()
    {
        if (_provider is not null) await _provider.DisposeAsync();
        _provider = null;
    }

    private async Task<HttpClient> ConfigureAsync(bool justInTime = true, string? issuer = null, bool rogueKeys = false, string issuerHost = "localhost")
    {
        _provider = await TestIdentityProvider.StartAsync(Callback, issuerHost, rogueKeys);
        var supervisor = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Supervisor].Email);
        var saved = await supervisor.SendUnsafeAsync(HttpMethod.Put, Settings, new
        {
            enabled = true,
            issuer = issuer ?? _provider.Issuer,
            clientId = TestIdentityProvider.ClientId,
            clientSecret = TestIdentityProvider.ClientSecret,
            emailDomains = new[] { Domain },
            defaultRoleId = await RoleIdAsync(BuiltInRole.Analyst),
            justInTimeMembership = justInTime,
            required = false,
        });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await saved.Content.ReadAsStringAsync());
        return supervisor;
    }

    private async Task<Guid> RoleIdAsync(BuiltInRole role)
    {
        await using var db = Database.CreateContext();
        return await db.Roles.IgnoreQueryFilters().Where(r => r.OrganizationId == _lab.OrganizationId && r.Name == BuiltInRoles.NameOf(role)).Select(r => r.Id).SingleAsync();
    }

    /// <summary>Start → the provider (signs in as <paramref name="email"/>) → the callback; answers the application's answer to the callback.</summary>
    private async Task<(HttpResponseMessage Answer, Uri Callback, Uri Authorization)> RoundTripAsync(HttpClient browser, string email)
    {
        var start = await browser.GetAsync($"/api/auth/sso/{_lab.OrganizationId}/start?returnUrl=%2Forgs&email={Uri.EscapeDataString(email)}");
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await start.Content.ReadAsStringAsync());
        var authorization = start.Headers.Location!;
        var callback = await _provider!.SignInAsync(authorization, email);
        Assert.That(callback.GetLeftPart(UriPartial.Path), Is.EqualTo(Callback), "the provider sends the browser back to the registered address");
        return (await browser.GetAsync(callback.PathAndQuery), callback, authorization);
    }

    private static async Task<HttpResponseMessage> FollowAsync(HttpClient browser, HttpResponseMessage redirect)
    {
        Assert.That(redirect.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await redirect.Content.ReadAsStringAsync());
        return await browser.GetAsync(redirect.Headers.Location!.OriginalString);
    }

    private async Task<List<IdentityUserLogin<Guid>>> LoginsAsync()
    {
        await using var db = Database.CreateContext();
        return await db.UserLogins.AsNoTracking().ToListAsync();
    }

    [Test]
    public async Task A_new_person_of_the_institution_gets_an_account_and_joins_with_the_default_role()
    {
        await ConfigureAsync();
        var browser = Factory.CreateBrowserClient();
        var email = $"new.person@{Domain}";

        var (answer, _, authorization) = await RoundTripAsync(browser, email);
        // What the application asked the provider for (pushed to it directly: only a reference travels through the browser).
        Assert.That(authorization.Query, Does.Contain("request_uri=").And.Not.Contain("code_challenge"), "a pushed authorization request");
        var asked = _provider!.Authorizations.Single();
        Assert.Multiple(() =>
        {
            Assert.That(asked.GetProperty("code_challenge_method").GetString(), Is.EqualTo("S256"), "PKCE");
            Assert.That(asked.GetProperty("code_challenge").GetString(), Is.Not.Empty);
            Assert.That(asked.GetProperty("nonce").GetString(), Is.Not.Empty);
            Assert.That(asked.GetProperty("state").GetString(), Is.Not.Empty);
            Assert.That(asked.GetProperty("login_hint").GetString(), Is.EqualTo(email));
            Assert.That(asked.GetProperty("redirect_uri").GetString(), Is.EqualTo(Callback));
        });
        var landed = await FollowAsync(browser, answer);
        Assert.That(landed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(landed.Headers.Location!.OriginalString, Is.EqualTo("/orgs"), "back where the sign-in began");

        var me = await browser.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.That(me.GetProperty("email").GetString(), Is.EqualTo(email));
        Assert.That(me.GetProperty("emailVerified").GetBoolean(), Is.True, "the institution vouched for the address");
        Assert.That((await browser.GetAsync(Workspaces)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "a member now");

        var login = (await LoginsAsync()).Single();
        Assert.That((login.LoginProvider, login.ProviderKey), Is.EqualTo((_provider!.Issuer, $"sub-{email}")), "linked by (issuer, subject)");
        await using var db = Database.CreateContext();
        var membership = await db.Memberships.IgnoreQueryFilters().SingleAsync(m => m.UserId == login.UserId);
        Assert.That(membership.RoleId, Is.EqualTo(await RoleIdAsync(BuiltInRole.Analyst)));

        // Again, in another browser: the same account, found by (issuer, subject).
        var again = Factory.CreateBrowserClient();
        await FollowAsync(again, (await RoundTripAsync(again, email)).Answer);
        Assert.That((await again.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetGuid(), Is.EqualTo(login.UserId));
        Assert.That(await db.Users.CountAsync(u => u.Email == email), Is.EqualTo(1));
    }

    [Test]
    public async Task An_existing_account_with_the_address_is_linked_only_after_its_password()
    {
        await ConfigureAsync();
        var analyst = _lab.Members[BuiltInRole.Analyst];
        var browser = Factory.CreateBrowserClient();

        var landed = await FollowAsync(browser, (await RoundTripAsync(browser, analyst.Email)).Answer);
        Assert.That(landed.Headers.Location!.OriginalString, Does.StartWith("/login/link?email="), "asked for the password, not signed in");
        Assert.That((await browser.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "no session from an e-mail match");
        Assert.That(await LoginsAsync(), Is.Empty);

        var wrong = await browser.PostUnsafeAsync("/api/auth/sso/link", new { password = "not the password at all" });
        await Problems.AssertProblemAsync(wrong, HttpStatusCode.Unauthorized);
        Assert.That(await LoginsAsync(), Is.Empty, "a wrong password links nothing");

        var linked = await browser.PostUnsafeAsync("/api/auth/sso/link", new { password = BrowserClientExtensions.Password });
        Assert.That(linked.StatusCode, Is.EqualTo(HttpStatusCode.OK), await linked.Content.ReadAsStringAsync());
        Assert.That((await LoginsAsync()).Single().UserId, Is.EqualTo(analyst.UserId));
        Assert.That((await browser.GetAsync(Workspaces)).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // From now on the institution signs this account in directly.
        var later = Factory.CreateBrowserClient();
        var direct = await FollowAsync(later, (await RoundTripAsync(later, analyst.Email)).Answer);
        Assert.That(direct.Headers.Location!.OriginalString, Is.EqualTo("/orgs"));
        Assert.That((await later.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("id").GetGuid(), Is.EqualTo(analyst.UserId));
    }

    [Test]
    public async Task Linking_an_account_with_two_factor_needs_its_code_too()
    {
        await ConfigureAsync();
        var analyst = _lab.Members[BuiltInRole.Analyst];
        var own = await Factory.SignedInClientAsync(analyst.Email);
        var setup = await (await own.PostUnsafeAsync("/api/auth/me/two-factor/setup")).Content.ReadFromJsonAsync<JsonElement>();
        var key = Totp.FromBase32(setup.GetProperty("sharedKey").GetString()!);
        var step = Totp.StepAt(DateTimeOffset.UtcNow);
        Assert.That((await own.PostUnsafeAsync("/api/auth/me/two-factor/enable", new { code = Totp.Code(key, step) })).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var browser = Factory.CreateBrowserClient();
        await FollowAsync(browser, (await RoundTripAsync(browser, analyst.Email)).Answer);
        var passwordOnly = await browser.PostUnsafeAsync("/api/auth/sso/link", new { password = BrowserClientExtensions.Password });
        var problem = await Problems.AssertProblemAsync(passwordOnly, HttpStatusCode.Unauthorized);
        Assert.That(problem.GetProperty("reason").GetString(), Is.EqualTo("two-factor-required"));
        Assert.That(await LoginsAsync(), Is.Empty);

        var withCode = await browser.PostUnsafeAsync("/api/auth/sso/link", new { password = BrowserClientExtensions.Password, code = Totp.Code(key, step + 1) });
        Assert.That(withCode.StatusCode, Is.EqualTo(HttpStatusCode.OK), await withCode.Content.ReadAsStringAsync());
        Assert.That(await LoginsAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Without_joining_on_first_sign_in_a_stranger_is_refused_and_nothing_is_created()
    {
        await ConfigureAsync(justInTime: false);
        var browser = Factory.CreateBrowserClient();
        var landed = await FollowAsync(browser, (await RoundTripAsync(browser, $"stranger@{Domain}")).Answer);
        Assert.That(landed.Headers.Location!.OriginalString, Is.EqualTo("/login?ssoError=not-invited"));
        Assert.That((await browser.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        await using var db = Database.CreateContext();
        Assert.That(await db.Users.AnyAsync(u => u.Email == $"stranger@{Domain}"), Is.False);
    }

    [Test]
    public async Task An_address_outside_the_institutions_domains_is_refused()
    {
        await ConfigureAsync();
        var browser = Factory.CreateBrowserClient();
        var landed = await FollowAsync(browser, (await RoundTripAsync(browser, "someone@elsewhere.example")).Answer);
        Assert.That(landed.Headers.Location!.OriginalString, Is.EqualTo("/login?ssoError=other-domain"));
        Assert.That((await browser.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task A_token_signed_by_a_key_the_provider_does_not_publish_is_refused()
    {
        await ConfigureAsync(rogueKeys: true);
        var browser = Factory.CreateBrowserClient();
        var (answer, _, _) = await RoundTripAsync(browser, $"new.person@{Domain}");
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(answer.Headers.Location!.OriginalString, Is.EqualTo("/login?ssoError=failed"));
        await AssertNobodySignedInAsync(browser);
    }

    [Test]
    public async Task A_provider_naming_another_issuer_than_the_configured_one_is_refused()
    {
        // The provider calls itself http://127.0.0.1:port; the organization configured http://localhost:port.
        await ConfigureAsync(issuerHost: "127.0.0.1");
        await using (var db = Database.CreateContext())
        {
            var connection = await db.SingleSignOnConnections.IgnoreQueryFilters().Include(c => c.Domains).SingleAsync();
            connection.Configure(true, $"http://localhost:{_provider!.Port}", connection.ClientId, [Domain], connection.DefaultRoleId, true, false,
                connection.ConfiguredBy, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        var browser = Factory.CreateBrowserClient();
        var (answer, _, _) = await RoundTripAsync(browser, $"new.person@{Domain}");
        Assert.That(answer.Headers.Location!.OriginalString, Is.EqualTo("/login?ssoError=failed"));
        await AssertNobodySignedInAsync(browser);
    }

    [Test]
    public async Task An_unreachable_provider_sends_the_browser_back_to_the_sign_in_page()
    {
        await ConfigureAsync(issuer: "http://localhost:1");
        var start = await Factory.CreateBrowserClient().GetAsync($"/api/auth/sso/{_lab.OrganizationId}/start?returnUrl=%2F");
        Assert.That(start.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(start.Headers.Location!.OriginalString, Is.EqualTo("/login?ssoError=failed"));
    }

    [Test]
    public async Task A_replayed_callback_is_refused()
    {
        await ConfigureAsync();
        var browser = Factory.CreateBrowserClient();
        var (answer, callback, _) = await RoundTripAsync(browser, $"new.person@{Domain}");
        Assert.That(answer.Headers.Location!.OriginalString, Does.StartWith($"/api/auth/sso/{_lab.OrganizationId}/complete"));

        // The same code and state again: in the same browser (its one-time correlation cookie is spent) and in another.
        var replayed = await browser.GetAsync(callback.PathAndQuery);
        Assert.That(replayed.Headers.Location!.OriginalString, Is.EqualTo("/login?ssoError=failed"));
        var elsewhere = Factory.CreateBrowserClient();
        Assert.That((await elsewhere.GetAsync(callback.PathAndQuery)).Headers.Location!.OriginalString, Is.EqualTo("/login?ssoError=failed"));
        await AssertNobodySignedInAsync(elsewhere);
        // A forged state is refused too.
        var forged = callback.PathAndQuery.Replace("state=", "state=x", StringComparison.Ordinal);
        Assert.That((await Factory.CreateBrowserClient().GetAsync(forged)).Headers.Location!.OriginalString, Is.EqualTo("/login?ssoError=failed"));
    }

    private async Task AssertNobodySignedInAsync(HttpClient browser)
    {
        Assert.That((await browser.GetAsync($"/api/auth/sso/{_lab.OrganizationId}/complete")).Headers.Location!.OriginalString,
            Is.EqualTo("/login?ssoError=expired"), "no checked answer is held");
        Assert.That((await browser.GetAsync("/api/auth/me")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        await using var db = Database.CreateContext();
        Assert.That(await db.Users.AnyAsync(u => u.Email == $"new.person@{Domain}"), Is.False);
    }

    [Test]
    public async Task Requiring_the_institution_needs_a_session_opened_there_then_stops_members_password_sign_in()
    {
        var supervisor = await ConfigureAsync();
        var body = new
        {
            enabled = true,
            issuer = _provider!.Issuer,
            clientId = TestIdentityProvider.ClientId,
            clientSecret = (string?)null,
            emailDomains = new[] { Domain },
            defaultRoleId = await RoleIdAsync(BuiltInRole.Analyst),
            justInTimeMembership = true,
            required = true,
        };
        var refused = await supervisor.SendUnsafeAsync(HttpMethod.Put, Settings, body);
        var problem = await Problems.AssertProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.That(problem.ToString(), Does.Contain("Sign in through the institution once yourself"));

        // The Supervisor links their account through the institution, then may require it.
        var viaInstitution = Factory.CreateBrowserClient();
        await FollowAsync(viaInstitution, (await RoundTripAsync(viaInstitution, _lab.Members[BuiltInRole.Supervisor].Email)).Answer);
        Assert.That((await viaInstitution.PostUnsafeAsync("/api/auth/sso/link", new { password = BrowserClientExtensions.Password })).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var required = await viaInstitution.SendUnsafeAsync(HttpMethod.Put, Settings, body);
        Assert.That(required.StatusCode, Is.EqualTo(HttpStatusCode.OK), await required.Content.ReadAsStringAsync());

        // A member of the institution's domain: the right password is refused, with the reason the sign-in page acts on.
        var password = await Factory.CreateBrowserClient().PostUnsafeAsync("/api/auth/login", new { email = _lab.Members[BuiltInRole.Analyst].Email, password = BrowserClientExtensions.Password });
        problem = await Problems.AssertProblemAsync(password, HttpStatusCode.Forbidden);
        Assert.That(problem.GetProperty("reason").GetString(), Is.EqualTo("sso-required"));
        // A wrong password says only what any wrong password says.
        await Problems.AssertProblemAsync(await Factory.CreateBrowserClient().PostUnsafeAsync("/api/auth/login",
            new { email = _lab.Members[BuiltInRole.Analyst].Email, password = "wrong password entirely" }), HttpStatusCode.Unauthorized);

        var method = await Factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>($"/api/auth/sso?email=someone%40{Domain}");
        Assert.That(method.GetProperty("method").GetString(), Is.EqualTo("sso"));
        Assert.That(method.GetProperty("organizationId").GetGuid(), Is.EqualTo(_lab.OrganizationId));
        Assert.That(method.GetProperty("required").GetBoolean(), Is.True);
        var other = await Factory.CreateBrowserClient().GetFromJsonAsync<JsonElement>("/api/auth/sso?email=someone%40elsewhere.example");
        Assert.That(other.GetProperty("method").GetString(), Is.EqualTo("password"));
    }

    [Test]
    public async Task A_session_opened_through_the_organizations_institution_meets_its_two_factor_rule()
    {
        await ConfigureAsync();
        await using (var db = Database.CreateContext())
        {
            var organization = await db.Organizations.SingleAsync(o => o.Id == _lab.OrganizationId);
            organization.SetSecurityPolicy(16, requireTwoFactor: true, null, null, true, 90);
            await db.SaveChangesAsync();
        }
        var byPassword = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email);
        await Problems.AssertProblemAsync(await byPassword.GetAsync(Workspaces), HttpStatusCode.Forbidden);

        var browser = Factory.CreateBrowserClient();
        await FollowAsync(browser, (await RoundTripAsync(browser, $"new.person@{Domain}")).Answer);
        Assert.That((await browser.GetAsync(Workspaces)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the institution answers for the factors and the password");
    }

    [Test]
    public async Task The_handler_refuses_unsigned_expired_and_foreign_audience_tokens()
    {
        // The provider signs correctly, so these are checked on the handler's own validation parameters (as built for
        // the organization), with a key standing in for the provider's.
        await ConfigureAsync();
        Assert.That((await Factory.CreateBrowserClient().GetAsync($"/api/auth/sso/{_lab.OrganizationId}/start")).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var options = Factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>>()
            .Get(VariantMiner.Infrastructure.Identity.SingleSignOn.SingleSignOnSchemes.SchemeOf(_lab.OrganizationId));
        var key = new Microsoft.IdentityModel.Tokens.RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "k1" };
        var parameters = options.TokenValidationParameters.Clone();
        parameters.IssuerSigningKey = key;
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();

        string Token(string? audience = null, DateTime? expires = null, bool signed = true)
        {
            var descriptor = new Microsoft.IdentityModel.Tokens.SecurityTokenDescriptor
            {
                Issuer = _provider!.Issuer,
                Audience = audience ?? TestIdentityProvider.ClientId,
                Claims = new Dictionary<string, object> { ["sub"] = "sub-someone" },
                IssuedAt = (expires ?? DateTime.UtcNow.AddMinutes(5)).AddMinutes(-10),
                NotBefore = (expires ?? DateTime.UtcNow.AddMinutes(5)).AddMinutes(-10),
                Expires = expires ?? DateTime.UtcNow.AddMinutes(5),
                SigningCredentials = signed ? new Microsoft.IdentityModel.Tokens.SigningCredentials(key, "RS256") : null,
            };
            return handler.CreateToken(descriptor);
        }

        Assert.That((await handler.ValidateTokenAsync(Token(), parameters)).IsValid, Is.True, "the control: a good token passes");
        var unsigned = Token(signed: false);
        Assert.That(unsigned.Split('.')[2], Is.Empty, "alg: none");
        Assert.That((await handler.ValidateTokenAsync(unsigned, parameters)).IsValid, Is.False, "unsigned");
        Assert.That((await handler.ValidateTokenAsync(Token(expires: DateTime.UtcNow.AddMinutes(-5)), parameters)).IsValid, Is.False, "expired");
        Assert.That((await handler.ValidateTokenAsync(Token(audience: "another-client"), parameters)).IsValid, Is.False, "another audience");
    }

    [Test]
    public async Task Settings_keep_the_secret_write_only_and_a_domain_to_one_organization()
    {
        var supervisor = await ConfigureAsync();
        var settings = await supervisor.GetFromJsonAsync<JsonElement>(Settings);
        Assert.That(settings.GetProperty("clientSecretSet").GetBoolean(), Is.True);
        Assert.That(settings.ToString(), Does.Not.Contain(TestIdentityProvider.ClientSecret));
        Assert.That(settings.GetProperty("redirectUri").GetString(), Is.EqualTo(Callback));
        await using (var db = Database.CreateContext())
        {
            var kept = await db.SingleSignOnConnections.IgnoreQueryFilters().Select(c => c.ProtectedClientSecret).SingleAsync();
            Assert.That(kept, Does.Not.Contain(TestIdentityProvider.ClientSecret), "kept encrypted");
        }

        SeededLab other;
        await using (var db = Database.CreateContext()) other = await SeededLab.CreateAsync(db, "Other Lab");
        var otherSupervisor = await Factory.SignedInClientAsync(other.Members[BuiltInRole.Supervisor].Email);
        Guid otherAnalyst;
        await using (var db = Database.CreateContext())
            otherAnalyst = await db.Roles.IgnoreQueryFilters().Where(r => r.OrganizationId == other.OrganizationId && r.Name == BuiltInRoles.NameOf(BuiltInRole.Analyst)).Select(r => r.Id).SingleAsync();
        var taken = await otherSupervisor.SendUnsafeAsync(HttpMethod.Put, $"/api/organizations/{other.OrganizationId}/settings/sso", new
        {
            enabled = true,
            issuer = _provider!.Issuer,
            clientId = "x",
            clientSecret = "y",
            emailDomains = new[] { Domain },
            defaultRoleId = otherAnalyst,
            justInTimeMembership = true,
            required = false,
        });
        var problem = await Problems.AssertProblemAsync(taken, HttpStatusCode.BadRequest);
        Assert.That(problem.ToString(), Does.Contain($"Another organization signs in people of {Domain} already"));
    }
}

using System.Text;
using Microsoft.AspNetCore.Authorization;

namespace VariantMiner.WebApi.Tests;

/// <summary>
/// Enumerates the endpoint data source, so every endpoint added later is covered without editing this file.
/// </summary>
public class EndpointSecurityTests(DatabaseProvider provider) : WebTestBase(provider)
{
    /// <summary>The only API routes anyone may call without signing in.</summary>
    private static readonly HashSet<string> AnonymousAllowList =
    [
        "GET /api/auth/antiforgery",
        "POST /api/auth/register",
        "POST /api/auth/login",
        "POST /api/auth/login/two-factor", // only with the short-lived cookie of a right password (TwoFactorTests)
        "POST /api/auth/logout",
        "POST /api/auth/verify-email",
        "POST /api/auth/confirm-email-change",
        "POST /api/auth/forgot-password",
        "POST /api/auth/reset-password",
        "POST /api/invitations/preview",
        "GET /api/auth/sso", // which sign-in an address uses; says nothing about accounts (SingleSignOnTests)
        "GET /api/auth/sso/{orgId:guid}/start", // a browser navigation to the institution's provider
        "GET /api/auth/sso/{orgId:guid}/complete", // only with the provider's checked answer in the short-lived cookie
        "POST /api/auth/sso/link", // the same, plus the account's password (and code)
        "* /api/{**path}", // the 404 answer for unknown API routes
    ];

    private IReadOnlyList<ApiEndpointCatalog.ApiEndpoint> ApiEndpoints() => ApiEndpointCatalog.All(Factory.Services);

    [Test]
    public void Every_api_endpoint_declares_its_authorization_and_only_the_allow_list_is_anonymous()
    {
        var endpoints = ApiEndpoints().ToList();
        Assert.That(endpoints, Has.Count.GreaterThan(AnonymousAllowList.Count));
        foreach (var api in endpoints)
        {
            var key = api.Key;
            var anonymous = api.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var authorized = api.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any();
            Assert.That(anonymous || authorized, Is.True, $"{key} declares neither RequireAuthorization nor AllowAnonymous");
            Assert.That(anonymous, Is.EqualTo(AnonymousAllowList.Contains(key)), $"{key}: anonymous access must match the allow-list");
        }
    }

    [Test]
    public async Task Anonymous_calls_to_every_protected_endpoint_get_a_401_problem()
    {
        var client = Factory.CreateBrowserClient();
        var protectedEndpoints = ApiEndpoints().Where(e => !AnonymousAllowList.Contains(e.Key)).ToList();
        Assert.That(protectedEndpoints, Is.Not.Empty);
        foreach (var api in protectedEndpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(api.Method), api.Url());
            if (api.IsUnsafe) request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            var response = await client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), api.Key);
            await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        }
    }
}

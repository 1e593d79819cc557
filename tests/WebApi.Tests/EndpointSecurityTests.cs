using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Infrastructure.Persistence;

namespace VariantMiner.WebApi.Tests;

/// <summary>
/// Enumerates the endpoint data source, so every endpoint added later is covered without editing this file.
/// </summary>
public partial class EndpointSecurityTests(DatabaseProvider provider) : WebTestBase(provider)
{
    /// <summary>The only API routes anyone may call without signing in.</summary>
    private static readonly HashSet<string> AnonymousAllowList =
    [
        "GET /api/auth/antiforgery",
        "POST /api/auth/register",
        "POST /api/auth/login",
        "POST /api/auth/logout",
        "* /api/{**path}", // the 404 answer for unknown API routes
    ];

    private IEnumerable<(string Method, RouteEndpoint Endpoint)> ApiEndpoints() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => (m, e)));

    private static string Key(string method, RouteEndpoint endpoint) => $"{method} {endpoint.RoutePattern.RawText}";

    [Test]
    public void Every_api_endpoint_declares_its_authorization_and_only_the_allow_list_is_anonymous()
    {
        var endpoints = ApiEndpoints().ToList();
        Assert.That(endpoints, Has.Count.GreaterThan(AnonymousAllowList.Count));
        foreach (var (method, endpoint) in endpoints)
        {
            var key = Key(method, endpoint);
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var authorized = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any();
            Assert.That(anonymous || authorized, Is.True, $"{key} declares neither RequireAuthorization nor AllowAnonymous");
            Assert.That(anonymous, Is.EqualTo(AnonymousAllowList.Contains(key)), $"{key}: anonymous access must match the allow-list");
        }
    }

    [Test]
    public async Task Anonymous_calls_to_every_protected_endpoint_get_a_401_problem()
    {
        var client = Factory.CreateBrowserClient();
        var protectedEndpoints = ApiEndpoints().Where(e => !AnonymousAllowList.Contains(Key(e.Method, e.Endpoint))).ToList();
        Assert.That(protectedEndpoints, Is.Not.Empty);
        foreach (var (method, endpoint) in protectedEndpoints)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(endpoint.RoutePattern.RawText!));
            if (method is "POST" or "PUT" or "PATCH" or "DELETE")
                request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
            var response = await client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), Key(method, endpoint));
            await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        }
    }

    /// <summary>Fills route parameters ({orgId:guid}, {id}) with a fresh UUID.</summary>
    private static string Concrete(string pattern) => RouteParameter().Replace(pattern, _ => Guid.CreateVersion7().ToString());

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}

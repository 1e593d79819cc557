using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace VariantMiner.WebApi.Tests;

/// <summary>Every API endpoint the host maps, read from its endpoint data source (so new endpoints are covered).</summary>
public static class ApiEndpointCatalog
{
    /// <summary>The variant key SeededSamples classifies and notes.</summary>
    public const string SeededVariantKey = "WBcel235:CHROMOSOME_I:1500:G:A";

    public sealed record ApiEndpoint(string Method, string Route, RouteEndpoint Endpoint)
    {
        public string Key => $"{Method} {Route}";
        public bool IsUnsafe => Method is "POST" or "PUT" or "PATCH" or "DELETE";
        /// <summary>A route of an organization's data (an institution's sign-in round trip, /api/auth/sso/{orgId}/…, is not: anonymous, SingleSignOnTests).</summary>
        public bool IsOrganizationScoped => Route.StartsWith("/api/organizations/{orgId", StringComparison.Ordinal);

        /// <summary>
        /// The route with its parameters filled in: {orgId:guid} → values["orgId"], unknown ones → a fresh UUID; an
        /// {…:int} parameter (a variant's number in its analysis) → 1, {variantKey} → the seeded classified variant's key.
        /// </summary>
        public string Url(IReadOnlyDictionary<string, Guid>? values = null) =>
            System.Text.RegularExpressions.Regex.Replace(Route, @"\{(?<name>[a-zA-Z]+)(?<constraint>[^}]*)\}", m =>
                m.Groups["constraint"].Value == ":int" ? "1"
                : m.Groups["name"].Value == "variantKey" ? SeededVariantKey
                : m.Groups["name"].Value == "month" ? DateTime.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)
                    : (values is not null && values.TryGetValue(m.Groups["name"].Value, out var id) ? id : Guid.CreateVersion7()).ToString());
    }

    public static IReadOnlyList<ApiEndpoint> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => new ApiEndpoint(m, e.RoutePattern.RawText!.TrimEnd('/'), e)))
            .ToList();
}

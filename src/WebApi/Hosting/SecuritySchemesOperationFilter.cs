using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace VariantMiner.WebApi.Hosting;

/// <summary>
/// Declares how each operation is authenticated, so generated clients and readers know: anonymous routes need nothing;
/// every other route takes the session cookie (the SPA's; unsafe methods also send X-XSRF-TOKEN), and an organization's
/// routes also take a personal access token (<c>Authorization: Bearer vm_pat_…</c>) or an organization client's OAuth
/// access token, of that organization.
/// </summary>
internal sealed class SecuritySchemesOperationFilter : IOperationFilter
{
    public const string Cookie = "cookie";
    public const string Bearer = "personalAccessToken";
    public const string OAuth = "organizationClient";

    public static void AddSchemes(SwaggerGenOptions options, string cookieName)
    {
        options.AddSecurityDefinition(Cookie, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = cookieName,
            Description = "The session of POST /api/auth/login. Unsafe methods (POST, PUT, PATCH, DELETE) also need the X-XSRF-TOKEN header from GET /api/auth/antiforgery.",
        });
        options.AddSecurityDefinition(Bearer, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "vm_pat_…",
            Description = "A personal access token (…/tokens): only for its own organization's routes, /api/organizations/{its id}/…; never in a query string.",
        });
        options.AddSecurityDefinition(OAuth, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "An organization client's access token (…/clients): client credentials at /connect/token, 15 minutes, its organization's routes only.",
            Flows = new OpenApiOAuthFlows { ClientCredentials = new OpenApiOAuthFlow { TokenUrl = new Uri(Application.ApiAccess.OAuthPaths.Token, UriKind.Relative) } },
        });
        options.OperationFilter<SecuritySchemesOperationFilter>();
    }

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security = [];
            return;
        }
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, context.Document)] = [] }];
        if (context.ApiDescription.RelativePath?.StartsWith("api/organizations/{orgId", StringComparison.Ordinal) == true)
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OAuth, context.Document)] = [] });
        }
    }
}

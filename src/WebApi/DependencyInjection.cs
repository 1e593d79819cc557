using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.OpenApi;
using VariantMiner.WebApi.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

public static class WebApiDependencyInjection
{
    public const string AuthCookieName = "__Host-VariantMiner";
    private const string DefaultScheme = "VariantMiner";
    public const string AntiforgeryCookieName = "__Host-VariantMiner.Antiforgery";
    public const string AntiforgeryHeaderName = "X-XSRF-TOKEN";

    public static IServiceCollection AddWebApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddHostedService<OwnerProcessWatch>();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<DeviceApprovals>();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            // Status-code-only answers (authorization middleware, unknown routes) still get a readable detail.
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                StatusCodes.Status400BadRequest => "The request is not valid.",
                StatusCodes.Status401Unauthorized => "You need to sign in to do this.",
                StatusCodes.Status403Forbidden => "You are not allowed to do this.",
                StatusCodes.Status404NotFound => "The resource was not found.",
                StatusCodes.Status405MethodNotAllowed => "This route does not accept that HTTP method.",
                _ => null,
            };
        });
        // Body-binding failures become exceptions, so the one handler turns them into readable problems.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            RequestBodyContract.Apply(o.SerializerOptions);
        });

        services.Configure<ForwardedHeadersOptions>(o =>
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        // A bearer token when the request carries one (scripts, the SDKs), else the session cookie (the SPA).
        services.AddAuthentication(DefaultScheme)
            .AddPolicyScheme(DefaultScheme, "Session cookie or personal access token", o => o.ForwardDefaultSelector = PersonalAccessTokenHandler.Select)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, PersonalAccessTokenHandler>(PersonalAccessTokenHandler.SchemeName, null);
        services.AddAuthentication().AddIdentityCookies();
        var idle = TimeSpan.FromMinutes(configuration.GetValue("Session:IdleTimeoutMinutes", 60));
        var absolute = TimeSpan.FromHours(configuration.GetValue("Session:AbsoluteTimeoutHours", 12));
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = AuthCookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.Path = "/";
            cookie.ExpireTimeSpan = idle;
            cookie.SlidingExpiration = true;
            // An API never redirects to a login page: the SPA shows its own.
            cookie.Events.OnRedirectToLogin = context => WriteStatus(context.HttpContext, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => WriteStatus(context.HttpContext, StatusCodes.Status403Forbidden);
            cookie.Events.OnValidatePrincipal = async context =>
            {
                if (context.Properties.IssuedUtc is { } issued && DateTimeOffset.UtcNow - issued > absolute)
                {
                    context.RejectPrincipal();
                    return;
                }
                await SessionValidator.ValidateAsync(context);
            };
        });
        // Holds an institution provider's checked answer between its callback and the end of the sign-in (or the link).
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, cookie =>
        {
            cookie.Cookie.Name = "__Host-vm-sso";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.Path = "/";
            cookie.ExpireTimeSpan = TimeSpan.FromMinutes(5);
        });
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme).Configure<IDataProtectionProvider>(
            (cookie, protection) => cookie.DataProtectionProvider = new CachingDataProtectionProvider(protection));
        // Logout and password changes take effect on the very next request.
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.Zero;
            // A rebuilt principal (the platform-admin flag changed) keeps how the session was opened.
            o.OnRefreshingPrincipal = context =>
            {
                var kept = context.CurrentPrincipal?.Claims.Where(c => VariantMiner.Infrastructure.Identity.VariantMinerClaims.Session.Contains(c.Type)).ToList() ?? [];
                if (context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity) identity.AddClaims(kept.Select(c => new System.Security.Claims.Claim(c.Type, c.Value)));
                return Task.CompletedTask;
            };
        });
        services.AddAuthorization();
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeaderName;
            o.Cookie.Name = AntiforgeryCookieName;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
        });

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "VariantMiner API",
                Version = "v1",
                Description = "Multi-tenant genomics platform. Errors are RFC 9457 problem details.",
            });
            o.SupportNonNullableReferenceTypes();
            // A nullable property of a referenced type (e.g. a sample's subject) is emitted as allOf + nullable.
            o.UseAllOfToExtendReferenceSchemas();
            o.SchemaFilter<RequiredPropertiesSchemaFilter>();
            o.OperationFilter<FhirRequestBodyFilter>();
            o.CustomSchemaIds(SchemaId);
            SecuritySchemesOperationFilter.AddSchemes(o, AuthCookieName);
        });
        return services;
    }

    /// <summary>ActivityDto → Activity; Page&lt;ActivityDto&gt; → ActivityPage: stable names for the generated SDKs.</summary>
    private static string SchemaId(Type type)
    {
        static string Trim(string name) => name.EndsWith("Dto", StringComparison.Ordinal) ? name[..^3] : name;
        if (!type.IsGenericType) return Trim(type.Name);
        var name = type.Name[..type.Name.IndexOf('`')];
        return string.Concat(type.GetGenericArguments().Select(SchemaId)) + name;
    }

    private static Task WriteStatus(HttpContext context, int status)
    {
        // Leave the body to the status-code pages, which write a problem document.
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}

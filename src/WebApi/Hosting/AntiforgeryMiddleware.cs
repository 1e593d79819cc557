using Microsoft.AspNetCore.Antiforgery;

namespace VariantMiner.WebApi.Hosting;

/// <summary>
/// Unsafe API calls (POST/PUT/PATCH/DELETE) must carry the antiforgery header, because the browser attaches the
/// session cookie on its own. Runs after authorization, so anonymous calls to protected endpoints still get 401. A
/// request authenticated by a bearer token (personal, or an organization client's) needs none: no browser attaches a bearer token on its own.
/// </summary>
internal sealed class AntiforgeryMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api") && !HttpMethods.IsGet(context.Request.Method)
            && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
            && !PersonalAccessTokenHandler.IsBearer(context.User))
        {
            await antiforgery.ValidateRequestAsync(context); // throws AntiforgeryValidationException → 400
        }
        await next(context);
    }
}

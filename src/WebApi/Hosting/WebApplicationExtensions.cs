using VariantMiner.Infrastructure.Persistence;

namespace VariantMiner.WebApi.Hosting;

internal static class WebApplicationExtensions
{
    /// <summary>Applies pending migrations before the first request (SQLite file created on first run).</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), settings);
    }

    /// <summary>
    /// Security headers on every response, error answers included: they are written when the response starts, so the
    /// exception handler clearing the response (it drops headers set earlier) cannot remove them.
    /// </summary>
    public static void UseSecurityHeaders(this WebApplication app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            if (!context.Request.Path.StartsWithSegments("/swagger"))
            {
                headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            }
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                headers.CacheControl = "no-cache, no-store";
                headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>Unknown /api routes answer a 404 problem, never the SPA's index.html.</summary>
    public static void MapApiNotFound(this WebApplication app) =>
        app.Map("/api/{**path}", () => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found",
                detail: "There is no such API route."))
            .AllowAnonymous()
            .ExcludeFromDescription();
}

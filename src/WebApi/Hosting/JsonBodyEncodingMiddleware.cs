using Microsoft.Net.Http.Headers;

namespace VariantMiner.WebApi.Hosting;

/// <summary>
/// JSON request bodies must be UTF-8 (RFC 8259 §8.1). A body declared in another or an unknown charset, or with a
/// Content-Type that cannot be parsed, is refused with a 415 problem before any endpoint tries to read it — the body
/// reader would otherwise throw an exception that is not about the request's content.
/// </summary>
internal sealed class JsonBodyEncodingMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType;
        if (contentType is not null && context.Request.Path.StartsWithSegments("/api") && Refusal(contentType) is { } detail)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = { Status = StatusCodes.Status415UnsupportedMediaType, Title = "Unsupported media type", Detail = detail },
            });
            return;
        }
        await next(context);
    }

    private static string? Refusal(string contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || media.MediaType.Length == 0)
            return "The Content-Type header cannot be read. Send request bodies as application/json; charset=utf-8.";
        var charsets = media.Parameters.Where(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)).ToList();
        if (charsets.Count == 0) return null;
        var charset = charsets[0].Value.ToString().Trim('"');
        if (charsets.Count == 1 && (charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)))
            return null;
        return $"Request bodies must be encoded as UTF-8; the Content-Type names the charset \"{charset}\". Send application/json; charset=utf-8.";
    }
}

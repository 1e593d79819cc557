using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VariantMiner.WebApi.Tests;

/// <summary>
/// A receiving server on this machine (Kestrel on a free loopback port) — a FHIR server, a webhook's receiver: it records
/// every request it receives (headers and body) and answers from a script — by default 200 with a FHIR transaction-response
/// naming where the report went.
/// </summary>
public sealed class HttpReceiver : IAsyncDisposable
{
    public sealed record Received(string Method, string Path, string? Authorization, string? ContentType, string Body, DateTimeOffset At,
        IReadOnlyDictionary<string, string> Headers);

    public sealed record Answer(int Status, string? Body = null, string? RetryAfter = null);

    public const string ReportLocation = "DiagnosticReport/1001/_history/1";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Answer> _script = new();

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>What it answers once the script is used up.</summary>
    public Answer Otherwise { get; set; } = new(200, $$$"""
        {"resourceType":"Bundle","type":"transaction-response","entry":[{"response":{"status":"201 Created","location":"{{{ReportLocation}}}"}}]}
        """);

    private HttpReceiver(WebApplication app) => _app = app;

    public string BaseUrl => _app.Urls.Single() + "/fhir";
    public string WebhookUrl => _app.Urls.Single() + "/hooks/variantminer";

    public void Then(params Answer[] answers)
    {
        foreach (var answer in answers) _script.Enqueue(answer);
    }

    public static async Task<HttpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new HttpReceiver(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            receiver.Requests.Enqueue(new Received(context.Request.Method, context.Request.Path, context.Request.Headers.Authorization.ToString(),
                context.Request.ContentType, await reader.ReadToEndAsync(), DateTimeOffset.UtcNow,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            var answer = receiver._script.TryDequeue(out var next) ? next : receiver.Otherwise;
            context.Response.StatusCode = answer.Status;
            if (answer.RetryAfter is not null) context.Response.Headers.RetryAfter = answer.RetryAfter;
            if (answer.Body is not null)
            {
                context.Response.ContentType = "application/fhir+json";
                await context.Response.WriteAsync(answer.Body);
            }
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

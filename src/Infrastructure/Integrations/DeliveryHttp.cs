using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using VariantMiner.Infrastructure.Networking;

namespace VariantMiner.Infrastructure.Integrations;

/// <summary>What one round of sending came to.</summary>
/// <param name="Transient">Trying again later may help (no connection, time-out, 408, 429, 5xx).</param>
/// <param name="Location">What the receiver said it keeps the delivery as (read from a successful answer), if anything.</param>
public sealed record DeliveryOutcome(bool Delivered, bool Transient, int? StatusCode, string? Location, string? Error, TimeSpan? RetryAfter)
{
    public static DeliveryOutcome Refused(int? status, string error) => new(false, false, status, null, error, null);
}

/// <summary>
/// Sends one round of a delivery to a configured server (through the outbound guard: public addresses only, checked at
/// every connection): up to four attempts by Polly — exponential back-off with jitter, or the server's Retry-After —
/// for passing failures; a refusal trying again cannot change (400, 401, 403, 422…) ends the round at once. Shared by
/// every outbox worker.
/// </summary>
public sealed class DeliveryHttp(IOptions<IntegrationOptions> options, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);
    private const int AttemptsPerRound = 4;

    private readonly HttpClient _http = new OutboundGuard(options.Value.AllowPrivateNetworkEndpoints).Client(AttemptTimeout);

    public bool SendsInBackground => options.Value.SendInBackground;

    /// <summary>Longer than the longest round (every attempt timing out, every wait the longest Retry-After), with a margin.</summary>
    public TimeSpan Claim => AttemptsPerRound * AttemptTimeout + (AttemptsPerRound - 1) * options.Value.MaxRetryAfter + TimeSpan.FromMinutes(2);

    /// <param name="request">Makes each attempt's request (a request is sent once).</param>
    /// <param name="location">Reads where the receiver keeps it from a successful answer.</param>
    public async Task<DeliveryOutcome> SendAsync(Func<HttpRequestMessage> request, Func<HttpResponseMessage, CancellationToken, Task<string?>>? location,
        CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Pipeline.ExecuteAsync(async ct =>
            {
                using var message = request();
                return await _http.SendAsync(message, ct);
            }, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
                return new DeliveryOutcome(true, false, status, response.Headers.Location?.ToString()
                    ?? (location is null ? null : await location(response, cancellationToken)), null, null);
            var error = $"{status} {response.ReasonPhrase}: {await ExcerptAsync(response, cancellationToken)}".TrimEnd(' ', ':');
            return new DeliveryOutcome(false, IsTransient(response.StatusCode), status, null, error, RetryAfter(response));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new DeliveryOutcome(false, true, null, null, e is TaskCanceledException ? $"No answer within {AttemptTimeout.TotalSeconds:0} seconds." : e.Message, null);
        }
    }

    /// <summary>When to try the next round: the delivery's back-off, or the server's Retry-After if longer; null when trying again cannot help.</summary>
    public DateTimeOffset? RetryAt(DeliveryOutcome outcome, TimeSpan backOff) =>
        outcome.Transient ? clock.GetUtcNow() + (outcome.RetryAfter is { } after && after > backOff ? after : backOff) : null;

    private ResiliencePipeline<HttpResponseMessage> Pipeline => field ??= new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
        .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
        {
            MaxRetryAttempts = AttemptsPerRound - 1,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.Value.RetryDelay,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: HttpRequestException or TaskCanceledException } => !args.Context.CancellationToken.IsCancellationRequested,
                { Result: { } response } => IsTransient(response.StatusCode) && (RetryAfter(response) ?? TimeSpan.Zero) <= options.Value.MaxRetryAfter,
                _ => false,
            }),
            DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response) : null),
        })
        .Build();

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500 && status != HttpStatusCode.NotImplemented;

    /// <summary>The server's Retry-After: seconds, or a date.</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - clock.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>The start of what the server said, for the delivery's error.</summary>
    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return body.Length > 500 ? body[..500] + "…" : body;
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>The loop of an outbox worker: every two seconds, sends what is due until nothing is (each failure logged, never fatal).</summary>
public abstract class DeliveryWorker(DeliveryHttp http, TimeProvider clock, Microsoft.Extensions.Logging.ILogger logger) : Microsoft.Extensions.Hosting.BackgroundService
{
    protected DeliveryHttp Http { get; } = http;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected TimeProvider Clock { get; } = clock;
    protected Microsoft.Extensions.Logging.ILogger Logger { get; } = logger;

    /// <summary>Sends the next due delivery (one round); false when none is due.</summary>
    public abstract Task<bool> DeliverNextAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Http.SendsInBackground) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DeliverNextAsync(stoppingToken)) { }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Microsoft.Extensions.Logging.LoggerExtensions.LogError(Logger, e, "{Worker} failed; retrying", GetType().Name);
            }
            await Task.Delay(Interval, Clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }
}

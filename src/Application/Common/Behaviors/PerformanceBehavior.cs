using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VariantMiner.Application.Common.Behaviors;

public sealed class PerformanceOptions
{
    /// <summary>Requests slower than this are logged as warnings (configuration key Performance:SlowRequestMilliseconds).</summary>
    public int SlowRequestMilliseconds { get; set; } = 500;
}

/// <summary>Warns about slow requests so they can be found in the logs.</summary>
public sealed class PerformanceBehavior<TMessage, TResponse>(
    ILogger<PerformanceBehavior<TMessage, TResponse>> logger, IOptions<PerformanceOptions> options)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await next(message, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (elapsed.TotalMilliseconds > options.Value.SlowRequestMilliseconds)
            logger.LogWarning("Slow request {RequestName}: {ElapsedMilliseconds} ms", typeof(TMessage).Name, (long)elapsed.TotalMilliseconds);
        return response;
    }
}

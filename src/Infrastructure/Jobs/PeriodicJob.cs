using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace VariantMiner.Infrastructure.Jobs;

/// <summary>
/// A background job that runs every <see cref="Interval"/> in its own DI scope; a failed run is logged and retried at
/// the next interval (the work is idempotent: each run picks up what is left).
/// </summary>
public abstract class PeriodicJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    /// <summary>How long after start-up the first run waits (at once unless a job says otherwise).</summary>
    protected virtual TimeSpan FirstRunAfter => TimeSpan.Zero;

    protected abstract Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(FirstRunAfter, clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunAsync(scope.ServiceProvider, clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Job} failed; retrying at the next interval", GetType().Name);
            }
            await Task.Delay(Interval, clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }
}

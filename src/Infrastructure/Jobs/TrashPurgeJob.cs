using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VariantMiner.Application.Trash;

namespace VariantMiner.Infrastructure.Jobs;

/// <summary>Purges trashed samples and subjects once their retention period has passed (configuration section <c>Trash</c>).</summary>
public sealed class TrashPurgeJob(IServiceScopeFactory scopes, IOptions<TrashOptions> options, TimeProvider clock, ILogger<TrashPurgeJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.RetentionDays);
                var purged = await scope.ServiceProvider.GetRequiredService<TrashPurge>().PurgeDeletedBeforeAsync(cutoff, stoppingToken);
                if (purged > 0) logger.LogInformation("Purged {Count} items deleted before {Cutoff:u} from the trash", purged, cutoff);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A restore racing the purge is a concurrency conflict: that item stays, the rest is retried next round.
                logger.LogError(e, "Purging the trash failed; retrying at the next interval");
            }
            await Task.Delay(options.Value.PurgeInterval, clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }
}

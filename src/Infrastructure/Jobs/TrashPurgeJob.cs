using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VariantMiner.Application.Trash;

namespace VariantMiner.Infrastructure.Jobs;

/// <summary>
/// Purges trashed samples and subjects once their retention period has passed (configuration section <c>Trash</c>),
/// then drops the variant tables of analyses that went with them.
/// </summary>
public sealed class TrashPurgeJob(IServiceScopeFactory scopes, IOptions<TrashOptions> options, TimeProvider clock, ILogger<TrashPurgeJob> logger)
    : PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Interval => options.Value.PurgeInterval;

    protected override async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = now - TimeSpan.FromDays(options.Value.RetentionDays);
        var purged = await services.GetRequiredService<TrashPurge>().PurgeDeletedBeforeAsync(cutoff, cancellationToken);
        if (purged > 0) logger.LogInformation("Purged {Count} items deleted before {Cutoff:u} from the trash", purged, cutoff);
        await services.GetRequiredService<Variants.VariantPartitions>().DropOrphansAsync(cancellationToken);
    }
}

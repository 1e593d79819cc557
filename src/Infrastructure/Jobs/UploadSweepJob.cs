using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VariantMiner.Application.Files;

namespace VariantMiner.Infrastructure.Jobs;

/// <summary>Removes expired unfinished uploads and their bytes (configuration section <c>Uploads</c>).</summary>
public sealed class UploadSweepJob(IServiceScopeFactory scopes, IOptions<UploadOptions> options, TimeProvider clock, ILogger<UploadSweepJob> logger)
    : PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var removed = await services.GetRequiredService<UploadSweep>().RemoveExpiredAsync(now, cancellationToken);
        if (removed > 0) logger.LogInformation("Removed {Count} expired uploads", removed);
    }
}

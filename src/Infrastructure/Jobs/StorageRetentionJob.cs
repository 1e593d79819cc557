using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VariantMiner.Application.Files;

namespace VariantMiner.Infrastructure.Jobs;

/// <summary>
/// Applies the organizations' storage preferences every <c>Storage:RetentionSweepInterval</c> (default 1 h): for each
/// organization that has one, the sweep runs inside that organization's scope (the tenant filters hold).
/// </summary>
public sealed class StorageRetentionJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<StorageRetentionJob> logger)
    : PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Interval => configuration.GetValue("Storage:RetentionSweepInterval", TimeSpan.FromHours(1));

    protected override async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var organizations = await services.GetRequiredService<AppDbContext>().Organizations.AsNoTracking()
            .Where(o => o.DeleteFastqDaysAfterAnalysis != null || o.DeleteBamDaysAfterAnalysis != null).Select(o => o.Id).ToListAsync(cancellationToken);
        foreach (var organizationId in organizations)
        {
            await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<OrganizationContext>().Enter(OrganizationAccess.ForSystem(organizationId, Guid.Empty), null);
            var deleted = await scope.ServiceProvider.GetRequiredService<StorageRetentionSweep>().RunAsync(organizationId, now, cancellationToken);
            if (deleted > 0) logger.LogInformation("Deleted {Count} files of organization {Organization} per its storage preferences", deleted, organizationId);
        }
    }
}

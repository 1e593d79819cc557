using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VariantMiner.Application.Usage;

namespace VariantMiner.Infrastructure.Jobs;

/// <summary>
/// Every <c>Usage:Interval</c> (default 15 min), for each organization in its own scope: storage measured per
/// workspace, statements of closed months stored, quota alerts sent (<see cref="UsageRound"/>).
/// </summary>
public sealed class UsageJob(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<UsageJob> logger)
    : PeriodicJob(scopes, clock, logger)
{
    protected override TimeSpan Interval => configuration.GetValue("Usage:Interval", TimeSpan.FromMinutes(15));

    /// <summary>Not at start-up: a restart does not measure every organization again (and a test host never does unasked).</summary>
    protected override TimeSpan FirstRunAfter => Interval;

    protected override async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var organizations = await services.GetRequiredService<AppDbContext>().Organizations.AsNoTracking().Select(o => o.Id).ToListAsync(cancellationToken);
        foreach (var organizationId in organizations)
        {
            try
            {
                await using var scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<OrganizationContext>().Enter(OrganizationAccess.ForSystem(organizationId, Guid.Empty), null);
                await scope.ServiceProvider.GetRequiredService<UsageRound>().RunAsync(organizationId, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One organization's failure (another replica closed the same month first) does not stop the others.
                logger.LogWarning(e, "Usage round of organization {Organization} failed; it runs again at the next interval", organizationId);
            }
        }
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;

namespace VariantMiner.Infrastructure.Jobs;

/// <summary>
/// Removes the authorization server's spent entries — expired or revoked tokens and authorizations more than a day old —
/// which would otherwise grow by one row per token issued.
/// </summary>
public sealed class OAuthPruneJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OAuthPruneJob> logger) : PeriodicJob(scopes, clock, logger)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task RunAsync(IServiceProvider services, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var removed = await PruneAsync(services, now - KeptFor, cancellationToken);
        if (removed > 0) logger.LogInformation("Pruned {Count} spent OAuth tokens and authorizations", removed);
    }

    public static async Task<long> PruneAsync(IServiceProvider services, DateTimeOffset threshold, CancellationToken cancellationToken) =>
        await services.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, cancellationToken)
        + await services.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, cancellationToken);
}

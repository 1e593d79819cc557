using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VariantMiner.Domain.Analyses;

namespace VariantMiner.Infrastructure.Analyses;

/// <summary>
/// Takes runs from the queue (<see cref="RunQueue"/>) in <see cref="WorkerOptions.Slots"/> loops: each loop takes over
/// runs whose worker died (retried once, then SYSTEM_ERROR), claims the oldest queued run and executes it; when there
/// is none it prepares a waiting reference bundle, else sleeps for the poll interval. Every piece of work runs in its
/// own DI scope inside the organization the work belongs to.
/// </summary>
public sealed class AnalysisWorker(IServiceScopeFactory scopes, IOptions<WorkerOptions> options, TimeProvider clock, ILogger<AnalysisWorker> logger)
    : BackgroundService
{
    /// <summary>This process's name in the lease column (host and process id), so an operator can tell who holds a run.</summary>
    public static readonly string Name = $"{Environment.MachineName}:{Environment.ProcessId}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => !options.Value.Enabled ? Task.CompletedTask :
        Task.WhenAll(Enumerable.Range(1, Math.Max(1, options.Value.Slots)).Select(slot => LoopAsync($"{Name}#{slot}", stoppingToken)));

    private async Task LoopAsync(string worker, CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            bool busy;
            try
            {
                busy = await TakeOverExpiredAsync(worker, stoppingToken) | await RunNextAsync(worker, stoppingToken) || await PrepareNextReferenceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
            catch (Exception e)
            {
                logger.LogError(e, "The analysis worker {Worker} failed; trying again shortly", worker);
                busy = false;
            }
            if (!busy) await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    /// <summary>Runs whose lease expired: a second attempt goes back to the queue, a run out of attempts ends in SYSTEM_ERROR.</summary>
    private async Task<bool> TakeOverExpiredAsync(string worker, CancellationToken stoppingToken)
    {
        List<ClaimedRun> expired;
        await using (var scope = scopes.CreateAsyncScope())
            expired = await scope.ServiceProvider.GetRequiredService<RunQueue>().ExpiredAsync(clock.GetUtcNow(), stoppingToken);
        foreach (var claimed in expired)
        {
            await using var scope = Enter(claimed.OrganizationId, claimed.WorkspaceId);
            var queue = scope.ServiceProvider.GetRequiredService<RunQueue>();
            if (!await queue.TakeOverAsync(claimed.Id, worker, clock.GetUtcNow(), options.Value.Lease, stoppingToken)) continue;
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var run = await db.Analyses.SingleAsync(a => a.Id == claimed.Id, stoppingToken);
            scope.ServiceProvider.GetRequiredService<RunFiles>().KillLeftoverEngines(run.OrganizationId, run.Id);
            var now = clock.GetUtcNow();
            if (run.Status == AnalysisStatus.CANCELING) run.Finish(AnalysisStatus.CANCELED, now, "Cancelled; its worker stopped before confirming.");
            else if (run.Attempts < options.Value.MaxAttempts) run.Requeue();
            else run.Finish(AnalysisStatus.SYSTEM_ERROR, now,
                $"The worker running it stopped {run.Attempts} times (no heartbeat for {options.Value.Lease.TotalSeconds:0} s); retry it when the workers are healthy.");
            // A dead worker may have imported part of the variants: they go (the next attempt imports them again).
            await scope.ServiceProvider.GetRequiredService<Variants.VariantPartitions>().DeleteAsync(run.Id, stoppingToken);
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().InTransactionAsync(() => db.SaveChangesAsync(stoppingToken), stoppingToken);
            await queue.ReleaseAsync(run.Id, stoppingToken);
            logger.LogWarning("Run {Run} lost its worker; now {Status}", run.Id, run.Status);
        }
        return expired.Count > 0;
    }

    private async Task<bool> RunNextAsync(string worker, CancellationToken stoppingToken)
    {
        ClaimedRun? claimed;
        await using (var scope = scopes.CreateAsyncScope())
            claimed = await scope.ServiceProvider.GetRequiredService<RunQueue>().ClaimAsync(worker, clock.GetUtcNow(), options.Value.Lease, stoppingToken);
        if (claimed is null) return false;
        await using (var scope = Enter(claimed.OrganizationId, claimed.WorkspaceId))
            await scope.ServiceProvider.GetRequiredService<RunExecutor>().ExecuteAsync(claimed, worker, stoppingToken);
        return true;
    }

    private async Task<bool> PrepareNextReferenceAsync(CancellationToken stoppingToken)
    {
        ClaimedRun? claimed;
        await using (var scope = scopes.CreateAsyncScope())
            claimed = await scope.ServiceProvider.GetRequiredService<RunQueue>().ClaimReferenceAsync(clock.GetUtcNow(), stoppingToken);
        if (claimed is null) return false;
        await using (var scope = Enter(claimed.OrganizationId, Guid.Empty))
            await scope.ServiceProvider.GetRequiredService<ReferenceFiles>().PrepareAsync(claimed.Id, clock.GetUtcNow(), stoppingToken);
        return true;
    }

    private AsyncServiceScope Enter(Guid organizationId, Guid workspaceId)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<OrganizationContext>().Enter(OrganizationAccess.ForSystem(organizationId, workspaceId), workspaceId);
        return scope;
    }
}

using System.Diagnostics;

namespace VariantMiner.WebApi.Hosting;

/// <summary>
/// When started by <c>./build.sh run</c> (which sets <c>VARIANTMINER_OWNER_PID</c> to its own process id), the server
/// stops as soon as that process is gone — however it was stopped, <c>kill -9</c> included — instead of staying behind
/// listening on the port. Without the variable this does nothing.
/// </summary>
internal sealed class OwnerProcessWatch(IHostApplicationLifetime lifetime, ILogger<OwnerProcessWatch> logger) : BackgroundService
{
    public const string Variable = "VARIANTMINER_OWNER_PID";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!int.TryParse(Environment.GetEnvironmentVariable(Variable), out var owner)) return;
        while (IsRunning(owner))
        {
            try { await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
        logger.LogInformation("The process that started the server ({Owner}) has stopped; stopping too", owner);
        lifetime.StopApplication();
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}

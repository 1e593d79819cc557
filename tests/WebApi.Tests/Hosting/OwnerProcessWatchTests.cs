using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using VariantMiner.WebApi.Hosting;

namespace VariantMiner.WebApi.Tests.Hosting;

/// <summary>The server started by ./build.sh run stops when the process that started it is gone (even after kill -9).</summary>
[NonParallelizable]
public class OwnerProcessWatchTests
{
    private sealed class Lifetime : IHostApplicationLifetime
    {
        public TaskCompletionSource Stopped { get; } = new();
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() => Stopped.TrySetResult();
    }

    [Test]
    public async Task The_server_stops_once_its_owner_is_killed_and_not_before()
    {
        using var owner = Process.Start(new ProcessStartInfo("sleep", "60"))!;
        var lifetime = new Lifetime();
        Environment.SetEnvironmentVariable(OwnerProcessWatch.Variable, owner.Id.ToString());
        try
        {
            using var watch = new OwnerProcessWatch(lifetime, NullLogger<OwnerProcessWatch>.Instance);
            await watch.StartAsync(CancellationToken.None);
            await Task.Delay(1500);
            Assert.That(lifetime.Stopped.Task.IsCompleted, Is.False, "the owner is alive");
            owner.Kill();
            await owner.WaitForExitAsync();
            Assert.That(await Task.WhenAny(lifetime.Stopped.Task, Task.Delay(10_000)), Is.SameAs(lifetime.Stopped.Task));
            await watch.StopAsync(CancellationToken.None);
        }
        finally
        {
            Environment.SetEnvironmentVariable(OwnerProcessWatch.Variable, null);
        }
    }
}

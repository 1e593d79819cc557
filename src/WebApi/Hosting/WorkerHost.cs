namespace VariantMiner.WebApi.Hosting;

/// <summary>
/// The same binary started with <c>--worker</c> (or <c>./build.sh worker</c>): no web server, only the run queue's
/// worker (and the housekeeping jobs), against the database and data directory the configuration names — on another
/// machine sharing both with the web process.
/// </summary>
public static class WorkerHost
{
    public const string Flag = "--worker";

    public static async Task RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args.Where(a => a != Flag).ToArray());
        builder.Configuration["Workers:Enabled"] = "true";
        builder.Services.AddApplication();
        builder.Services.AddInfrastructure();
        builder.Services.AddSingleton<ICurrentUser, NoCurrentUser>();
        await builder.Build().RunAsync();
    }

    /// <summary>Work a worker does is nobody's request: no signed-in user (audit rows have no actor).</summary>
    private sealed class NoCurrentUser : ICurrentUser
    {
        public Guid? UserId => null;
        public bool IsPlatformAdmin => false;
    }
}

using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Application.Common.Security;
using VariantMiner.Infrastructure.Persistence;
using VariantMiner.TestSupport;

namespace VariantMiner.Application.FunctionalTests;

/// <summary>
/// Runs requests through the real mediator pipeline against a real, migrated database — SQLite and PostgreSQL —
/// reset before every test. <see cref="RunAsUser"/> decides who the caller is.
/// </summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public abstract class FunctionalTestBase(DatabaseProvider provider)
{
    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private readonly TestCurrentUser _currentUser = new();

    protected DatabaseProvider Provider => provider;
    protected TestDatabase Database => _database;

    [OneTimeSetUp]
    public async Task CreateDatabase() => _database = await TestDatabase.CreateAsync(provider);

    [OneTimeTearDown]
    public async Task DropDatabase()
    {
        if (_database is not null) await _database.DisposeAsync();
    }

    [SetUp]
    public async Task ResetState()
    {
        await _database.ResetAsync();
        _currentUser.Set(null, false);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataDirectory"] = _database.DataDirectory,
            ["Database:Provider"] = provider.ToString(),
            [$"ConnectionStrings:{provider}"] = _database.ConnectionString,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddApplication();
        services.AddInfrastructure();
        services.AddSingleton<ICurrentUser>(_currentUser);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    [TearDown]
    public async Task DisposeServices() => await _services.DisposeAsync();

    protected void RunAsUser(Guid userId, bool platformAdmin = false) => _currentUser.Set(userId, platformAdmin);

    protected void RunAsAnonymous() => _currentUser.Set(null, false);

    /// <summary>One request in its own DI scope, exactly as one HTTP request would run.</summary>
    protected async Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    protected async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    /// <summary>Direct database access for arranging and asserting, outside any organization scope.</summary>
    protected async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var db = _database.CreateContext();
        return await action(db);
    }

    private sealed class TestCurrentUser : ICurrentUser
    {
        public Guid? UserId { get; private set; }
        public bool IsPlatformAdmin { get; private set; }

        public void Set(Guid? userId, bool platformAdmin)
        {
            UserId = userId;
            IsPlatformAdmin = platformAdmin;
        }
    }
}

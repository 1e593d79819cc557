using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Application.Common.Security;

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
    private ServiceProvider? _services;
    private readonly TestCurrentUser _currentUser = new();
    private readonly Dictionary<string, string?> _settings = [];

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
        _settings.Clear();
    }

    [TearDown]
    public async Task DisposeServices()
    {
        if (_services is not null) await _services.DisposeAsync();
        _services = null;
    }

    /// <summary>Overrides a configuration value for this test; call before the first request.</summary>
    protected void UseSetting(string key, string? value)
    {
        if (_services is not null) throw new InvalidOperationException("Settings must be given before the first request.");
        _settings[key] = value;
    }

    private ServiceProvider Services => _services ??= BuildServices();

    private ServiceProvider BuildServices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["DataDirectory"] = _database.DataDirectory,
            ["Database:Provider"] = provider.ToString(),
            [$"ConnectionStrings:{provider}"] = _database.ConnectionString,
        }).AddInMemoryCollection(_settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddApplication();
        services.AddInfrastructure();
        services.AddSingleton<ICurrentUser>(_currentUser);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    protected void RunAsUser(Guid userId, bool platformAdmin = false) => _currentUser.Set(userId, platformAdmin);

    protected void RunAsAnonymous() => _currentUser.Set(null, false);

    /// <summary>One request in its own DI scope, exactly as one HTTP request would run.</summary>
    protected async Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }

    protected async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    protected async Task SendAsync(ICommand command)
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(command);
    }

    /// <summary>A service of one request's DI scope (e.g. to call an infrastructure service directly).</summary>
    protected async Task<T> InScopeAsync<TService, T>(Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
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

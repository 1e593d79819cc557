namespace VariantMiner.WebApi.Tests;

/// <summary>One host per fixture and provider; the database is emptied before every test.</summary>
[TestFixture(DatabaseProvider.Sqlite)]
[TestFixture(DatabaseProvider.Postgres)]
public abstract class WebTestBase(DatabaseProvider provider)
{
    protected TestDatabase Database { get; private set; } = null!;
    protected VariantMinerFactory Factory { get; private set; } = null!;
    protected DatabaseProvider Provider => provider;

    /// <summary>Configuration of this fixture's host (see <see cref="VariantMinerFactory"/>).</summary>
    protected virtual IReadOnlyDictionary<string, string>? HostSettings => null;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        Database = await TestDatabase.CreateAsync(provider);
        Factory = new VariantMinerFactory(Database, HostSettings);
    }

    [OneTimeTearDown]
    public async Task StopHost()
    {
        if (Factory is not null) await Factory.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
    }

    [SetUp]
    public Task EmptyDatabase() => Database.ResetAsync();
}

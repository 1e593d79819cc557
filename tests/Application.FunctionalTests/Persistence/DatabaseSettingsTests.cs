using Microsoft.Extensions.Configuration;
using Npgsql;

namespace VariantMiner.Application.FunctionalTests.Persistence;

public class DatabaseSettingsTests
{
    [Test]
    public void PostgreSQL_prepares_repeated_statements_unless_the_connection_string_says_otherwise()
    {
        var defaulted = new NpgsqlConnectionStringBuilder(Settings("Host=db;Username=vm").ConnectionString);
        var explicitOff = new NpgsqlConnectionStringBuilder(Settings("Host=db;Username=vm;Max Auto Prepare=0").ConnectionString);

        Assert.That(defaulted.MaxAutoPrepare, Is.EqualTo(20));
        Assert.That(defaulted.AutoPrepareMinUsages, Is.EqualTo(2));
        Assert.That(defaulted.Host, Is.EqualTo("db"));
        Assert.That(explicitOff.MaxAutoPrepare, Is.Zero);
    }

    private static DatabaseSettings Settings(string connectionString) => DatabaseSettings.From(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Postgres"] = connectionString,
        }).Build());
}

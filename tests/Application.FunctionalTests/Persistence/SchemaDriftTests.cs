namespace VariantMiner.Application.FunctionalTests.Persistence;

/// <summary>
/// The hand-written migrations must produce exactly the schema the EF model describes: a database built by the
/// migrations is compared with one built from the model by EnsureCreated (allowed here, in a test only).
/// </summary>
public class SchemaDriftTests(DatabaseProvider provider) : FunctionalTestBase(provider)
{
    [Test]
    public async Task Migrated_schema_equals_the_model()
    {
        var fromModel = await Database.CreateEmptySiblingAsync();
        await using (var db = TestDatabase.CreateContext(fromModel))
        {
            await db.Database.EnsureCreatedAsync();
        }

        await using var migrated = Database.CreateContext();
        await using var modelled = TestDatabase.CreateContext(fromModel);
        var migratedSchema = await SchemaSnapshot.ReadAsync(migrated, Provider);
        var modelSchema = await SchemaSnapshot.ReadAsync(modelled, Provider);

        Assert.That(migratedSchema, Is.Not.Empty);
        var missing = modelSchema.Except(migratedSchema).ToList();
        var extra = migratedSchema.Except(modelSchema).ToList();
        Assert.That(missing.Concat(extra), Is.Empty,
            $"Schema drift.\nIn the model but not migrated:\n  {string.Join("\n  ", missing)}\nMigrated but not in the model:\n  {string.Join("\n  ", extra)}");
    }
}

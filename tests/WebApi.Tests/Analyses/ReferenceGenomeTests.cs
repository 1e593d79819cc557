using System.Net.Http.Headers;
using VariantMiner.Domain.Analyses;

namespace VariantMiner.WebApi.Tests.Analyses;

/// <summary>
/// The genome browser reads a Ready bundle's prepared genome and its index through HTTP Range; a bundle still being
/// prepared answers 409 with the reason (the SPA then offers no browser).
/// </summary>
public class ReferenceGenomeTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private SeededLab _lab = null!;
    private SeededSamples _seeded = null!;
    private HttpClient _analyst = null!;

    private string References => $"/api/organizations/{_lab.OrganizationId}/references";

    [SetUp]
    public async Task Seed()
    {
        await using (var db = Database.CreateContext()) _lab = await SeededLab.CreateAsync(db, "Genome Lab");
        await using (var db = Database.CreateContext()) _seeded = await SeededSamples.CreateAsync(db, _lab);
        SeededSamples.WritePreparedGenome(Factory.Services, _lab.OrganizationId, _seeded.ReferenceId);
        _analyst = await Factory.SignedInClientAsync(_lab.Members[BuiltInRole.Analyst].Email);
    }

    [Test]
    public async Task A_range_of_the_genome_and_the_whole_index_are_served()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{References}/{_seeded.ReferenceId}/genome");
        request.Headers.Range = new RangeHeaderValue(14, 23);
        var partial = await _analyst.SendAsync(request);
        Assert.That(partial.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
        Assert.That(await partial.Content.ReadAsStringAsync(), Is.EqualTo(SeededSamples.PreparedGenome.Substring(14, 10)), "CHROMOSOME_I's first line");
        Assert.That(partial.Content.Headers.ContentRange?.Length, Is.EqualTo(SeededSamples.PreparedGenome.Length));

        var index = await _analyst.GetStringAsync($"{References}/{_seeded.ReferenceId}/genome-index");
        Assert.That(index, Does.StartWith("CHROMOSOME_I\t20\t14\t10\t11\n"));
    }

    [Test]
    public async Task A_bundle_not_ready_is_refused_with_its_state_and_an_unknown_one_is_not_found()
    {
        await using (var db = Database.CreateContext())
        {
            var bundle = await db.ReferenceBundles.IgnoreQueryFilters().SingleAsync(b => b.Id == _seeded.ReferenceId);
            bundle.PreparationFailed("samtools faidx failed");
            await db.SaveChangesAsync();
        }
        var refused = await _analyst.GetAsync($"{References}/{_seeded.ReferenceId}/genome");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        Assert.That((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), Does.Contain("is failed, not ready"));

        Assert.That((await _analyst.GetAsync($"{References}/{Guid.NewGuid()}/genome-index")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}

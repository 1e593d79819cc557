using VariantMiner.Application.Samples.Queries.ListSamples;

namespace VariantMiner.Application.FunctionalTests.Samples;

public class PagingTests(DatabaseProvider provider) : SampleTestBase(provider)
{
    private async Task<List<string>> AllPagesAsync(ListSamples query)
    {
        var names = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await SendAsync(query with { Cursor = cursor });
            Assert.That(page.Total is null, Is.EqualTo(cursor is not null), "the total comes with the first page only");
            names.AddRange(page.Items.Select(i => i.Name));
            cursor = page.NextCursor;
            Assert.That(++pages, Is.LessThan(50));
        } while (cursor is not null);
        return names;
    }

    [Test]
    public async Task Keyset_pages_cover_every_row_once_newest_first_or_by_name()
    {
        await ArrangeOrganizationAsync();
        var created = new List<string>();
        foreach (var name in new[] { "m", "c", "x", "a", "q", "b", "z" })
        {
            await DefineAsync(name, name is "c" or "a" ? "WES" : "WGS");
            created.Add(name);
        }
        Assert.That(await AllPagesAsync(new ListSamples(Org, General) { Limit = 3 }), Is.EqualTo(Enumerable.Reverse(created)));
        Assert.That(await AllPagesAsync(new ListSamples(Org, General) { Limit = 2, Sort = "name" }), Is.EqualTo(created.Order(StringComparer.Ordinal)));
        Assert.That(await AllPagesAsync(new ListSamples(Org, General) { Limit = 1, Assay = "WES" }), Is.EqualTo(new[] { "a", "c" }));
        Assert.That(await AllPagesAsync(new ListSamples(Org, General) { Limit = 2, Status = "defined", AssignedTo = "me" }), Has.Count.EqualTo(7));
    }

    [Test]
    public async Task Bad_filters_and_cursors_are_400s()
    {
        await ArrangeOrganizationAsync();
        Assert.ThrowsAsync<ValidationException>(() => SendAsync(new ListSamples(Org, General) { Assay = "Nanopore" }));
        Assert.ThrowsAsync<ValidationException>(() => SendAsync(new ListSamples(Org, General) { Status = "Sequenced" }));
        Assert.ThrowsAsync<ValidationException>(() => SendAsync(new ListSamples(Org, General) { AssignedTo = "you" }));
        Assert.ThrowsAsync<ValidationException>(() => SendAsync(new ListSamples(Org, General) { Sort = "size" }));
        Assert.ThrowsAsync<ValidationException>(() => SendAsync(new ListSamples(Org, General) { Cursor = "not a cursor" }));
        for (var i = 0; i < 3; i++) await DefineAsync($"S{i}");
        var byCreated = await SendAsync(new ListSamples(Org, General) { Limit = 1 });
        Assert.ThrowsAsync<ValidationException>(() => SendAsync(new ListSamples(Org, General) { Sort = "name", Cursor = byCreated.NextCursor }),
            "a cursor of another sort order is refused");
        Assert.That((await SendAsync(new ListSamples(Org, General) { Limit = 5000 })).Items, Has.Count.EqualTo(3), "limit is capped, not refused");
    }
}

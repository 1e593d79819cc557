using System.Collections.Concurrent;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Samples;
using VariantMiner.Infrastructure.Analyses;

namespace VariantMiner.WebApi.Tests.Analyses;

/// <summary>
/// The run queue on each provider: workers racing for queued runs each get different ones and together get all of them;
/// a lease can be renewed only by its holder; an expired lease is taken over by exactly one of the workers trying.
/// </summary>
public class RunQueueTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private async Task<List<Guid>> QueueAsync(int count)
    {
        await using var db = Database.CreateContext();
        var lab = await SeededLab.CreateAsync(db, "Queue Lab");
        var creator = lab.Members[BuiltInRole.Supervisor].UserId;
        var now = DateTimeOffset.UtcNow;
        var sample = new Sample(lab.OrganizationId, lab.WorkspaceId, "Q1", "WGS", null, creator, now);
        db.Samples.Add(sample);
        var runs = Enumerable.Range(0, count)
            .Select(i => new Analysis(lab.OrganizationId, lab.WorkspaceId, "test-slow", "{}", [sample.Id], [], ["wait"], creator, now.AddMilliseconds(i))).ToList();
        db.Analyses.AddRange(runs);
        await db.SaveChangesAsync();
        return runs.Select(r => r.Id).ToList();
    }

    [Test]
    public async Task Racing_workers_claim_every_queued_run_exactly_once()
    {
        var queued = await QueueAsync(60);
        var claimed = new ConcurrentBag<(string Worker, Guid Run)>();
        await Task.WhenAll(Enumerable.Range(1, 3).Select(n => Task.Run(async () =>
        {
            var worker = $"worker-{n}";
            while (true)
            {
                await using var db = Database.CreateContext();
                var run = await new RunQueue(db).ClaimAsync(worker, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), CancellationToken.None);
                if (run is null) return;
                claimed.Add((worker, run.Id));
            }
        })));

        Assert.That(claimed.Select(c => c.Run), Is.EquivalentTo(queued), "each run once, none lost");
        await using var check = Database.CreateContext();
        var states = await check.Analyses.IgnoreQueryFilters().Select(a => new { a.Status, a.Attempts }).ToListAsync();
        Assert.That(states.All(s => s.Status == AnalysisStatus.INITIALIZING && s.Attempts == 1));
        TestContext.Out.WriteLine(string.Join(", ", claimed.GroupBy(c => c.Worker).Select(g => $"{g.Key}: {g.Count()}")));
    }

    [Test]
    public async Task Only_the_holder_renews_a_lease_and_exactly_one_worker_takes_over_an_expired_one()
    {
        var run = (await QueueAsync(1))[0];
        var start = DateTimeOffset.UtcNow;
        await using (var db = Database.CreateContext())
        {
            var queue = new RunQueue(db);
            Assert.That((await queue.ClaimAsync("a", start, TimeSpan.FromSeconds(30), CancellationToken.None))!.Id, Is.EqualTo(run));
            Assert.That(await queue.RenewAsync(run, "b", start, TimeSpan.FromSeconds(30), CancellationToken.None), Is.False);
            Assert.That(await queue.RenewAsync(run, "a", start, TimeSpan.FromSeconds(30), CancellationToken.None), Is.True);
            Assert.That(await queue.ExpiredAsync(start.AddSeconds(10), CancellationToken.None), Is.Empty);
            Assert.That((await queue.ExpiredAsync(start.AddMinutes(1), CancellationToken.None)).Select(r => r.Id), Is.EqualTo(new[] { run }));
        }

        var later = start.AddMinutes(1);
        var results = await Task.WhenAll(Enumerable.Range(1, 4).Select(n => Task.Run(async () =>
        {
            await using var db = Database.CreateContext();
            return await new RunQueue(db).TakeOverAsync(run, $"taker-{n}", later, TimeSpan.FromSeconds(30), CancellationToken.None);
        })));
        Assert.That(results.Count(r => r), Is.EqualTo(1));
        await using (var db = Database.CreateContext())
            Assert.That(await new RunQueue(db).RenewAsync(run, "a", later, TimeSpan.FromSeconds(30), CancellationToken.None), Is.False,
                "the worker that lost its lease learns it at its next heartbeat");
    }
}

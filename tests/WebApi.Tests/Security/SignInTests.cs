using System.Diagnostics;

namespace VariantMiner.WebApi.Tests.Security;

/// <summary>
/// Sign-in does not tell whether an account exists: an unknown address, a wrong password and a locked account get the
/// same answer in about the same time; the owner of a locked account is told by e-mail.
/// </summary>
public class SignInTests(DatabaseProvider provider) : WebTestBase(provider)
{
    private async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        await client.PostUnsafeAsync("/api/auth/login", new { email, password });

    private static async Task<string> AnswerAsync(HttpResponseMessage response)
    {
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return $"{(int)response.StatusCode} {problem.GetProperty("title").GetString()} {problem.GetProperty("detail").GetString()}";
    }

    private async Task LockAsync(HttpClient client, string email)
    {
        for (var i = 0; i < 5; i++) await LoginAsync(client, email, "wrong password " + i);
    }

    [Test]
    public async Task Unknown_wrong_and_locked_answer_alike_and_the_locked_owner_is_told_by_email_once()
    {
        await using (var db = Database.CreateContext())
        {
            await TestData.AddUserAsync(db, "real@lab.example");
            await TestData.AddUserAsync(db, "locked@lab.example");
        }
        var client = Factory.CreateBrowserClient();
        await LockAsync(client, "locked@lab.example");

        var unknown = await AnswerAsync(await LoginAsync(client, "nobody@lab.example", "some password here"));
        var wrong = await AnswerAsync(await LoginAsync(client, "real@lab.example", "some password here"));
        var locked = await AnswerAsync(await LoginAsync(client, "locked@lab.example", TestData.Password));
        Assert.That(new[] { wrong, locked }, Has.All.EqualTo(unknown));
        Assert.That(unknown, Does.StartWith("401"));

        await LoginAsync(client, "locked@lab.example", TestData.Password);
        var mails = await Mailbox.BodiesAsync(Database, "locked@lab.example");
        Assert.That(mails, Has.Count.EqualTo(1), "one e-mail when the account gets locked, not one per later try");
        Assert.That(mails[0], Does.Contain("locked"));
        Assert.That(await Mailbox.BodiesAsync(Database, "nobody@lab.example"), Is.Empty);
    }

    /// <summary>
    /// Medians of many tries, interleaved so machine noise hits every kind alike. Before the fix an unknown address
    /// answered about ten times faster than a wrong password (no hash computed); the margin here is a factor of two.
    /// </summary>
    [Test]
    public async Task Unknown_wrong_and_locked_take_about_the_same_time()
    {
        const int tries = 15;
        await using (var db = Database.CreateContext())
        {
            await TestData.AddUserAsync(db, "locked@lab.example");
            for (var i = 0; i < tries; i++) await TestData.AddUserAsync(db, $"real{i}@lab.example");
        }
        var client = Factory.CreateBrowserClient();
        await LockAsync(client, "locked@lab.example");
        await LoginAsync(client, "warm-up@lab.example", "some password here");

        var times = new Dictionary<string, List<double>> { ["unknown"] = [], ["wrong"] = [], ["locked"] = [] };
        for (var i = 0; i < tries; i++)
        {
            foreach (var (kind, email) in new[] { ("unknown", $"nobody{i}@lab.example"), ("wrong", $"real{i}@lab.example"), ("locked", "locked@lab.example") })
            {
                var watch = Stopwatch.StartNew();
                var response = await LoginAsync(client, email, "some password here");
                times[kind].Add(watch.Elapsed.TotalMilliseconds);
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            }
        }
        static double Median(List<double> xs) => xs.Order().ElementAt(xs.Count / 2);
        var medians = times.ToDictionary(t => t.Key, t => Median(t.Value));
        var report = string.Join(", ", medians.Select(m => $"{m.Key} {m.Value:F1} ms"));
        TestContext.Out.WriteLine($"sign-in medians: {report}");
        Assert.That(medians["unknown"], Is.GreaterThan(medians["wrong"] / 2), report);
        Assert.That(medians["locked"], Is.GreaterThan(medians["wrong"] / 2), report);
        Assert.That(medians["wrong"], Is.GreaterThan(Math.Max(medians["unknown"], medians["locked"]) / 2), report);
    }
}

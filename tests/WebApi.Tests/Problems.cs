namespace VariantMiner.WebApi.Tests;

public static class Problems
{
    /// <summary>Asserts an RFC 9457 problem document with the status and a readable detail; returns it for more checks.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.That(problem.GetProperty("status").GetInt32(), Is.EqualTo((int)status));
        Assert.That(problem.GetProperty("title").GetString(), Is.Not.Empty);
        Assert.That(problem.GetProperty("detail").GetString(), Is.Not.Null.And.Not.Empty, "every problem needs a human-readable detail");
        return problem;
    }
}

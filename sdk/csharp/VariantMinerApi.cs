using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace VariantMiner.Sdk;

/// <summary>
/// Creates the API client. A personal access token (<c>vm_pat_…</c>, from the organization's API tokens page) speaks for
/// one organization, with its owner's current role there; so does an OAuth access token (an organization client's, or
/// the command line's), which expires and is fetched again through the second overload.
/// </summary>
public static class VariantMinerApi
{
    /// <param name="baseUrl">The server, e.g. https://variantminer.example.org.</param>
    /// <param name="http">An HttpClient to send through (tests pass the test server's); a new one when null.</param>
    public static VariantMinerClient Connect(string baseUrl, string personalAccessToken, HttpClient? http = null) =>
        Connect(baseUrl, _ => Task.FromResult(personalAccessToken), http);

    /// <param name="bearer">Gives the token for each request (a cached access token, a new one once it has expired).</param>
    public static VariantMinerClient Connect(string baseUrl, Func<CancellationToken, Task<string>> bearer, HttpClient? http = null)
    {
        var adapter = new HttpClientRequestAdapter(new BearerToken(bearer), httpClient: http ?? new HttpClient())
        {
            BaseUrl = baseUrl.TrimEnd('/'),
        };
        return new VariantMinerClient(adapter);
    }

    private sealed class BearerToken(Func<CancellationToken, Task<string>> bearer) : IAuthenticationProvider
    {
        public async Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null,
            CancellationToken cancellationToken = default) =>
            request.Headers.Add("Authorization", $"Bearer {await bearer(cancellationToken)}");
    }
}

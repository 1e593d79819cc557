using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace VariantMiner.Sdk;

/// <summary>
/// Creates the API client. A personal access token (<c>vm_pat_…</c>, from the organization's API tokens page) speaks for
/// one organization, with its owner's current role there.
/// </summary>
public static class VariantMinerApi
{
    /// <param name="baseUrl">The server, e.g. https://variantminer.example.org.</param>
    /// <param name="http">An HttpClient to send through (tests pass the test server's); a new one when null.</param>
    public static VariantMinerClient Connect(string baseUrl, string personalAccessToken, HttpClient? http = null)
    {
        var adapter = new HttpClientRequestAdapter(new BearerToken(personalAccessToken), httpClient: http ?? new HttpClient())
        {
            BaseUrl = baseUrl.TrimEnd('/'),
        };
        return new VariantMinerClient(adapter);
    }

    private sealed class BearerToken(string token) : IAuthenticationProvider
    {
        public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null,
            CancellationToken cancellationToken = default)
        {
            request.Headers.Add("Authorization", $"Bearer {token}");
            return Task.CompletedTask;
        }
    }
}

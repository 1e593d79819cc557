using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace VariantMiner.Cli;

/// <summary>The authorization server's two endpoints as the command line uses them (RFC 6749, RFC 8628).</summary>
public static class OAuth
{
    /// <summary>The command line's registration on every server (a public client: no secret).</summary>
    public const string CliClientId = "vm-cli";
    public const string DeviceCodeGrant = "urn:ietf:params:oauth:grant-type:device_code";

    public sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string? AccessToken,
        [property: JsonPropertyName("expires_in")] int? ExpiresIn,
        [property: JsonPropertyName("refresh_token")] string? RefreshToken,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("error_description")] string? ErrorDescription);

    public sealed record DeviceResponse(
        [property: JsonPropertyName("device_code")] string DeviceCode,
        [property: JsonPropertyName("user_code")] string UserCode,
        [property: JsonPropertyName("verification_uri")] string VerificationUri,
        [property: JsonPropertyName("verification_uri_complete")] string? VerificationUriComplete,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("interval")] int? Interval);

    public static async Task<TokenResponse> TokenAsync(HttpClient http, IDictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync("connect/token", new FormUrlEncodedContent(form), cancellationToken);
        return await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken)
            ?? throw new CliException(ExitCodes.Failed, $"The token endpoint answered {(int)response.StatusCode} without a body.");
    }

    public static async Task<DeviceResponse> StartDeviceAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync("connect/device", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = CliClientId,
            ["scope"] = "offline_access",
        }), cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new CliException(ExitCodes.Failed, $"The server did not start a device sign-in ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync(cancellationToken)}");
        return (await response.Content.ReadFromJsonAsync<DeviceResponse>(cancellationToken))!;
    }

    /// <summary>The access token, or a refusal that says why and what to do.</summary>
    public static (string Token, DateTimeOffset ExpiresAt) Accept(TokenResponse response, DateTimeOffset now, string whatToDo) =>
        response.AccessToken is { Length: > 0 } token
            ? (token, now.AddSeconds(response.ExpiresIn ?? 300))
            : throw new CliException(ExitCodes.NotSignedIn, $"{response.ErrorDescription ?? response.Error ?? "The server refused the credential."} {whatToDo}");
}

using System.Net.Http.Json;

namespace VariantMiner.Cli;

/// <summary>
/// <c>vm login</c>: with a personal access token, with an organization client's id and secret, or — without either —
/// by the device authorization grant (the person approves the code in the browser, where institution sign-in works).
/// Every credential speaks for one organization; the server names it.
/// </summary>
public static class Login
{
    public static async Task<Credentials> WithTokenAsync(CliContext context, string server, string token, CancellationToken cancellationToken) =>
        await IdentifyAsync(context, server, token, cancellationToken);

    public static async Task<Credentials> WithClientAsync(CliContext context, string server, string clientId, string clientSecret, CancellationToken cancellationToken)
    {
        using var http = context.CreateHttp(server);
        var response = await OAuth.TokenAsync(http, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
        }, cancellationToken);
        var (token, expires) = OAuth.Accept(response, DateTimeOffset.UtcNow, "Check the client id and secret (the organization's API clients page).");
        var identified = await IdentifyAsync(context, server, token, cancellationToken);
        return identified with { TokenExpiresAt = expires, ClientId = clientId, ClientSecret = clientSecret };
    }

    public static async Task<Credentials> WithDeviceAsync(CliContext context, string server, CancellationToken cancellationToken)
    {
        using var http = context.CreateHttp(server);
        var device = await OAuth.StartDeviceAsync(http, cancellationToken);
        await context.Error.WriteLineAsync($"Open {device.VerificationUriComplete ?? device.VerificationUri} in a browser, sign in, and approve the code {device.UserCode}.");
        await context.Error.WriteLineAsync("Waiting for the approval…");
        var interval = device.Interval is { } seconds && context.PollInterval >= TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(seconds) : context.PollInterval;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(device.ExpiresIn);
        while (DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(interval, cancellationToken);
            var response = await OAuth.TokenAsync(http, new Dictionary<string, string>
            {
                ["grant_type"] = OAuth.DeviceCodeGrant,
                ["client_id"] = OAuth.CliClientId,
                ["device_code"] = device.DeviceCode,
            }, cancellationToken);
            switch (response.Error)
            {
                case "authorization_pending": continue;
                case "slow_down": interval += TimeSpan.FromSeconds(5); continue;
                case "access_denied": throw new CliException(ExitCodes.NotSignedIn, "The code was refused in the browser.");
                case "expired_token": throw new CliException(ExitCodes.NotSignedIn, "The code expired before it was approved. Run vm login again.");
            }
            var (token, expires) = OAuth.Accept(response, DateTimeOffset.UtcNow, "Run vm login again.");
            var identified = await IdentifyAsync(context, server, token, cancellationToken);
            return identified with { TokenExpiresAt = expires, RefreshToken = response.RefreshToken };
        }
        throw new CliException(ExitCodes.NotSignedIn, "The code expired before it was approved. Run vm login again.");
    }

    /// <summary>Ends a device sign-in's refresh token at the server (its last access token lapses within minutes).</summary>
    public static async Task RevokeAsync(CliContext context, string server, string refreshToken, CancellationToken cancellationToken)
    {
        using var http = context.CreateHttp(server);
        using var response = await http.PostAsync("connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = OAuth.CliClientId,
            ["token"] = refreshToken,
            ["token_type_hint"] = "refresh_token",
        }), cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new CliException(ExitCodes.Failed, $"The server did not end the sign-in ({(int)response.StatusCode}); it is still saved. Try again, or remove {context.ConfigDirectory}.");
    }

    /// <summary>Which organization the token speaks for (a bearer token lists exactly that one).</summary>
    public static async Task<Credentials> IdentifyAsync(CliContext context, string server, string token, CancellationToken cancellationToken)
    {
        using var http = context.CreateHttp(server);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/organizations");
        request.Headers.Authorization = new("Bearer", token);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException failure)
        {
            throw new CliException(ExitCodes.Failed, $"Cannot reach {server}: {failure.Message}");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode) throw new CliException(ExitCodes.ForStatus((int)response.StatusCode), CliException.Status((int)response.StatusCode));
            var organizations = await response.Content.ReadFromJsonAsync<List<OrganizationListItem>>(cancellationToken) ?? [];
            if (organizations is not [var organization])
                throw new CliException(ExitCodes.Failed, $"The server named {organizations.Count} organizations for this token; expected exactly one.");
            return new Credentials { Server = server.TrimEnd('/'), OrganizationId = organization.Id, OrganizationName = organization.Name, Token = token };
        }
    }

    private sealed record OrganizationListItem(Guid Id, string Name);
}

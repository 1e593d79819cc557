using VariantMiner.Sdk;

namespace VariantMiner.Cli;

/// <summary>
/// The signed-in connection a command works through: the API client (the C# SDK) and a plain HttpClient for tus, both
/// with a bearer token that is fetched again when it expires (client credentials, the device sign-in's refresh token).
/// </summary>
public sealed class Connection : IDisposable
{
    private readonly CliContext context;
    private readonly CredentialStore store;
    private readonly HttpClient sdkHttp;
    private Credentials credentials;

    private Connection(CliContext context, CredentialStore store, Credentials credentials)
    {
        this.context = context;
        this.store = store;
        this.credentials = credentials;
        Http = context.CreateHttp(credentials.Server);
        sdkHttp = context.CreateHttp(credentials.Server);
        Api = VariantMinerApi.Connect(credentials.Server, BearerAsync, sdkHttp);
    }

    public VariantMinerClient Api { get; }
    /// <summary>For what the SDK does not describe (tus); send with <see cref="AuthorizeAsync"/>.</summary>
    public HttpClient Http { get; }
    public Guid OrganizationId => credentials.OrganizationId;
    public string Server => credentials.Server;

    /// <summary>The environment's token (<c>VM_SERVER</c> + <c>VM_TOKEN</c>) when set, else what <c>vm login</c> saved.</summary>
    public static async Task<Connection> OpenAsync(CliContext context, CancellationToken cancellationToken)
    {
        var store = new CredentialStore(context.ConfigDirectory);
        if (context.TokenFromEnvironment is { Length: > 0 } token)
        {
            var server = context.ServerFromEnvironment is { Length: > 0 } s ? s
                : store.Load()?.Server ?? throw new CliException(ExitCodes.Usage, "VM_TOKEN is set but not VM_SERVER: set the server's address too.");
            return new Connection(context, store, await Login.IdentifyAsync(context, server, token, cancellationToken));
        }
        var saved = store.Load() ?? throw new CliException(ExitCodes.NotSignedIn, "Not signed in. Run vm login (or set VM_SERVER and VM_TOKEN).");
        return new Connection(context, store, saved);
    }

    public async Task AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        request.Headers.Authorization = new("Bearer", await BearerAsync(cancellationToken));

    private async Task<string> BearerAsync(CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        if (credentials.Token is { } token && (credentials.TokenExpiresAt is null || credentials.TokenExpiresAt > now.AddSeconds(30))) return token;
        var form = credentials switch
        {
            { ClientId: { } id, ClientSecret: { } secret } => new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = id, ["client_secret"] = secret },
            { RefreshToken: { } refresh } => new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["client_id"] = OAuth.CliClientId, ["refresh_token"] = refresh },
            _ => throw new CliException(ExitCodes.NotSignedIn, "The sign-in has expired. Run vm login."),
        };
        var response = await OAuth.TokenAsync(Http, form, cancellationToken);
        var (access, expires) = OAuth.Accept(response, now, "Run vm login.");
        credentials = credentials with { Token = access, TokenExpiresAt = expires, RefreshToken = response.RefreshToken ?? credentials.RefreshToken };
        if (context.TokenFromEnvironment is not { Length: > 0 }) store.Save(credentials);
        return access;
    }

    public void Dispose()
    {
        Http.Dispose();
        sdkHttp.Dispose();
    }
}

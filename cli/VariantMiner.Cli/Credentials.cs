using System.Text.Json;
using System.Text.Json.Serialization;

namespace VariantMiner.Cli;

/// <summary>How <c>vm</c> signed in: which server and organization, and the credential.</summary>
public sealed record Credentials
{
    public required string Server { get; init; }
    public required Guid OrganizationId { get; init; }
    public required string OrganizationName { get; init; }
    /// <summary>A personal access token, or the current access token of the other two kinds.</summary>
    public string? Token { get; init; }
    public DateTimeOffset? TokenExpiresAt { get; init; }
    /// <summary>The device sign-in's refresh token (a new access token without the browser).</summary>
    public string? RefreshToken { get; init; }
    /// <summary>An organization client's id and secret (client credentials: a new access token when one expires).</summary>
    public string? ClientId { get; init; }
    public string? ClientSecret { get; init; }

    [JsonIgnore] public string Kind => ClientId is not null ? "organization client" : RefreshToken is not null ? "device sign-in" : "token";
}

/// <summary>The sign-in on disk: one JSON file only its owner may read (it holds a secret).</summary>
public sealed class CredentialStore(string directory)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private string FilePath => Path.Combine(directory, "credentials.json");

    public Credentials? Load() => File.Exists(FilePath) ? JsonSerializer.Deserialize<Credentials>(File.ReadAllText(FilePath), Json) : null;

    public void Save(Credentials credentials)
    {
        Directory.CreateDirectory(directory);
        var temporary = FilePath + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options)) JsonSerializer.Serialize(stream, credentials, Json);
        File.Move(temporary, FilePath, overwrite: true);
    }

    public bool Delete()
    {
        if (!File.Exists(FilePath)) return false;
        File.Delete(FilePath);
        return true;
    }
}

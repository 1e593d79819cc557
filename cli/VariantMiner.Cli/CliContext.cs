namespace VariantMiner.Cli;

/// <summary>
/// Everything <c>vm</c> reads from or writes to outside itself, so tests run it in-process against a test server with
/// their own writers and configuration folder.
/// </summary>
public sealed class CliContext
{
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    /// <summary>Where the sign-in and unfinished uploads are kept (<c>VM_CONFIG_DIR</c>, else ~/.config/variantminer).</summary>
    public required string ConfigDirectory { get; init; }
    /// <summary><c>VM_SERVER</c> and <c>VM_TOKEN</c>: a token from the environment instead of <c>vm login</c> (scripts, CI).</summary>
    public string? ServerFromEnvironment { get; init; }
    public string? TokenFromEnvironment { get; init; }
    /// <summary>Sends the requests (tests: the test server's handler); a new socket handler when null.</summary>
    public HttpMessageHandler? Handler { get; init; }
    /// <summary>Whether standard error is a terminal (a redrawn progress bar) or a log (a line per tenth).</summary>
    public bool Interactive { get; init; }
    /// <summary>How long to wait between polls (device sign-in, <c>--wait</c>); tests shorten it.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(5);

    public static CliContext FromProcess()
    {
        var config = Environment.GetEnvironmentVariable("VM_CONFIG_DIR") is { Length: > 0 } dir ? dir
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"), "variantminer");
        return new CliContext
        {
            Out = Console.Out,
            Error = Console.Error,
            ConfigDirectory = config,
            ServerFromEnvironment = Environment.GetEnvironmentVariable("VM_SERVER"),
            TokenFromEnvironment = Environment.GetEnvironmentVariable("VM_TOKEN"),
            Interactive = !Console.IsErrorRedirected,
        };
    }

    public HttpClient CreateHttp(string server) =>
        new(Handler ?? new SocketsHttpHandler(), disposeHandler: Handler is null) { BaseAddress = new Uri(server.TrimEnd('/') + "/") };
}

using Microsoft.Extensions.Options;
using VariantMiner.Application.Integrations;
using VariantMiner.Infrastructure.Networking;

namespace VariantMiner.Infrastructure.Integrations;

/// <summary>Configuration section <c>Integrations</c>: how reports and events reach organizations' servers (FHIR, webhook).</summary>
public sealed class IntegrationOptions
{
    /// <summary>
    /// Lets FHIR servers and webhooks be reached over http and at private, loopback or link-local addresses: a server on the same
    /// machine, for development and tests only. Off by default (an administrator must not make the server call into its
    /// own network).
    /// </summary>
    public bool AllowPrivateNetworkEndpoints { get; set; }

    /// <summary>
    /// Whether this process sends deliveries in the background (default). Off in the tests' hosts, whose database file is
    /// replaced between tests: they send by calling the workers themselves.
    /// </summary>
    public bool SendInBackground { get; set; } = true;

    /// <summary>The first wait between attempts within a round (doubled each time, with jitter), unless the server says Retry-After.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest Retry-After honoured within a round; a longer one ends the round and the next round waits for it.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);
}

internal sealed class OutboundEndpoints(IOptions<IntegrationOptions> options) : IOutboundEndpoints
{
    public Task<string?> RefusalAsync(string url, string what, CancellationToken cancellationToken) =>
        new OutboundGuard(options.Value.AllowPrivateNetworkEndpoints).RefusalAsync(url, what, cancellationToken);
}

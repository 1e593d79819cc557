using Microsoft.Extensions.Options;
using VariantMiner.Application.Integrations;
using VariantMiner.Infrastructure.Networking;

namespace VariantMiner.Infrastructure.Integrations;

/// <summary>Configuration section <c>Integrations</c>: how reports are pushed to organizations' FHIR servers.</summary>
public sealed class IntegrationOptions
{
    /// <summary>
    /// Lets FHIR servers be reached over http and at private, loopback or link-local addresses: a server on the same
    /// machine, for development and tests only. Off by default (an administrator must not make the server call into its
    /// own network).
    /// </summary>
    public bool AllowPrivateNetworkEndpoints { get; set; }

    /// <summary>The first wait between attempts within a round (doubled each time, with jitter), unless the server says Retry-After.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest Retry-After honoured within a round; a longer one ends the round and the next round waits for it.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);
}

internal sealed class FhirEndpoints(IOptions<IntegrationOptions> options) : IFhirEndpoints
{
    public Task<string?> RefusalAsync(string baseUrl, CancellationToken cancellationToken) =>
        new OutboundGuard(options.Value.AllowPrivateNetworkEndpoints).RefusalAsync(baseUrl, "The FHIR server's address", cancellationToken);
}

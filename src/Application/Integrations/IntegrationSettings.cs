using FluentValidation.Results;
using VariantMiner.Domain.Integrations;

namespace VariantMiner.Application.Integrations;

/// <param name="FhirBaseUrl">The FHIR server final reports are pushed to (its base address); null: not pushed.</param>
/// <param name="FhirAuthentication">none, bearer or basic.</param>
/// <param name="FhirSecretSet">Whether a token or password is kept (it is never shown again).</param>
/// <param name="WebhookUrl">Where the organization's events are posted; null: no webhook.</param>
/// <param name="WebhookSecretSet">Whether the signing secret is kept (it is never shown again).</param>
public sealed record IntegrationSettingsDto(string? FhirBaseUrl, string FhirAuthentication, string? FhirUserName, bool FhirSecretSet, string? WebhookUrl,
    bool WebhookSecretSet, DateTimeOffset? UpdatedAt)
{
    internal static IntegrationSettingsDto From(IntegrationSettings? s) => s is null
        ? new(null, "none", null, false, null, false, null)
        : new(s.FhirBaseUrl, s.FhirAuthentication.ToString().ToLowerInvariant(), s.FhirUserName, s.ProtectedFhirSecret is not null, s.WebhookUrl,
            s.ProtectedWebhookSecret is not null, s.UpdatedAt);
}

/// <summary>Where the product may send an organization's data: the server-side-request-forgery guard for configured addresses.</summary>
public interface IOutboundEndpoints
{
    /// <summary>Why the address may not be used (a sentence for the person configuring it, starting with <paramref name="what"/>); null when it may.</summary>
    Task<string?> RefusalAsync(string url, string what, CancellationToken cancellationToken);
}

/// <summary>The organization's integration settings (organization.settings.manage).</summary>
[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record GetIntegrationSettings(Guid OrganizationId) : IQuery<IntegrationSettingsDto>, IOrganizationRequest;

public sealed class GetIntegrationSettingsHandler(IApplicationDbContext db) : IQueryHandler<GetIntegrationSettings, IntegrationSettingsDto>
{
    public async ValueTask<IntegrationSettingsDto> Handle(GetIntegrationSettings query, CancellationToken cancellationToken) =>
        IntegrationSettingsDto.From(await db.IntegrationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == query.OrganizationId, cancellationToken));
}

/// <summary>
/// Sets the FHIR server final reports are pushed to (organization.settings.manage): its base address (https, public),
/// how to authenticate (none, bearer token, or user name and password), and the secret — write-only, null keeps the one
/// kept. An empty address stops pushing; deliveries already made keep the address they were made to. And the webhook:
/// its address (https, public; empty removes it) and signing secret (write-only, at least 16 characters; null keeps the
/// kept one). A part whose address is left out (null) stays as it is, so a client that sets one never clears the other.
/// </summary>
[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record SetIntegrationSettings(string? FhirBaseUrl, string? FhirAuthentication, string? FhirUserName, string? FhirSecret, string? WebhookUrl = null,
    string? WebhookSecret = null)
    : ICommand<IntegrationSettingsDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class SetIntegrationSettingsValidator : AbstractValidator<SetIntegrationSettings>
{
    public SetIntegrationSettingsValidator()
    {
        RuleFor(c => c.FhirBaseUrl).MaximumLength(IntegrationSettings.UrlMaxLength)
            .Must(u => string.IsNullOrWhiteSpace(u) || Uri.TryCreate(u.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo))
            .WithMessage("The FHIR server's address is its base, for example https://fhir.hospital.example.org/fhir (no query, no user name in it).");
        RuleFor(c => c.FhirAuthentication).Must(a => a is null or "none" or "bearer" or "basic")
            .WithMessage("fhirAuthentication is none, bearer or basic.");
        RuleFor(c => c.FhirUserName).MaximumLength(IntegrationSettings.UserNameMaxLength);
        RuleFor(c => c.FhirSecret).MaximumLength(2000);
        RuleFor(c => c.WebhookUrl).MaximumLength(IntegrationSettings.UrlMaxLength)
            .Must(u => string.IsNullOrWhiteSpace(u) || Uri.TryCreate(u.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
                && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo))
            .WithMessage("The webhook's address is a full address, for example https://lims.lab.example.org/hooks/variantminer (no user name in it).");
        RuleFor(c => c.WebhookSecret).Must(s => string.IsNullOrWhiteSpace(s) || s.Trim().Length is >= IntegrationSettings.WebhookSecretMinLength and <= 200)
            .WithMessage($"The webhook's secret is {IntegrationSettings.WebhookSecretMinLength} to 200 characters.");
    }
}

public sealed class SetIntegrationSettingsHandler(IApplicationDbContext db, ICurrentUser currentUser, IOutboundEndpoints endpoints, ISecrets secrets, TimeProvider clock)
    : ICommandHandler<SetIntegrationSettings, IntegrationSettingsDto>
{
    public async ValueTask<IntegrationSettingsDto> Handle(SetIntegrationSettings command, CancellationToken cancellationToken)
    {
        var url = string.IsNullOrWhiteSpace(command.FhirBaseUrl) ? null : command.FhirBaseUrl.Trim();
        if (url is not null && await endpoints.RefusalAsync(url, "The FHIR server's address", cancellationToken) is { } refusal)
            throw Invalid(nameof(command.FhirBaseUrl), refusal);
        var webhook = string.IsNullOrWhiteSpace(command.WebhookUrl) ? null : command.WebhookUrl.Trim();
        if (webhook is not null && await endpoints.RefusalAsync(webhook, "The webhook's address", cancellationToken) is { } webhookRefusal)
            throw Invalid(nameof(command.WebhookUrl), webhookRefusal);
        var settings = await db.IntegrationSettings.SingleOrDefaultAsync(s => s.OrganizationId == command.OrganizationId, cancellationToken);
        if (settings is null) db.IntegrationSettings.Add(settings = new IntegrationSettings(command.OrganizationId));
        var authentication = command.FhirAuthentication switch
        {
            "bearer" => FhirAuthentication.Bearer,
            "basic" => FhirAuthentication.Basic,
            _ => FhirAuthentication.None,
        };
        var secret = string.IsNullOrWhiteSpace(command.FhirSecret) ? null : secrets.Protect(command.FhirSecret.Trim());
        if (command.FhirBaseUrl is not null)
            settings.SetFhirEndpoint(url, authentication, command.FhirUserName, secret, currentUser.UserId!.Value, clock.GetUtcNow());
        if (command.WebhookUrl is not null)
            settings.SetWebhook(webhook, string.IsNullOrWhiteSpace(command.WebhookSecret) ? null : secrets.Protect(command.WebhookSecret.Trim()),
                currentUser.UserId!.Value, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return IntegrationSettingsDto.From(settings);
    }

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}

/// <summary>One event sent (or being sent) to the webhook.</summary>
public sealed record WebhookDeliveryDto(Guid Id, string Event, string Status, int Rounds, int? LastStatusCode, string? LastError, string Endpoint,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt);

/// <summary>The webhook's delivery log, newest first (the last 100; organization.settings.manage).</summary>
[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record ListWebhookDeliveries(Guid OrganizationId) : IQuery<IReadOnlyList<WebhookDeliveryDto>>, IOrganizationRequest;

public sealed class ListWebhookDeliveriesHandler(IApplicationDbContext db) : IQueryHandler<ListWebhookDeliveries, IReadOnlyList<WebhookDeliveryDto>>
{
    public async ValueTask<IReadOnlyList<WebhookDeliveryDto>> Handle(ListWebhookDeliveries query, CancellationToken cancellationToken) =>
        (await db.WebhookDeliveries.AsNoTracking().OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(100).ToListAsync(cancellationToken))
        .Select(d => new WebhookDeliveryDto(d.Id, d.Event, d.Status.ToString().ToLowerInvariant(), d.Rounds, d.LastStatusCode, d.LastError, d.Endpoint,
            d.CreatedAt, d.NextAttemptAt, d.DeliveredAt)).ToList();
}

/// <summary>Sends a test event ("webhook.test") to the webhook, to check the receiver and its secret (organization.settings.manage).</summary>
[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record SendWebhookTest : ICommand<WebhookDeliveryDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class SendWebhookTestHandler(IApplicationDbContext db, Webhooks webhooks) : ICommandHandler<SendWebhookTest, WebhookDeliveryDto>
{
    public async ValueTask<WebhookDeliveryDto> Handle(SendWebhookTest command, CancellationToken cancellationToken)
    {
        var delivery = await webhooks.QueueAsync(command.OrganizationId, Webhooks.TestEvent, "A test event from VariantMiner",
            $"/orgs/{command.OrganizationId}/settings/integrations", cancellationToken)
            ?? throw new ConflictException("No webhook is set: enter its address and secret first.");
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookDeliveryDto(delivery.Id, delivery.Event, delivery.Status.ToString().ToLowerInvariant(), delivery.Rounds, null, null, delivery.Endpoint,
            delivery.CreatedAt, delivery.NextAttemptAt, null);
    }
}

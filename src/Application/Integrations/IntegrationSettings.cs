using FluentValidation.Results;
using VariantMiner.Domain.Integrations;

namespace VariantMiner.Application.Integrations;

/// <param name="FhirBaseUrl">The FHIR server final reports are pushed to (its base address); null: not pushed.</param>
/// <param name="FhirAuthentication">none, bearer or basic.</param>
/// <param name="FhirSecretSet">Whether a token or password is kept (it is never shown again).</param>
public sealed record IntegrationSettingsDto(string? FhirBaseUrl, string FhirAuthentication, string? FhirUserName, bool FhirSecretSet, DateTimeOffset? UpdatedAt)
{
    internal static IntegrationSettingsDto From(IntegrationSettings? s) => s is null
        ? new(null, "none", null, false, null)
        : new(s.FhirBaseUrl, s.FhirAuthentication.ToString().ToLowerInvariant(), s.FhirUserName, s.ProtectedFhirSecret is not null, s.UpdatedAt);
}

/// <summary>Where the product may send an organization's data: the server-side-request-forgery guard for configured addresses.</summary>
public interface IFhirEndpoints
{
    /// <summary>Why the FHIR server's address may not be used (a sentence for the person configuring it); null when it may.</summary>
    Task<string?> RefusalAsync(string baseUrl, CancellationToken cancellationToken);
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
/// kept. An empty address stops pushing; deliveries already made keep the address they were made to.
/// </summary>
[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record SetIntegrationSettings(string? FhirBaseUrl, string? FhirAuthentication, string? FhirUserName, string? FhirSecret)
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
    }
}

public sealed class SetIntegrationSettingsHandler(IApplicationDbContext db, ICurrentUser currentUser, IFhirEndpoints endpoints, ISecrets secrets, TimeProvider clock)
    : ICommandHandler<SetIntegrationSettings, IntegrationSettingsDto>
{
    public async ValueTask<IntegrationSettingsDto> Handle(SetIntegrationSettings command, CancellationToken cancellationToken)
    {
        var url = string.IsNullOrWhiteSpace(command.FhirBaseUrl) ? null : command.FhirBaseUrl.Trim();
        if (url is not null && await endpoints.RefusalAsync(url, cancellationToken) is { } refusal) throw Invalid(nameof(command.FhirBaseUrl), refusal);
        var settings = await db.IntegrationSettings.SingleOrDefaultAsync(s => s.OrganizationId == command.OrganizationId, cancellationToken);
        if (settings is null) db.IntegrationSettings.Add(settings = new IntegrationSettings(command.OrganizationId));
        var authentication = command.FhirAuthentication switch
        {
            "bearer" => FhirAuthentication.Bearer,
            "basic" => FhirAuthentication.Basic,
            _ => FhirAuthentication.None,
        };
        var secret = string.IsNullOrWhiteSpace(command.FhirSecret) ? null : secrets.Protect(command.FhirSecret.Trim());
        settings.SetFhirEndpoint(url, authentication, command.FhirUserName, secret, currentUser.UserId!.Value, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return IntegrationSettingsDto.From(settings);
    }

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}

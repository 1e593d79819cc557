using FluentValidation.Results;
using Microsoft.Extensions.Options;
using VariantMiner.Application.Invitations;
using VariantMiner.Application.Roles;

namespace VariantMiner.Application.SingleSignOn;

/// <param name="RedirectUri">What to register at the provider as this organization's redirect (callback) address.</param>
/// <param name="ClientSecretSet">Whether a client secret is kept (it is never shown again).</param>
public sealed record SingleSignOnSettingsDto(bool Configured, bool Enabled, string Issuer, string ClientId, bool ClientSecretSet,
    IReadOnlyList<string> EmailDomains, Guid? DefaultRoleId, bool JustInTimeMembership, bool Required, string RedirectUri)
{
    internal static SingleSignOnSettingsDto From(SingleSignOnConnection? c, Guid organizationId, InvitationOptions options) => new(
        c is not null, c?.Enabled ?? false, c?.Issuer ?? "", c?.ClientId ?? "", c is { ProtectedClientSecret.Length: > 0 },
        c?.Domains.Select(d => d.Domain).Order(StringComparer.Ordinal).ToList() ?? [], c?.DefaultRoleId, c?.JustInTimeMembership ?? false,
        c?.Required ?? false, options.Url(SingleSignOnPaths.Callback(organizationId)));
}

/// <summary>The paths of an organization's sign-in round trip (the callback is what the provider redirects to).</summary>
public static class SingleSignOnPaths
{
    public static string Start(Guid organizationId) => $"/api/auth/sso/{organizationId}/start";
    public static string Callback(Guid organizationId) => $"/api/auth/sso/{organizationId}/callback";
    public static string Complete(Guid organizationId) => $"/api/auth/sso/{organizationId}/complete";
}

[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record GetSingleSignOnSettings(Guid OrganizationId) : IQuery<SingleSignOnSettingsDto>, IOrganizationRequest;

public sealed class GetSingleSignOnSettingsHandler(IApplicationDbContext db, IOptions<InvitationOptions> options)
    : IQueryHandler<GetSingleSignOnSettings, SingleSignOnSettingsDto>
{
    public async ValueTask<SingleSignOnSettingsDto> Handle(GetSingleSignOnSettings query, CancellationToken cancellationToken) =>
        SingleSignOnSettingsDto.From(
            await db.SingleSignOnConnections.AsNoTracking().Include(c => c.Domains).SingleOrDefaultAsync(c => c.OrganizationId == query.OrganizationId, cancellationToken),
            query.OrganizationId, options.Value);
}

/// <summary>
/// Sets the organization's institution sign-in (organization.settings.manage). The client secret is write-only (null
/// keeps the one kept). Requiring it is refused until the caller has signed in through it: a wrong setting must not lock
/// every member out, the caller included.
/// </summary>
[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record SetSingleSignOnSettings(bool Enabled, string Issuer, string ClientId, string? ClientSecret, IReadOnlyList<string> EmailDomains,
    Guid DefaultRoleId, bool JustInTimeMembership, bool Required) : ICommand<SingleSignOnSettingsDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class SetSingleSignOnSettingsValidator : AbstractValidator<SetSingleSignOnSettings>
{
    public SetSingleSignOnSettingsValidator()
    {
        RuleFor(c => c.Issuer).NotEmpty().MaximumLength(SingleSignOnConnection.IssuerMaxLength)
            .Must(i => Uri.TryCreate(i, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment))
            .WithMessage("The issuer is the provider's address, for example https://login.hospital.example.org/realms/staff.");
        RuleFor(c => c.ClientId).NotEmpty().MaximumLength(SingleSignOnConnection.ClientIdMaxLength);
        RuleFor(c => c.ClientSecret).MaximumLength(1000);
        RuleFor(c => c.EmailDomains).NotEmpty().WithMessage("Name at least one e-mail domain of the institution.")
            .Must(d => d.Count <= SingleSignOnConnection.MaxDomains).WithMessage($"At most {SingleSignOnConnection.MaxDomains} e-mail domains.");
        RuleForEach(c => c.EmailDomains).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("An e-mail domain cannot be empty.")
            .Must(d => SingleSignOnConnection.IsDomain(d.TrimStart('@'))).WithMessage("'{PropertyValue}' is not an e-mail domain (for example: hospital.example.org).");
        RuleFor(c => c.Required).Must((c, required) => !required || c.Enabled).WithMessage("Institution sign-in must be on to be required.");
    }
}

public sealed class SetSingleSignOnSettingsHandler(
    IApplicationDbContext db, ICurrentUser currentUser, IOrganizationContext scope, ISingleSignOnDirectory directory,
    IIdentityProviderAddresses addresses, ISecrets secrets, IOptions<InvitationOptions> options, TimeProvider clock)
    : ICommandHandler<SetSingleSignOnSettings, SingleSignOnSettingsDto>
{
    public async ValueTask<SingleSignOnSettingsDto> Handle(SetSingleSignOnSettings command, CancellationToken cancellationToken)
    {
        var connection = await db.SingleSignOnConnections.Include(c => c.Domains).SingleOrDefaultAsync(c => c.OrganizationId == command.OrganizationId, cancellationToken);
        if (string.IsNullOrWhiteSpace(command.ClientSecret) && connection is not { ProtectedClientSecret.Length: > 0 })
            throw Invalid(nameof(command.ClientSecret), "Enter the client secret the provider gave for this application.");
        if (await addresses.RefusalAsync(command.Issuer.Trim(), cancellationToken) is { } refusal)
            throw Invalid(nameof(command.Issuer), refusal);
        var domains = command.EmailDomains.Select(d => d.Trim().TrimStart('@').ToLowerInvariant()).Distinct().ToList();
        if (await directory.ClaimedElsewhereAsync(command.OrganizationId, domains, cancellationToken) is { Count: > 0 } taken)
            throw Invalid(nameof(command.EmailDomains), $"Another organization signs in people of {string.Join(", ", taken)} already.");
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Id == command.DefaultRoleId, cancellationToken)
            ?? throw Invalid(nameof(command.DefaultRoleId), "Choose one of the organization's roles.");
        RoleAssignment.EnsureCanAssign(scope.Access, role);
        if (command.Required && currentUser.Session.SingleSignOnOrganizationId != command.OrganizationId)
            throw Invalid(nameof(command.Required),
                "Sign in through the institution once yourself (sign out, then sign in with your institution's account) before requiring it: a wrong setting would lock everyone out.");

        if (connection is null)
        {
            connection = new SingleSignOnConnection(command.OrganizationId);
            db.SingleSignOnConnections.Add(connection);
        }
        connection.Configure(command.Enabled, command.Issuer, command.ClientId, domains, role.Id, command.JustInTimeMembership, command.Required,
            currentUser.UserId!.Value, clock.GetUtcNow());
        if (!string.IsNullOrWhiteSpace(command.ClientSecret)) connection.SetClientSecret(secrets.Protect(command.ClientSecret.Trim()));
        await db.SaveChangesAsync(cancellationToken);
        return SingleSignOnSettingsDto.From(connection, command.OrganizationId, options.Value);
    }

    private static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}

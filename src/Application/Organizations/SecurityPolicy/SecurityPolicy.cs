using FluentValidation.Results;
using VariantMiner.Domain.Organizations;

namespace VariantMiner.Application.Organizations.SecurityPolicy;

/// <param name="MaxSessionHours">Hours after signing in when members must sign in again to act here; null: the installation's limit.</param>
/// <param name="MaxIdleMinutes">Minutes without a request to this organization after which members must sign in again to act here; null: none of its own.</param>
/// <param name="MaxTokenLifetimeDays">The longest lifetime of a new personal access token.</param>
public sealed record SecurityPolicyDto(int MinimumPasswordLength, bool RequireTwoFactor, int? MaxSessionHours, int? MaxIdleMinutes,
    bool PersonalAccessTokensAllowed, int MaxTokenLifetimeDays)
{
    internal static SecurityPolicyDto From(Organization o) =>
        new(o.MinimumPasswordLength, o.RequireTwoFactor, o.MaxSessionHours, o.MaxIdleMinutes, o.PersonalAccessTokensAllowed, o.MaxTokenLifetimeDays);
}

/// <summary>The organization's security policy (every member reads it: it says what they must do to act here).</summary>
public sealed record GetSecurityPolicy(Guid OrganizationId) : IQuery<SecurityPolicyDto>, IOrganizationRequest;

public sealed class GetSecurityPolicyHandler(IApplicationDbContext db) : IQueryHandler<GetSecurityPolicy, SecurityPolicyDto>
{
    public async ValueTask<SecurityPolicyDto> Handle(GetSecurityPolicy query, CancellationToken cancellationToken) =>
        SecurityPolicyDto.From(await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == query.OrganizationId, cancellationToken)
            ?? throw new NotFoundException("The organization"));
}

/// <summary>
/// Sets the security policy (organization.settings.manage). It applies on every member's next request, as role changes
/// do. Requiring two-factor from a session that has none is refused: it would lock the caller out at once.
/// </summary>
[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record SetSecurityPolicy(int MinimumPasswordLength, bool RequireTwoFactor, int? MaxSessionHours, int? MaxIdleMinutes,
    bool PersonalAccessTokensAllowed, int MaxTokenLifetimeDays) : ICommand<SecurityPolicyDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class SetSecurityPolicyValidator : AbstractValidator<SetSecurityPolicy>
{
    public SetSecurityPolicyValidator()
    {
        RuleFor(c => c.MinimumPasswordLength).InclusiveBetween(Organization.InstallationMinimumPasswordLength, Organization.MaximumPasswordLength)
            .WithMessage($"Between {Organization.InstallationMinimumPasswordLength} (the installation's minimum) and {Organization.MaximumPasswordLength} characters.");
        RuleFor(c => c.MaxSessionHours).InclusiveBetween(1, Organization.MaxSessionHoursLimit)
            .WithMessage($"Between 1 and {Organization.MaxSessionHoursLimit} hours, or empty for the installation's limit.");
        RuleFor(c => c.MaxIdleMinutes).InclusiveBetween(Organization.MinIdleMinutes, Organization.MaxIdleMinutesLimit)
            .WithMessage($"Between {Organization.MinIdleMinutes} and {Organization.MaxIdleMinutesLimit} minutes, or empty for no limit of its own.");
        RuleFor(c => c.MaxTokenLifetimeDays).InclusiveBetween(1, Organization.MaxTokenLifetimeLimit)
            .WithMessage($"Between 1 and {Organization.MaxTokenLifetimeLimit} days.");
    }
}

public sealed class SetSecurityPolicyHandler(IApplicationDbContext db, ICurrentUser currentUser) : ICommandHandler<SetSecurityPolicy, SecurityPolicyDto>
{
    public async ValueTask<SecurityPolicyDto> Handle(SetSecurityPolicy command, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == command.OrganizationId, cancellationToken)
            ?? throw new NotFoundException("The organization");
        var session = currentUser.Session;
        if (command.RequireTwoFactor && !session.SecondFactor)
            throw new ValidationException([new ValidationFailure(nameof(command.RequireTwoFactor),
                "Turn on two-factor sign-in for yourself and sign in with a code first: otherwise this would lock you out.")]);
        if (session.PasswordLength is { } length && length < command.MinimumPasswordLength)
            throw new ValidationException([new ValidationFailure(nameof(command.MinimumPasswordLength),
                "Your own password is shorter than this: change it first, otherwise this would lock you out.")]);
        organization.SetSecurityPolicy(command.MinimumPasswordLength, command.RequireTwoFactor, command.MaxSessionHours, command.MaxIdleMinutes,
            command.PersonalAccessTokensAllowed,
            command.MaxTokenLifetimeDays);
        await db.SaveChangesAsync(cancellationToken);
        return SecurityPolicyDto.From(organization);
    }
}

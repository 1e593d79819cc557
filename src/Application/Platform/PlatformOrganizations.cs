namespace VariantMiner.Application.Platform;

public sealed record PlatformMemberDto(Guid UserId, string DisplayName, string Email, string Role);

/// <param name="PendingOwnerEmail">An owner who has not verified an account yet.</param>
public sealed record PlatformOrganizationDto(Guid Id, string Name, DateTimeOffset CreatedAt, long StorageUsedBytes, long StorageQuotaBytes,
    string? PendingOwnerEmail, IReadOnlyList<PlatformMemberDto> Members);

/// <summary>
/// Platform administration: every organization of the installation with its members (Supervisors first), storage and
/// quota. Names and addresses of members only — never an organization's data.
/// </summary>
[RequiresPlatformAdmin]
public sealed record ListPlatformOrganizations : IQuery<IReadOnlyList<PlatformOrganizationDto>>;

public sealed class ListPlatformOrganizationsHandler(IApplicationDbContext db, IUserAccounts accounts)
    : IQueryHandler<ListPlatformOrganizations, IReadOnlyList<PlatformOrganizationDto>>
{
    public async ValueTask<IReadOnlyList<PlatformOrganizationDto>> Handle(ListPlatformOrganizations query, CancellationToken cancellationToken)
    {
        var organizations = await db.Organizations.AsNoTracking().OrderBy(o => o.Name).ThenBy(o => o.Id).ToListAsync(cancellationToken);
        // Installation-wide on purpose: no organization scope exists for a platform administrator.
        var memberships = await db.Memberships.IgnoreQueryFilters().AsNoTracking()
            .Join(db.Roles.IgnoreQueryFilters(), m => m.RoleId, r => r.Id, (m, r) => new { m.OrganizationId, m.UserId, Role = r.Name, r.BuiltIn })
            .ToListAsync(cancellationToken);
        var people = await accounts.FindManyAsync(memberships.Select(m => m.UserId), cancellationToken);
        var byOrganization = memberships.ToLookup(m => m.OrganizationId);
        return organizations.Select(o => new PlatformOrganizationDto(o.Id, o.Name, o.CreatedAt, o.StorageUsedBytes, o.StorageQuotaBytes, o.PendingOwnerEmail,
            byOrganization[o.Id]
                .Where(m => people.ContainsKey(m.UserId))
                .OrderBy(m => m.BuiltIn == BuiltInRole.Supervisor ? 0 : 1).ThenBy(m => people[m.UserId].DisplayName, StringComparer.OrdinalIgnoreCase)
                .Select(m => new PlatformMemberDto(m.UserId, people[m.UserId].DisplayName, people[m.UserId].Email, m.Role)).ToList())).ToList();
    }
}

/// <summary>Sets an organization's storage quota in bytes (platform administrators); audited and in its activity.</summary>
[RequiresPlatformAdmin]
public sealed record SetStorageQuota(long StorageQuotaBytes) : ICommand
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class SetStorageQuotaValidator : AbstractValidator<SetStorageQuota>
{
    public SetStorageQuotaValidator() =>
        RuleFor(c => c.StorageQuotaBytes).GreaterThanOrEqualTo(0).WithMessage("A storage quota cannot be negative.");
}

public sealed class SetStorageQuotaHandler(IApplicationDbContext db) : ICommandHandler<SetStorageQuota>
{
    public async ValueTask<Unit> Handle(SetStorageQuota command, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == command.OrganizationId, cancellationToken)
            ?? throw new NotFoundException("The organization");
        organization.SetStorageQuota(command.StorageQuotaBytes);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

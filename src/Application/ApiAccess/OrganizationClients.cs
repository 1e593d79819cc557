using VariantMiner.Application.Roles;

namespace VariantMiner.Application.ApiAccess;

/// <summary>The authorization server's side of organization clients.</summary>
public interface IOAuthClients
{
    /// <summary>
    /// Registers a confidential client (client credentials only) and the service account it acts as; answers its client
    /// id, its secret (shown once; the server keeps a hash) and the service account's id.
    /// </summary>
    Task<(string ClientId, string Secret, Guid ServiceUserId)> RegisterAsync(string name, CancellationToken cancellationToken);

    /// <summary>Removes the client from the authorization server: it gets no new tokens.</summary>
    Task UnregisterAsync(string clientId, CancellationToken cancellationToken);
}

public sealed record OrganizationClientDto(Guid Id, string Name, string ClientId, Guid? RoleId, DateTimeOffset CreatedAt, DateTimeOffset? LastTokenAt,
    DateTimeOffset? RevokedAt, string Status);

/// <param name="ClientSecret">Shown this once (the server keeps a hash).</param>
/// <param name="TokenEndpoint">Where the client exchanges its id and secret for an access token (grant_type=client_credentials).</param>
public sealed record CreatedOrganizationClientDto(string ClientSecret, string TokenEndpoint, OrganizationClientDto Details);

/// <summary>The organization's OAuth clients (organization.settings.manage), newest first.</summary>
[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record ListOrganizationClients(Guid OrganizationId) : IQuery<IReadOnlyList<OrganizationClientDto>>, IOrganizationRequest;

public sealed class ListOrganizationClientsHandler(IApplicationDbContext db) : IQueryHandler<ListOrganizationClients, IReadOnlyList<OrganizationClientDto>>
{
    public async ValueTask<IReadOnlyList<OrganizationClientDto>> Handle(ListOrganizationClients query, CancellationToken cancellationToken)
    {
        var clients = await db.OrganizationClients.AsNoTracking().ToListAsync(cancellationToken);
        var serviceUsers = clients.Select(c => c.ServiceUserId).ToList();
        var roles = await db.Memberships.AsNoTracking().Where(m => serviceUsers.Contains(m.UserId)).ToDictionaryAsync(m => m.UserId, m => m.RoleId, cancellationToken);
        return clients.OrderByDescending(c => c.CreatedAt)
            .Select(c => new OrganizationClientDto(c.Id, c.Name, c.ClientId, roles.TryGetValue(c.ServiceUserId, out var role) ? role : null, c.CreatedAt,
                c.LastTokenAt, c.RevokedAt, c.RevokedAt is null ? "active" : "revoked"))
            .ToList();
    }
}

/// <summary>
/// Creates an OAuth client for a system of the organization's (organization.settings.manage): it acts as a service
/// account that is a member with <paramref name="RoleId"/> (one the creator may give; never Supervisor) in every
/// workspace, so it sees and does exactly what that role and its assignments allow, and is named in the audit trail.
/// </summary>
[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record CreateOrganizationClient(string Name, Guid RoleId) : ICommand<CreatedOrganizationClientDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class CreateOrganizationClientValidator : AbstractValidator<CreateOrganizationClient>
{
    public CreateOrganizationClientValidator() =>
        RuleFor(c => c.Name).NotEmpty().WithMessage("Name the client after the system that will use it.").MaximumLength(OrganizationClient.NameMaxLength);
}

public sealed class CreateOrganizationClientHandler(
    IApplicationDbContext db, ICurrentUser currentUser, IOrganizationContext scope, IOAuthClients oauth, TimeProvider clock)
    : ICommandHandler<CreateOrganizationClient, CreatedOrganizationClientDto>
{
    public async ValueTask<CreatedOrganizationClientDto> Handle(CreateOrganizationClient command, CancellationToken cancellationToken)
    {
        if (currentUser.Session.TokenId is not null) throw new ForbiddenException("A token cannot create clients; sign in to the web application.");
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Id == command.RoleId, cancellationToken)
            ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(command.RoleId), "Choose one of the organization's roles.")]);
        if (role.IsSupervisor)
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(command.RoleId), "A client cannot be Group Supervisor.")]);
        RoleAssignment.EnsureCanAssign(scope.Access, role);

        var now = clock.GetUtcNow();
        var (clientId, secret, serviceUserId) = await oauth.RegisterAsync(command.Name.Trim(), cancellationToken);
        var client = new OrganizationClient(command.OrganizationId, command.Name, clientId, serviceUserId, currentUser.UserId!.Value, now);
        var membership = new Membership(command.OrganizationId, serviceUserId, role.Id, now);
        foreach (var workspace in await db.Workspaces.Select(w => w.Id).ToListAsync(cancellationToken)) membership.GrantWorkspace(workspace);
        db.OrganizationClients.Add(client);
        db.Memberships.Add(membership);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedOrganizationClientDto(secret, OAuthPaths.Token,
            new OrganizationClientDto(client.Id, client.Name, client.ClientId, role.Id, client.CreatedAt, null, null, "active"));
    }
}

/// <summary>Revokes a client at once: no new tokens, and its membership ends, so tokens already issued stop on their next request.</summary>
[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record RevokeOrganizationClient(Guid OrganizationId, Guid ClientId) : ICommand<OrganizationClientDto>, IOrganizationRequest;

public sealed class RevokeOrganizationClientHandler(IApplicationDbContext db, IOAuthClients oauth, TimeProvider clock)
    : ICommandHandler<RevokeOrganizationClient, OrganizationClientDto>
{
    public async ValueTask<OrganizationClientDto> Handle(RevokeOrganizationClient command, CancellationToken cancellationToken)
    {
        var client = await db.OrganizationClients.SingleOrDefaultAsync(c => c.Id == command.ClientId, cancellationToken) ?? throw new NotFoundException("The client");
        var now = clock.GetUtcNow();
        if (client.RevokedAt is null)
        {
            client.Revoke(now);
            db.Memberships.RemoveRange(await db.Memberships.Where(m => m.UserId == client.ServiceUserId).ToListAsync(cancellationToken));
            await oauth.UnregisterAsync(client.ClientId, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        return new OrganizationClientDto(client.Id, client.Name, client.ClientId, null, client.CreatedAt, client.LastTokenAt, client.RevokedAt, "revoked");
    }
}

public static class OAuthPaths
{
    public const string Token = "/connect/token";
}

namespace VariantMiner.Application.Common.Security;

/// <summary>
/// The organization (and workspace) the current request works in, set by the organization-scope behavior once per
/// request. Handlers and the data layer's query filters read it; nothing else writes it.
/// </summary>
public interface IOrganizationContext
{
    /// <summary>Null outside an organization-scoped request; the data layer then matches no tenant rows.</summary>
    Guid? OrganizationId { get; }
    Guid? WorkspaceId { get; }
    /// <summary>The caller's access; throws when read outside an organization-scoped request.</summary>
    OrganizationAccess Access { get; }
}

public sealed class OrganizationContext : IOrganizationContext
{
    private OrganizationAccess? _access;

    public Guid? OrganizationId => _access?.OrganizationId;
    public Guid? WorkspaceId { get; private set; }

    public OrganizationAccess Access =>
        _access ?? throw new InvalidOperationException("No organization scope: the request is not organization-scoped.");

    public void Enter(OrganizationAccess access, Guid? workspaceId)
    {
        if (_access is not null && _access.OrganizationId != access.OrganizationId)
            throw new InvalidOperationException("A request scope cannot switch organizations.");
        _access = access;
        WorkspaceId = workspaceId;
    }
}

namespace VariantMiner.Application.Common.Requests;

/// <summary>A request anyone may send, signed in or not. Every other request needs a signed-in user.</summary>
public interface IAllowAnonymous;

/// <summary>A request that works inside one organization: the caller must be a member (else 404).</summary>
public interface IOrganizationRequest
{
    Guid OrganizationId { get; }
}

/// <summary>A request inside one workspace: the caller must be able to enter it (else 404).</summary>
public interface IWorkspaceRequest : IOrganizationRequest
{
    Guid WorkspaceId { get; }
}

/// <summary>
/// Declares the permission keys a request needs; all must hold (else 403). Only valid on organization requests.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class RequiresPermissionAttribute(params string[] permissions) : Attribute
{
    public IReadOnlyList<string> Permissions { get; } = permissions;
}

/// <summary>At least one of the listed permission keys must hold (else 403). Only valid on organization requests.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresAnyPermissionAttribute(params string[] permissions) : Attribute
{
    public IReadOnlyList<string> Permissions { get; } = permissions;
}

/// <summary>Only a Group Supervisor of the request's organization may send this request (else 403).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresSupervisorAttribute : Attribute;

/// <summary>Only a platform administrator may send this request (else 403). For installation-wide requests, not organization ones.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class RequiresPlatformAdminAttribute : Attribute;

/// <summary>
/// A command that runs without the command transaction: its effects must stay even when it answers with a refusal (a
/// failed sign-in counts towards lockout although the caller gets a 401), or it streams for minutes and opens short
/// transactions of its own (uploads).
/// </summary>
public interface IOutsideTransaction;

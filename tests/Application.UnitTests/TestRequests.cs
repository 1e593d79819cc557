using Mediator;
using VariantMiner.Application.Common.Requests;
using VariantMiner.Domain.Authorization;

namespace VariantMiner.Application.UnitTests;

// Test-only requests: the behaviors act on markers and attributes, whatever the request is.
public sealed record PlainRequest : IQuery<string>;

public sealed record AnonymousRequest : IQuery<string>, IAllowAnonymous;

public sealed record OrgRequest(Guid OrganizationId) : IQuery<string>, IOrganizationRequest;

public sealed record WorkspaceRequest(Guid OrganizationId, Guid WorkspaceId) : IQuery<string>, IWorkspaceRequest;

[RequiresPermission(Permissions.SamplesDefine)]
[RequiresPermission(Permissions.SamplesAssign)]
public sealed record TwoPermissionRequest(Guid OrganizationId) : IQuery<string>, IOrganizationRequest;

[RequiresPermission(Permissions.SamplesDefine)]
public sealed record MisdeclaredRequest : IQuery<string>;

[RequiresPermission("samples.fly")]
public sealed record UnknownPermissionRequest(Guid OrganizationId) : IQuery<string>, IOrganizationRequest;

[RequiresAnyPermission(Permissions.UsersManage, Permissions.WorkspacesAccessManage)]
public sealed record AnyOfRequest(Guid OrganizationId) : IQuery<string>, IOrganizationRequest;

[RequiresSupervisor]
public sealed record SupervisorRequest(Guid OrganizationId) : IQuery<string>, IOrganizationRequest;

[RequiresPlatformAdmin]
public sealed record PlatformAdminRequest : IQuery<string>;

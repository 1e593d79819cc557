namespace VariantMiner.Application.Organizations;

public sealed record OrganizationRoleDto(Guid Id, string Name);

public sealed record ActivityDto(
    Guid Id, DateTimeOffset OccurredAt, Guid ActorUserId, string ActorDisplayName, string Action, string TargetType,
    Guid? TargetId, Guid? WorkspaceId, string Summary);

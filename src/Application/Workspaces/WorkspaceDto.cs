namespace VariantMiner.Application.Workspaces;

public sealed record WorkspaceDto(Guid Id, string Name, string? Description, DateTimeOffset CreatedAt, IReadOnlyList<Guid> MemberUserIds);

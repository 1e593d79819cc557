using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Organizations;

/// <summary>The isolation unit for data inside an organization.</summary>
public sealed class Workspace : Entity, ITenantOwned
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2000;

    private Workspace() { }

    public Workspace(Guid organizationId, string name, DateTimeOffset createdAt, string? description = null)
    {
        OrganizationId = organizationId;
        CreatedAt = createdAt;
        Rename(name);
        Describe(description);
        Raise(new WorkspaceCreated(this));
    }

    /// <summary>The workspace every organization starts with: part of creating the organization, not news of its own.</summary>
    public static Workspace CreateInitial(Guid organizationId, string name, DateTimeOffset createdAt)
    {
        var workspace = new Workspace(organizationId, name, createdAt);
        workspace.TakeDomainEvents();
        return workspace;
    }

    public Guid OrganizationId { get; private init; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public DateTimeOffset CreatedAt { get; private init; }

    public void Rename(string name)
    {
        name = name.Trim();
        if (name.Length == 0 || name.Length > NameMaxLength)
            throw new DomainException($"A workspace name must be 1 to {NameMaxLength} characters.");
        var previous = Name;
        Name = name;
        Raise(new WorkspaceChanged(this, previous));
    }

    public void Describe(string? description)
    {
        description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (description?.Length > DescriptionMaxLength)
            throw new DomainException($"A description must be at most {DescriptionMaxLength} characters.");
        Description = description;
        Raise(new WorkspaceChanged(this, Name));
    }

    /// <summary>Everything in the workspace goes with it (the database cascades).</summary>
    public void Delete() => Raise(new WorkspaceDeleted(this));

    /// <summary>One change event per save (remembering the name before it); none while the workspace is being created.</summary>
    public override IReadOnlyList<IDomainEvent> TakeDomainEvents()
    {
        var events = base.TakeDomainEvents();
        if (events.Any(e => e is WorkspaceCreated)) events = events.Where(e => e is not WorkspaceChanged).ToList();
        return Merge<WorkspaceChanged>(events, (first, _) => first);
    }
}

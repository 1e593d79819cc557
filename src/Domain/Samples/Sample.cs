using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Samples;

/// <summary>Where a sample is in its life; analyses, when they are built, add later states. Stored as its name.</summary>
public enum SampleStatus
{
    Defined,
}

/// <summary>
/// A biological sample in one workspace: unique name (the lab's external id) there, an assay from the organization's
/// list, optionally the subject it comes from, and the people assigned to it (who, with samples.view.assigned only,
/// are the ones who see it).
/// </summary>
public sealed class Sample : Entity, ITenantOwned, ITrashable
{
    public const int NameMaxLength = 200;

    private readonly List<SampleAssignment> _assignments = [];

    private Sample() { }

    public Sample(Guid organizationId, Guid workspaceId, string name, string assay, Guid? subjectId, Guid createdBy, DateTimeOffset createdAt)
    {
        OrganizationId = organizationId;
        WorkspaceId = workspaceId;
        Rename(name);
        ChangeAssay(assay);
        SubjectId = subjectId;
        Status = SampleStatus.Defined;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        Raise(new SampleDefined(this));
    }

    public Guid OrganizationId { get; private init; }
    public Guid WorkspaceId { get; private init; }
    public string Name { get; private set; } = "";
    public string Assay { get; private set; } = "";
    public Guid? SubjectId { get; private set; }
    public SampleStatus Status { get; private set; }
    public Guid CreatedBy { get; private init; }
    public DateTimeOffset CreatedAt { get; private init; }
    /// <summary>Optimistic concurrency: renewed on every edit, so one of two concurrent edits gets a conflict.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();
    public DateTimeOffset? DeletedAt { get; private set; }
    public Guid? DeletedBy { get; private set; }
    public bool IsInTrash => DeletedAt is not null;
    public IReadOnlyCollection<SampleAssignment> Assignments => _assignments;

    public void Rename(string name)
    {
        Name = ValidName(name);
        Touch();
    }

    public void ChangeAssay(string assay)
    {
        Assay = Samples.Assay.ValidName(assay);
        Touch();
    }

    public void LinkSubject(Guid? subjectId)
    {
        SubjectId = subjectId;
        Touch();
    }

    public static string ValidName(string name)
    {
        name = (name ?? "").Trim();
        if (name.Length == 0 || name.Length > NameMaxLength)
            throw new DomainException($"A sample name must be 1 to {NameMaxLength} characters.");
        return name;
    }

    public bool IsAssignedTo(Guid userId) => _assignments.Any(a => a.UserId == userId);

    /// <returns>false when the user was already assigned.</returns>
    public bool Assign(Guid userId, Guid assignedBy, DateTimeOffset at)
    {
        if (IsAssignedTo(userId)) return false;
        _assignments.Add(new SampleAssignment(OrganizationId, WorkspaceId, Id, CreatedAt, userId, assignedBy, at));
        Raise(new SampleAssigneesChanged(this, [userId], []));
        return true;
    }

    /// <returns>false when the user was not assigned.</returns>
    public bool Unassign(Guid userId)
    {
        if (_assignments.RemoveAll(a => a.UserId == userId) == 0) return false;
        Raise(new SampleAssigneesChanged(this, [], [userId]));
        return true;
    }

    /// <summary>
    /// Into the workspace's trash: hidden from every page, its assignments kept so a restore gives everything back.
    /// Its name is free again while it is there.
    /// </summary>
    public void MoveToTrash(Guid deletedBy, DateTimeOffset at)
    {
        if (IsInTrash) throw new DomainException("The sample is already in the trash.");
        DeletedAt = at;
        DeletedBy = deletedBy;
        Version = Guid.NewGuid();
        Raise(new SampleTrashed(this));
    }

    public void Restore()
    {
        if (!IsInTrash) throw new DomainException("The sample is not in the trash.");
        DeletedAt = null;
        DeletedBy = null;
        Version = Guid.NewGuid();
        Raise(new SampleRestored(this));
    }

    /// <summary>Purged from the trash: the sample and its assignments go for good (its files and analyses will too).</summary>
    public void Purge()
    {
        if (!IsInTrash) throw new DomainException("Only a sample in the trash can be purged.");
        Raise(new SamplePurged(this));
    }

    /// <summary>
    /// One change event and one assignment event per save (who was added, who removed, in order); no change event while
    /// the sample is being defined.
    /// </summary>
    public override IReadOnlyList<IDomainEvent> TakeDomainEvents()
    {
        var events = base.TakeDomainEvents();
        if (events.Any(e => e is SampleDefined)) events = events.Where(e => e is not SampleChanged).ToList();
        events = Merge<SampleChanged>(events, (first, _) => first);
        return Merge<SampleAssigneesChanged>(events, (a, b) => a with { Added = [.. a.Added, .. b.Added], Removed = [.. a.Removed, .. b.Removed] });
    }

    /// <summary>Makes the assignees exactly <paramref name="userIds"/>; returns who was added and who removed.</summary>
    public (IReadOnlyList<Guid> Added, IReadOnlyList<Guid> Removed) ReplaceAssignees(IReadOnlyCollection<Guid> userIds, Guid assignedBy, DateTimeOffset at)
    {
        var removed = _assignments.Select(a => a.UserId).Where(u => !userIds.Contains(u)).ToList();
        foreach (var user in removed) Unassign(user);
        var added = userIds.Distinct().Where(u => Assign(u, assignedBy, at)).ToList();
        return (added, removed);
    }

    private void Touch()
    {
        Version = Guid.NewGuid();
        Raise(new SampleChanged(this));
    }
}

/// <summary>One person assigned to one sample: by whom and when.</summary>
/// <remarks>
/// WorkspaceId and SampleCreatedAt are copies of the sample's (both never change after creation), so the
/// "assigned to me, newest first" page can be read from one index of this table alone (measured in bench/README.md,
/// "Performance pass").
/// </remarks>
public sealed class SampleAssignment(Guid organizationId, Guid workspaceId, Guid sampleId, DateTimeOffset sampleCreatedAt, Guid userId,
    Guid assignedBy, DateTimeOffset assignedAt)
    : ITenantOwned
{
    public Guid OrganizationId { get; private init; } = organizationId;
    public Guid WorkspaceId { get; private init; } = workspaceId;
    public Guid SampleId { get; private init; } = sampleId;
    /// <summary>The sample's <see cref="Sample.CreatedAt"/> (immutable), the analyses table's sort key.</summary>
    public DateTimeOffset SampleCreatedAt { get; private init; } = sampleCreatedAt;
    public Guid UserId { get; private init; } = userId;
    public Guid AssignedBy { get; private init; } = assignedBy;
    public DateTimeOffset AssignedAt { get; private init; } = assignedAt;
}

namespace VariantMiner.Application.Samples;

/// <summary>
/// THE place where data-dependent sample visibility is decided (docs/architecture.md, "Sample visibility"; what follows
/// from it: docs/security.md, "Hidden means hidden"). Every query that returns samples, counts them, searches them or
/// shows them on a subject page starts from <see cref="VisibleSamples(IQueryable{Sample}, OrganizationAccess, Guid, Guid)"/>.
/// The access object already folds in the role-based-access switch (off → every member holds samples.view.all),
/// so there is no second switch check here.
/// <list type="bullet">
/// <item><c>samples.view.all</c> → every sample of the workspaces one can enter;</item>
/// <item>else <c>samples.view.assigned</c> → the samples assigned to oneself;</item>
/// <item>else nothing.</item>
/// </list>
/// </summary>
public static class SampleVisibility
{
    /// <summary>Visible samples of one workspace (the index-friendly form every workspace page uses).</summary>
    public static IQueryable<Sample> VisibleSamples(IQueryable<Sample> samples, OrganizationAccess access, Guid userId, Guid workspaceId)
    {
        if (!access.CanEnter(workspaceId)) return samples.Where(s => false);
        return ByAssignment(samples.Where(s => s.WorkspaceId == workspaceId), access, userId);
    }

    /// <summary>
    /// The same rows as <see cref="VisibleSamples(IQueryable{Sample}, OrganizationAccess, Guid, Guid)"/>, each with the
    /// newest-first paging key (creation time, id), in the form each case's index can serve (measured in
    /// bench/README.md, "Performance pass"):
    /// <list type="bullet">
    /// <item>view all → the workspace's samples, keyed by their own columns (index OrganizationId, WorkspaceId[, Assay], CreatedAt, Id);</item>
    /// <item>view assigned only → driven from the caller's assignments in the workspace, keyed by the assignment's copy of
    /// the sample's creation time (index UserId, WorkspaceId, OrganizationId, SampleCreatedAt, SampleId), so a page reads
    /// a slice of one index instead of probing every sample of the workspace for an assignment. A separate query shape,
    /// not an OR, so each plan can use its index.</item>
    /// </list>
    /// <paramref name="samples"/> may already carry the page's filters (assay, status, …); they apply to the sample.
    /// </summary>
    public static IQueryable<KeyedSample> VisibleSamplesNewestFirst(IQueryable<Sample> samples, IQueryable<SampleAssignment> assignments,
        OrganizationAccess access, Guid userId, Guid workspaceId)
    {
        if (!access.CanEnter(workspaceId) || !SeesSamples(access))
            return samples.Where(s => false).Select(s => new KeyedSample { Sample = s, CreatedAt = s.CreatedAt, Id = s.Id });
        var inWorkspace = samples.Where(s => s.WorkspaceId == workspaceId);
        if (access.Has(Permissions.SamplesViewAll))
            return inWorkspace.Select(s => new KeyedSample { Sample = s, CreatedAt = s.CreatedAt, Id = s.Id });
        // samples.view.assigned only. The assignment's WorkspaceId, SampleId and SampleCreatedAt are copies of the sample's
        // (never changed after creation); the join still checks the sample's own workspace above.
        return assignments.Where(a => a.UserId == userId && a.WorkspaceId == workspaceId)
            .Join(inWorkspace, a => a.SampleId, s => s.Id, (a, s) => new KeyedSample { Sample = s, CreatedAt = a.SampleCreatedAt, Id = a.SampleId });
    }

    /// <summary>Visible samples across every workspace one can enter (organization-wide counts and search).</summary>
    public static IQueryable<Sample> VisibleSamples(IQueryable<Sample> samples, OrganizationAccess access, Guid userId)
    {
        var enterable = access.EnterableWorkspaceIds.ToList();
        return ByAssignment(samples.Where(s => enterable.Contains(s.WorkspaceId)), access, userId);
    }

    /// <summary>Whether the caller sees any sample at all (view.all or view.assigned); used for subjects.</summary>
    public static bool SeesSamples(OrganizationAccess access) =>
        access.Has(Permissions.SamplesViewAll) || access.Has(Permissions.SamplesViewAssigned);

    /// <summary>
    /// Subjects (patient data) of a workspace one may see: with <c>samples.view.all</c> every one; otherwise only the
    /// subjects of samples one can see. A subject page then lists only the samples
    /// <see cref="VisibleSamples(IQueryable{Sample}, OrganizationAccess, Guid, Guid)"/> lets through. People who define
    /// samples find an existing subject by its exact external id instead (FindSubject), without browsing.
    /// </summary>
    public static IQueryable<Subject> VisibleSubjects(IQueryable<Subject> subjects, IQueryable<Sample> samples, OrganizationAccess access, Guid userId,
        Guid workspaceId)
    {
        if (!access.CanEnter(workspaceId)) return subjects.Where(s => false);
        var inWorkspace = subjects.Where(s => s.WorkspaceId == workspaceId);
        if (access.Has(Permissions.SamplesViewAll)) return inWorkspace;
        var visible = VisibleSamples(samples, access, userId, workspaceId);
        return inWorkspace.Where(s => visible.Any(x => x.SubjectId == s.Id));
    }

    /// <summary>
    /// Activity about a sample or a subject is shown only to those who may see it, decided by the same rules as the
    /// pages (a deleted one stays visible only to those who see every sample). Other activity passes unchanged.
    /// </summary>
    public static IQueryable<ActivityRecord> VisibleActivity(IQueryable<ActivityRecord> activity, IQueryable<Sample> samples,
        IQueryable<Subject> subjects, OrganizationAccess access, Guid userId)
    {
        if (access.Has(Permissions.SamplesViewAll)) return activity;
        var visibleSamples = VisibleSamples(samples, access, userId);
        var visibleSubjects = subjects.Where(s => visibleSamples.Any(x => x.SubjectId == s.Id));
        return activity.Where(a => (a.TargetType != SampleTarget && a.TargetType != SubjectTarget)
            || (a.TargetType == SampleTarget && visibleSamples.Any(s => s.Id == a.TargetId))
            || (a.TargetType == SubjectTarget && visibleSubjects.Any(s => s.Id == a.TargetId)));
    }

    /// <summary>The activity target types of samples and subjects (written by <see cref="Common.Activity.ActivityFeed"/>).</summary>
    public const string SampleTarget = "sample", SubjectTarget = "subject";

    private static IQueryable<Sample> ByAssignment(IQueryable<Sample> samples, OrganizationAccess access, Guid userId)
    {
        if (access.Has(Permissions.SamplesViewAll)) return samples;
        if (access.Has(Permissions.SamplesViewAssigned)) return samples.Where(s => s.Assignments.Any(a => a.UserId == userId));
        return samples.Where(s => false);
    }
}

/// <summary>A visible sample with its newest-first paging key (see <see cref="SampleVisibility.VisibleSamplesNewestFirst"/>).</summary>
public sealed class KeyedSample
{
    public required Sample Sample { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required Guid Id { get; init; }
}

using VariantMiner.Application.Common.Security;
using VariantMiner.Domain.Authorization;
using VariantMiner.Domain.Samples;

namespace VariantMiner.Application.Samples;

/// <summary>
/// THE place where data-dependent sample visibility is decided (ARCHITECTURE §2–3). Every query that returns samples,
/// counts them, searches them or shows them on a subject page starts from <see cref="VisibleSamples(IQueryable{Sample}, OrganizationAccess, Guid, Guid)"/>.
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
    /// Subjects of a workspace one may open: anyone who sees samples or defines them. A subject page then lists only
    /// the samples <see cref="VisibleSamples(IQueryable{Sample}, OrganizationAccess, Guid, Guid)"/> lets through.
    /// </summary>
    public static IQueryable<Subject> VisibleSubjects(IQueryable<Subject> subjects, OrganizationAccess access, Guid workspaceId)
    {
        if (!access.CanEnter(workspaceId) || !(SeesSamples(access) || access.Has(Permissions.SamplesDefine)))
            return subjects.Where(s => false);
        return subjects.Where(s => s.WorkspaceId == workspaceId);
    }

    private static IQueryable<Sample> ByAssignment(IQueryable<Sample> samples, OrganizationAccess access, Guid userId)
    {
        if (access.Has(Permissions.SamplesViewAll)) return samples;
        if (access.Has(Permissions.SamplesViewAssigned)) return samples.Where(s => s.Assignments.Any(a => a.UserId == userId));
        return samples.Where(s => false);
    }
}

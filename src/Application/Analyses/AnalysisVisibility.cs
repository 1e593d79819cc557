using VariantMiner.Application.Samples;
using VariantMiner.Domain.Analyses;

namespace VariantMiner.Application.Analyses;

/// <summary>
/// Which runs one sees in a workspace (docs/architecture.md, "Analyses"):
/// <list type="bullet">
/// <item>a run whose every sample one sees (<see cref="SampleVisibility"/>) — an Analyst sees the runs of assigned samples;</item>
/// <item>a (sub-)analysis assigned to oneself, and the row of its main analysis — and nothing else of the sample: not its
/// other runs, not its files except the assigned run's own outputs (<see cref="Files.FileVisibility"/>).</item>
/// </list>
/// </summary>
public static class AnalysisVisibility
{
    public static IQueryable<Analysis> VisibleAnalyses(IApplicationDbContext db, OrganizationAccess access, Guid userId, Guid workspaceId)
    {
        if (!access.CanEnter(workspaceId)) return db.Analyses.Where(a => false);
        var samples = SampleVisibility.VisibleSamples(db.Samples, access, userId, workspaceId).Select(s => s.Id);
        var assigned = AssignedTo(db, userId, workspaceId);
        var parents = db.Analyses.Where(a => assigned.Contains(a.Id) && a.ParentId != null).Select(a => a.ParentId!.Value);
        return db.Analyses.Where(a => a.WorkspaceId == workspaceId &&
            (a.Samples.All(s => samples.Contains(s.SampleId)) || assigned.Contains(a.Id) || parents.Contains(a.Id)));
    }

    /// <summary>Runs assigned to oneself in the workspace (their outputs are visible files).</summary>
    public static IQueryable<Guid> AssignedTo(IApplicationDbContext db, Guid userId, Guid workspaceId) =>
        db.Analyses.Where(a => a.WorkspaceId == workspaceId && a.Assignments.Any(x => x.UserId == userId)).Select(a => a.Id);

    /// <summary>
    /// Runs whose data one may read (variants): every sample visible, or the run assigned to oneself — not a main
    /// analysis one sees only as the row above an assigned sub-analysis.
    /// </summary>
    public static IQueryable<Analysis> WithReadableData(IApplicationDbContext db, OrganizationAccess access, Guid userId, Guid workspaceId)
    {
        if (!access.CanEnter(workspaceId)) return db.Analyses.Where(a => false);
        var samples = SampleVisibility.VisibleSamples(db.Samples, access, userId, workspaceId).Select(s => s.Id);
        var assigned = AssignedTo(db, userId, workspaceId);
        return db.Analyses.Where(a => a.WorkspaceId == workspaceId && (a.Samples.All(s => samples.Contains(s.SampleId)) || assigned.Contains(a.Id)));
    }

    /// <summary>Whether one sees every sample of the run (not only the run by assignment): needed to launch on it or see its files.</summary>
    public static IQueryable<Analysis> WithVisibleSamples(IApplicationDbContext db, OrganizationAccess access, Guid userId, Guid workspaceId)
    {
        if (!access.CanEnter(workspaceId)) return db.Analyses.Where(a => false);
        var samples = SampleVisibility.VisibleSamples(db.Samples, access, userId, workspaceId).Select(s => s.Id);
        return db.Analyses.Where(a => a.WorkspaceId == workspaceId && a.Samples.All(s => samples.Contains(s.SampleId)));
    }
}

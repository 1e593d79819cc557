using VariantMiner.Application.Samples;
using VariantMiner.Domain.Files;

namespace VariantMiner.Application.Files;

/// <summary>
/// A file's visibility is its sample's (<see cref="SampleVisibility"/>): a file of a sample one cannot see — or of a
/// sample in the trash — is invisible everywhere. A file of the workspace itself (no sample, e.g. a panel BED) is
/// visible to everyone who can enter the workspace. The outputs of a (sub-)analysis assigned to oneself are visible too
/// (<see cref="Analyses.AnalysisVisibility"/>), even without its sample.
/// </summary>
public static class FileVisibility
{
    public static IQueryable<StoredFile> VisibleFiles(IApplicationDbContext db, OrganizationAccess access, Guid userId, Guid workspaceId)
    {
        if (!access.CanEnter(workspaceId)) return db.StoredFiles.Where(f => false);
        var samples = SampleVisibility.VisibleSamples(db.Samples, access, userId, workspaceId).Select(s => s.Id);
        var assigned = Analyses.AnalysisVisibility.AssignedTo(db, userId, workspaceId);
        return db.StoredFiles.Where(f => f.WorkspaceId == workspaceId &&
            (f.SampleId == null || samples.Contains(f.SampleId.Value) || (f.AnalysisId != null && assigned.Contains(f.AnalysisId.Value))));
    }
}

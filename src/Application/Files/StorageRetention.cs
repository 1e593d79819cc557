using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Files;

namespace VariantMiner.Application.Files;

/// <summary>
/// The organization's storage preferences (seed: "how long to store FASTQ or BAM files"): null keeps files for ever;
/// N deletes them N days after their analysis completed.
/// </summary>
public sealed record StoragePreferencesDto(int? DeleteFastqDaysAfterAnalysis, int? DeleteBamDaysAfterAnalysis);

public sealed record GetStoragePreferences(Guid OrganizationId) : IQuery<StoragePreferencesDto>, IOrganizationRequest;

public sealed class GetStoragePreferencesHandler(IApplicationDbContext db) : IQueryHandler<GetStoragePreferences, StoragePreferencesDto>
{
    public async ValueTask<StoragePreferencesDto> Handle(GetStoragePreferences query, CancellationToken cancellationToken) =>
        await db.Organizations.AsNoTracking().Where(o => o.Id == query.OrganizationId)
            .Select(o => new StoragePreferencesDto(o.DeleteFastqDaysAfterAnalysis, o.DeleteBamDaysAfterAnalysis)).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("The organization");
}

[RequiresPermission(Permissions.OrganizationSettingsManage)]
public sealed record SetStoragePreferences(int? DeleteFastqDaysAfterAnalysis, int? DeleteBamDaysAfterAnalysis) : ICommand<StoragePreferencesDto>, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class SetStoragePreferencesValidator : AbstractValidator<SetStoragePreferences>
{
    public SetStoragePreferencesValidator()
    {
        RuleFor(c => c.DeleteFastqDaysAfterAnalysis).InclusiveBetween(1, Organization.MaxRetentionDays)
            .WithMessage($"Days between 1 and {Organization.MaxRetentionDays}, or null to keep FASTQ files.");
        RuleFor(c => c.DeleteBamDaysAfterAnalysis).InclusiveBetween(1, Organization.MaxRetentionDays)
            .WithMessage($"Days between 1 and {Organization.MaxRetentionDays}, or null to keep BAM files.");
    }
}

public sealed class SetStoragePreferencesHandler(IApplicationDbContext db) : ICommandHandler<SetStoragePreferences, StoragePreferencesDto>
{
    public async ValueTask<StoragePreferencesDto> Handle(SetStoragePreferences command, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == command.OrganizationId, cancellationToken)
            ?? throw new NotFoundException("The organization");
        organization.SetStorageRetention(command.DeleteFastqDaysAfterAnalysis, command.DeleteBamDaysAfterAnalysis);
        await db.SaveChangesAsync(cancellationToken);
        return new StoragePreferencesDto(organization.DeleteFastqDaysAfterAnalysis, organization.DeleteBamDaysAfterAnalysis);
    }
}

/// <summary>
/// The scheduled sweep of the storage preferences, for the organization whose scope the caller entered (the job enters
/// each organization that has a preference). FASTQ: uploaded reads whose every analysis is over and the last COMPLETE
/// one ended more than N days ago (a FASTQ never analysed is kept). BAM: outputs of an analysis COMPLETE more than N
/// days ago, with their index. One transaction per organization: rows go, the storage is freed, the bytes go after the
/// commit; each deletion is an audit row (no actor: the system) and the activity feed says how many went and why.
/// </summary>
public sealed class StorageRetentionSweep(IApplicationDbContext db, IUnitOfWork unitOfWork, IFileStore store)
{
    /// <returns>How many files were deleted.</returns>
    public Task<int> RunAsync(Guid organizationId, DateTimeOffset now, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync(async () =>
        {
            var preferences = await db.Organizations.AsNoTracking().Where(o => o.Id == organizationId)
                .Select(o => new { o.DeleteFastqDaysAfterAnalysis, o.DeleteBamDaysAfterAnalysis }).SingleAsync(cancellationToken);
            var doomed = new List<StoredFile>();
            if (preferences.DeleteFastqDaysAfterAnalysis is { } fastqDays)
            {
                var cutoff = now - TimeSpan.FromDays(fastqDays);
                var fastq = await db.StoredFiles.Where(f => f.Kind == "fastq" && f.AnalysisId == null).Select(f => f.Id).ToListAsync(cancellationToken);
                var readers = await db.Analyses.AsNoTracking().Where(a => a.Inputs.Any(i => fastq.Contains(i.FileId))).ToListAsync(cancellationToken);
                var expired = fastq.Where(id =>
                {
                    var runs = readers.Where(a => a.Inputs.Any(i => i.FileId == id)).ToList();
                    return runs.Any(a => a.Status == AnalysisStatus.COMPLETE) && runs.All(a => a.EndedAt < cutoff);
                }).ToList();
                doomed.AddRange(await db.StoredFiles.Where(f => expired.Contains(f.Id)).ToListAsync(cancellationToken));
            }
            if (preferences.DeleteBamDaysAfterAnalysis is { } bamDays)
            {
                var cutoff = now - TimeSpan.FromDays(bamDays);
                var old = db.Analyses.Where(a => a.Status == AnalysisStatus.COMPLETE && a.EndedAt < cutoff).Select(a => a.Id);
                var bams = await db.StoredFiles.Where(f => f.Kind == "bam" && f.AnalysisId != null && old.Contains(f.AnalysisId.Value)).ToListAsync(cancellationToken);
                var indexNames = bams.Select(b => b.Name + ".bai").ToList();
                var analyses = bams.Select(b => b.AnalysisId!.Value).Distinct().ToList();
                var indexes = await db.StoredFiles.Where(f => f.AnalysisId != null && analyses.Contains(f.AnalysisId.Value) && indexNames.Contains(f.Name))
                    .ToListAsync(cancellationToken);
                doomed.AddRange(bams.Concat(indexes.Where(i => bams.Any(b => b.AnalysisId == i.AnalysisId && b.Name + ".bai" == i.Name))));
            }
            if (doomed.Count == 0) return 0;
            db.StoredFiles.RemoveRange(doomed);
            // Counts only: file names can carry sample names, and the feed is read by everyone who enters the workspace.
            foreach (var workspace in doomed.GroupBy(f => f.WorkspaceId))
                db.Activities.Add(new ActivityRecord(organizationId, workspace.Key, Common.Activity.ActivityFeed.SystemActor, "files.retention", "file", null,
                    $"Deleted {workspace.Count(f => f.Kind == "fastq")} FASTQ and {workspace.Count(f => f.Kind != "fastq")} BAM file(s) (with indexes) " +
                    "whose analyses ended longer ago than the organization's storage preferences keep them", now));
            await db.SaveChangesAsync(cancellationToken);
            await StorageLedger.FreeAsync(db, organizationId, doomed.Sum(f => f.SizeBytes), cancellationToken);
            foreach (var file in doomed) unitOfWork.AfterCommit(() => store.Delete(file.OrganizationId, file.Id));
            return doomed.Count;
        }, cancellationToken);
}

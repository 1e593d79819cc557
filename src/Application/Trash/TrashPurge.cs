namespace VariantMiner.Application.Trash;

/// <summary>
/// Removes for good what has been in a trash longer than the retention period, across every organization (a system
/// job: it lifts the tenant filter on purpose). Samples go first, with their assignments; a subject goes once no
/// sample, live or trashed, refers to it. Each batch is one transaction, audited like any other delete (no actor:
/// the system) and recorded in the activity feed under the person who deleted it.
/// </summary>
public sealed class TrashPurge(IApplicationDbContext db, IUnitOfWork unitOfWork, Files.IFileStore store)
{
    private const int BatchSize = 200;

    /// <returns>How many samples and subjects were purged.</returns>
    public async Task<int> PurgeDeletedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var purged = 0;
        while (true)
        {
            var batch = await unitOfWork.InTransactionAsync(async () =>
            {
                var samples = await db.Samples.IgnoreQueryFilters().Where(s => s.DeletedAt != null && s.DeletedAt < cutoff)
                    .OrderBy(s => s.DeletedAt).ThenBy(s => s.Id).Take(BatchSize).ToListAsync(cancellationToken);
                var sampleIds = samples.Select(s => s.Id).ToList();
                await Files.StorageLedger.RemoveAsync(db, unitOfWork, store, f => f.SampleId != null && sampleIds.Contains(f.SampleId.Value),
                    u => u.SampleId != null && sampleIds.Contains(u.SampleId.Value), cancellationToken);
                // Their runs (and sub-analyses, which carry the same samples) go with them; their output files went above.
                db.Analyses.RemoveRange(await db.Analyses.IgnoreQueryFilters().Where(a => a.Samples.Any(x => sampleIds.Contains(x.SampleId)))
                    .ToListAsync(cancellationToken));
                foreach (var sample in samples)
                {
                    sample.Purge();
                    db.Samples.Remove(sample);
                }
                var subjects = await db.Subjects.IgnoreQueryFilters().Where(s => s.DeletedAt != null && s.DeletedAt < cutoff)
                    .Where(s => !db.Samples.IgnoreQueryFilters().Any(x => x.SubjectId == s.Id && !sampleIds.Contains(x.Id)))
                    .OrderBy(s => s.DeletedAt).ThenBy(s => s.Id).Take(BatchSize).ToListAsync(cancellationToken);
                foreach (var subject in subjects)
                {
                    subject.Purge();
                    db.Subjects.Remove(subject);
                }
                await db.SaveChangesAsync(cancellationToken);
                return samples.Count + subjects.Count;
            }, cancellationToken);
            purged += batch;
            if (batch == 0) return purged;
        }
    }
}

using VariantMiner.Domain.Samples;

namespace VariantMiner.WebApi.Tests;

/// <summary>
/// A WGS sample assigned to every member of a seeded lab, its subject (so every member sees the subject through it),
/// and a second subject without samples (seen only by those who see every sample); written straight to the database.
/// </summary>
public sealed record SeededSamples(Guid SubjectId, Guid SampleId, Guid EmptySubjectId)
{
    public static async Task<SeededSamples> CreateAsync(AppDbContext db, SeededLab lab)
    {
        var creator = lab.Members[Domain.Authorization.BuiltInRole.Supervisor].UserId;
        var now = DateTimeOffset.UtcNow;
        var subject = new Subject(lab.OrganizationId, lab.WorkspaceId, "P-0001", Sex.Female, new DateOnly(1990, 5, 17), ["HP:0001250"], null, creator, now);
        var empty = new Subject(lab.OrganizationId, lab.WorkspaceId, "P-0000", Sex.Unknown, null, [], null, creator, now);
        var sample = new Sample(lab.OrganizationId, lab.WorkspaceId, "NA12878", "WGS", subject.Id, creator, now);
        foreach (var (userId, _) in lab.Members.Values) sample.Assign(userId, creator, now);
        db.Subjects.AddRange(subject, empty);
        db.Samples.Add(sample);
        await db.SaveChangesAsync();
        return new SeededSamples(subject.Id, sample.Id, empty.Id);
    }
}

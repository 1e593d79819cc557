using VariantMiner.Domain.Samples;
using VariantMiner.Infrastructure.Persistence;

namespace VariantMiner.WebApi.Tests;

/// <summary>A subject (without samples) and a WGS sample assigned to every member of a seeded lab, written straight to the database.</summary>
public sealed record SeededSamples(Guid SubjectId, Guid SampleId)
{
    public static async Task<SeededSamples> CreateAsync(AppDbContext db, SeededLab lab)
    {
        var creator = lab.Members[Domain.Authorization.BuiltInRole.Supervisor].UserId;
        var now = DateTimeOffset.UtcNow;
        var subject = new Subject(lab.OrganizationId, lab.WorkspaceId, "P-0001", Sex.Female, new DateOnly(1990, 5, 17), ["HP:0001250"], null, creator, now);
        var sample = new Sample(lab.OrganizationId, lab.WorkspaceId, "NA12878", "WGS", null, creator, now);
        foreach (var (userId, _) in lab.Members.Values) sample.Assign(userId, creator, now);
        db.Subjects.Add(subject);
        db.Samples.Add(sample);
        await db.SaveChangesAsync();
        return new SeededSamples(subject.Id, sample.Id);
    }
}

using VariantMiner.Application.Samples.Commands.ImportSamples;
using VariantMiner.Application.Samples.Queries.ListSamples;
using VariantMiner.Application.Subjects.Queries.ListSubjects;

namespace VariantMiner.Application.FunctionalTests.Samples;

/// <summary>CSV import of subjects and samples: checked row by row, all or nothing, errors named by line and column.</summary>
public class ImportTests(DatabaseProvider provider) : SampleTestBase(provider)
{
    private Task<ImportResultDto> ImportAsync(string csv) => SendAsync(new ImportSamples(csv) { OrganizationId = Org, WorkspaceId = General });

    [Test]
    public async Task A_valid_file_defines_samples_and_subjects_and_links_existing_subjects()
    {
        await ArrangeOrganizationAsync();
        var existing = await SubjectAsync("P-OLD");
        var result = await ImportAsync(
            "\uFEFFSample,Assay,Subject,Sex,Date_of_birth,Phenotypes,Notes\r\n" +
            "S-1,wgs,P-1,Female,1990-02-03,HP:0001250;HP:0000118,\"proband, index case\"\r\n" +
            "S-2,WES,P-1,,,,\r\n" +
            "S-3,WES,p-old,,,,\r\n" +
            ",,P-2,Male,,,\r\n");

        Assert.That(result, Is.EqualTo(new ImportResultDto(3, 2)));
        var samples = (await SendAsync(new ListSamples(Org, General) { Sort = "name" })).Items;
        Assert.That(samples.Select(s => (s.Name, s.Assay, s.Subject!.ExternalId)),
            Is.EqualTo(new[] { ("S-1", "WGS", "P-1"), ("S-2", "WES", "P-1"), ("S-3", "WES", "P-OLD") }));
        Assert.That(samples[2].Subject!.Id, Is.EqualTo(existing));
        Assert.That(samples.All(s => s.Assignees.Any(a => a.UserId == Owner)), Is.True, "the importer is assigned");
        var subjects = (await SendAsync(new ListSubjects(Org, General))).Items;
        var p1 = subjects.Single(s => s.ExternalId == "P-1");
        Assert.That((p1.Sex, p1.DateOfBirth, p1.PhenotypeTerms.Count, p1.Notes), Is.EqualTo(("Female", (DateOnly?)new DateOnly(1990, 2, 3), 2, "proband, index case")));
        Assert.That(subjects.Select(s => s.ExternalId), Does.Contain("P-2"));
    }

    [Test]
    public async Task Any_bad_row_refuses_the_whole_file_with_every_problem_by_line()
    {
        await ArrangeOrganizationAsync();
        await DefineAsync("TAKEN");
        var error = Assert.ThrowsAsync<ValidationException>(() => ImportAsync(
            "sample,assay,subject,sex,date_of_birth,phenotypes\n" +
            "GOOD,WGS,P-9,,,\n" +
            "taken,WGS,,,,\n" +
            "X,Nanopore,,,,\n" +
            "GOOD,WES,,,,\n" +
            "Y,WGS,P-8,Robot,3000-01-01,HP:1\n"))!;
        Assert.That(error.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "rows[3].sample", "rows[4].assay", "rows[5].sample", "rows[6].sex" }));
        Assert.That(error.Errors.First().ErrorMessage, Does.StartWith("Line 3, sample:"));
        Assert.That((await SendAsync(new ListSamples(Org, General))).Items.Select(s => s.Name), Is.EqualTo(new[] { "TAKEN" }), "nothing was written");
        Assert.That((await SendAsync(new ListSubjects(Org, General))).Items, Is.Empty);

        var header = Assert.ThrowsAsync<ValidationException>(() => ImportAsync("name,kind\nA,B\n"))!;
        Assert.That(header.Errors.Single().ErrorMessage, Does.Contain("Unknown: name, kind"));
        var quote = Assert.ThrowsAsync<ValidationException>(() => ImportAsync("sample,assay\n\"open,WGS\n"))!;
        Assert.That(quote.Errors.Single().ErrorMessage, Does.Contain("Line 2"));
    }

    [Test]
    public async Task Importing_needs_samples_define()
    {
        await ArrangeOrganizationAsync();
        RunAsUser(Curator);
        Assert.ThrowsAsync<ForbiddenException>(() => ImportAsync("sample,assay\nS,WGS\n"));
    }
}

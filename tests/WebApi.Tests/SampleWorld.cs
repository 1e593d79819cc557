using Microsoft.Extensions.DependencyInjection;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Samples;

namespace VariantMiner.WebApi.Tests;

/// <summary>
/// A WGS sample assigned to every member of a seeded lab, its subject (so every member sees the subject through it),
/// a second subject without samples (seen only by those who see every sample), and in the trash a sample assigned to
/// every member with its subject; written straight to the database.
/// </summary>
/// With a file store: a FASTQ file of the sample and an unfinished upload of the Supervisor's, bytes included.
/// For analyses: a genome FASTA of the workspace, a Ready reference bundle, a germline workflow using it, a queued run
/// of the sample (launched with the workflow), a failed one (launched without) and a complete one with a VCF output
/// and two imported variants (ids 1 and 2).
/// Variant knowledge: the first variant classified (with its history) and noted by the Supervisor, a gene list, a filter
/// set and a saved search of the Supervisor's; a personal access token of the Supervisor's (TokenId, its text Token); an
/// OAuth client of the organization (OrganizationClientId; registered in the database only, not at the authorization server).
/// Reports of the complete run: a draft (ReportId, variant 1) and a signed one (SignedReportId; its "PDF" a stand-in); an
/// order for the sample (OrderId), due yesterday.
public sealed record SeededSamples(Guid SubjectId, Guid SampleId, Guid EmptySubjectId, Guid TrashedSampleId, Guid TrashedSubjectId, Guid UploadId, Guid FileId,
    Guid GenomeFileId, Guid ReferenceId, Guid WorkflowId, Guid AnalysisId, Guid FailedAnalysisId, Guid CompleteAnalysisId, Guid NoteId, Guid GeneListId,
    Guid FilterSetId, Guid SavedSearchId, Guid TokenId, string Token, Guid OrganizationClientId, Guid ReportId, Guid SignedReportId, Guid OrderId, Guid NotificationId, Guid BookmarkId)
{
    /// <param name="queueRun">false for hosts whose worker runs pipelines: the seeded run (its file has no bytes) is then cancelled.</param>
    public static async Task<SeededSamples> CreateAsync(AppDbContext db, SeededLab lab, VariantMiner.Application.Files.IFileStore? store = null,
        bool queueRun = true)
    {
        var creator = lab.Members[Domain.Authorization.BuiltInRole.Supervisor].UserId;
        var now = DateTimeOffset.UtcNow;
        var subject = new Subject(lab.OrganizationId, lab.WorkspaceId, "P-0001", Sex.Female, new DateOnly(1990, 5, 17), ["HP:0001250"], null, creator, now);
        var empty = new Subject(lab.OrganizationId, lab.WorkspaceId, "P-0000", Sex.Unknown, null, [], null, creator, now);
        var sample = new Sample(lab.OrganizationId, lab.WorkspaceId, "NA12878", "WGS", subject.Id, creator, now);
        var trashedSubject = new Subject(lab.OrganizationId, lab.WorkspaceId, "P-0009", Sex.Male, null, [], null, creator, now);
        var trashed = new Sample(lab.OrganizationId, lab.WorkspaceId, "NA12877", "WES", trashedSubject.Id, creator, now);
        foreach (var (userId, _) in lab.Members.Values)
        {
            sample.Assign(userId, creator, now);
            trashed.Assign(userId, creator, now);
        }
        trashed.MoveToTrash(creator, now);
        trashedSubject.MoveToTrash(creator, now);
        db.Subjects.AddRange(subject, empty, trashedSubject);
        db.Samples.AddRange(sample, trashed);
        var fastq = "@r1\nACGT\n+\nIIII\n"u8.ToArray();
        var upload = new Domain.Files.Upload(lab.OrganizationId, lab.WorkspaceId, sample.Id, "part.fq", "fastq", fastq.Length, null, creator, now, now.AddDays(1));
        var completeUpload = new Domain.Files.Upload(lab.OrganizationId, lab.WorkspaceId, sample.Id, "reads.fq", "fastq", 0, null, creator, now, now.AddDays(1));
        var file = new Domain.Files.StoredFile(completeUpload, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(ReadOnlySpan<byte>.Empty)), now);
        db.Uploads.Add(upload);
        db.StoredFiles.Add(file);

        var genomeUpload = new Domain.Files.Upload(lab.OrganizationId, lab.WorkspaceId, null, "genome.fa", "fasta", 0, null, creator, now, now.AddDays(1));
        var genome = new Domain.Files.StoredFile(genomeUpload, file.Sha256, now);
        var genesUpload = new Domain.Files.Upload(lab.OrganizationId, lab.WorkspaceId, null, "genes.gff3", "gff3", 0, null, creator, now, now.AddDays(1));
        var genes = new Domain.Files.StoredFile(genesUpload, file.Sha256, now);
        db.StoredFiles.AddRange(genome, genes);
        var reference = new ReferenceBundle(lab.OrganizationId, "ce", "1", "WBcel235", genome.Id, genes.Id, [], creator, now);
        reference.Prepared(now);
        db.ReferenceBundles.Add(reference);
        var parameters = $$"""{"reference":"{{reference.Id}}","minBaseQuality":13,"minMappingQuality":20,"minVariantQuality":20}""";
        var workflow = new Workflow(lab.OrganizationId, "Germline default", "germline-fastq", parameters, creator, now);
        db.Workflows.Add(workflow);
        string[] steps = ["align", "index", "alignment_qc", "call", "normalize", "variant_qc"];
        var queued = new Analysis(lab.OrganizationId, lab.WorkspaceId, "germline-fastq", parameters, [sample.Id], [file.Id], steps, creator, now,
            workflow.Id, reference.Id);
        var failed = new Analysis(lab.OrganizationId, lab.WorkspaceId, "germline-fastq", parameters, [sample.Id], [file.Id], steps, creator, now.AddSeconds(-1),
            referenceBundleId: reference.Id);
        failed.Finish(AnalysisStatus.EXECUTOR_ERROR, now, "The step align failed.");
        if (!queueRun) queued.Cancel(creator, now);
        var complete = new Analysis(lab.OrganizationId, lab.WorkspaceId, "germline-fastq", parameters, [sample.Id], [file.Id], steps, creator, now.AddSeconds(-2),
            workflow.Id, reference.Id);
        complete.VariantsImported(2, ["NA12878"]);
        complete.Finish(AnalysisStatus.COMPLETE, now);
        db.Analyses.AddRange(queued, failed, complete);
        db.Variants.AddRange(
            SeededVariant(complete, 1, 1500, "G", "A", "vmA1", "missense", "0/1", "Pathogenic", 0.0001),
            SeededVariant(complete, 2, 25000, "C", "G", "vmB2", "synonymous", "1/1", null, 0.25));
        db.StoredFiles.Add(Domain.Files.StoredFile.Output(Guid.CreateVersion7(), lab.OrganizationId, lab.WorkspaceId, sample.Id, complete.Id, "NA12878.vcf.gz", "vcf", 0,
            file.Sha256, creator, now));
        var key = new Domain.Variants.VariantKey("WBcel235", "CHROMOSOME_I", 1500, "G", "A");
        var classification = new Domain.Variants.Classification(lab.OrganizationId, key, Domain.Variants.AcmgTier.Uncertain, "PM2", creator, now.AddDays(-1));
        classification.Classify(Domain.Variants.AcmgTier.LikelyPathogenic, "PM2, PP3", creator, now);
        var note = new Domain.Variants.VariantNote(lab.OrganizationId, key, "Seen in two families.", creator, now);
        var geneList = new Domain.Variants.GeneList(lab.OrganizationId, "Test panel", ["vmA1", "vmC3"], creator, now);
        var filterSet = new Domain.Variants.FilterSet(lab.OrganizationId, "Rare", """{"maxPopulationAf":0.01}""", creator, now);
        var savedSearch = new Domain.Variants.SavedSearch(lab.OrganizationId, creator, "My rare hets", """{"zygosity":"het"}""", "ce 1", now);
        db.Classifications.Add(classification);
        db.VariantNotes.Add(note);
        db.GeneLists.Add(geneList);
        db.FilterSets.Add(filterSet);
        db.SavedSearches.Add(savedSearch);
        var (tokenText, tokenHash, tokenHint) = VariantMiner.Application.ApiAccess.TokenFormat.New();
        var token = new Domain.Authorization.PersonalAccessToken(lab.OrganizationId, creator, "Seeded script", tokenHash, tokenHint, now, now.AddDays(30));
        db.PersonalAccessTokens.Add(token);
        var serviceUser = await TestData.AddUserAsync(db, $"vm_client_seeded{Guid.NewGuid():N}@clients.invalid");
        var client = new Domain.Authorization.OrganizationClient(lab.OrganizationId, "Seeded LIMS", $"vm_client_{Guid.NewGuid():N}", serviceUser.Id, creator, now);
        db.OrganizationClients.Add(client);
        var draft = new Domain.Reports.Report(lab.OrganizationId, lab.WorkspaceId, complete.Id, null, "Seeded draft",
            Domain.Reports.ReportContent.Checked([1], "A heterozygous missense variant in vmA1.", "Likely pathogenic.", null, null), creator, now);
        var signed = new Domain.Reports.Report(lab.OrganizationId, lab.WorkspaceId, complete.Id, null, "Seeded signed report",
            Domain.Reports.ReportContent.Checked([1], null, "Likely pathogenic.", null, null), creator, now);
        var pdf = "%PDF-1.4 seeded stand-in"u8.ToArray();
        var pdfSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf));
        var snapshot = new VariantMiner.Application.Reports.ReportSnapshotDto(lab.Name, "Genomes", "Seeded signed report", null, [],
            new VariantMiner.Application.Reports.ReportMethodDto(complete.Id, "germline-fastq", null, null, "WBcel235", now), [], null, "Likely pathogenic.", null, null);
        var signedVersion = signed.Sign(new Domain.Reports.Signature(creator, "Seeded Supervisor", now, "approved"), snapshot.ToJson(), pdfSha256);
        db.Reports.AddRange(draft, signed);
        var order = new Domain.Orders.Order(lab.OrganizationId, lab.WorkspaceId, subject.Id, [sample.Id], new Domain.Orders.OrderDetails("Epilepsy gene panel",
            "Dr. A. Clinician", "City Hospital", "Seizures since infancy.", ["HP:0001250"], Domain.Orders.OrderPriority.Urgent,
            DateOnly.FromDateTime(now.UtcDateTime).AddDays(-1), "ACC-0001"), creator, now);
        db.Orders.Add(order);
        db.ReportDocuments.Add(new Domain.Reports.ReportDocument(signedVersion, pdf, pdfSha256));
        // A FHIR server that is never reached (.invalid): sending the signed report again is possible.
        var integrations = new Domain.Integrations.IntegrationSettings(lab.OrganizationId);
        integrations.SetFhirEndpoint("https://fhir.example.invalid/fhir", Domain.Integrations.FhirAuthentication.None, null, null, creator, now);
        db.IntegrationSettings.Add(integrations);
        // A notification and a bookmark of the Supervisor's (only they may mark it read, remove it).
        var notification = new Domain.Notifications.Notification(lab.OrganizationId, creator, Domain.Notifications.NotificationEvents.SampleAssigned,
            $"A sample was assigned to you: {sample.Name}", $"/orgs/{lab.OrganizationId}/workspaces/{lab.WorkspaceId}/samples/{sample.Id}", now);
        db.Notifications.Add(notification);
        var bookmark = new Domain.Bookmarks.Bookmark(lab.OrganizationId, lab.WorkspaceId, creator, Domain.Bookmarks.BookmarkKind.Sample, sample.Id, null, now);
        db.Bookmarks.Add(bookmark);
        await db.SaveChangesAsync();
        if (store is not null) await using (store.OpenAppend(lab.OrganizationId, file.Id, 0)) { }
        return new SeededSamples(subject.Id, sample.Id, empty.Id, trashed.Id, trashedSubject.Id, upload.Id, file.Id, genome.Id, reference.Id, workflow.Id,
            queued.Id, failed.Id, complete.Id, note.Id, geneList.Id, filterSet.Id, savedSearch.Id, token.Id, tokenText, client.Id, draft.Id, signed.Id, order.Id, notification.Id, bookmark.Id);
    }

    public static Domain.Variants.Variant SeededVariant(Analysis run, int ordinal, long position, string reference, string alt, string? gene, string? consequence,
        string gt, string? clinVar, double? populationAf, string chrom = "CHROMOSOME_I", double? quality = 50, int? gq = 40, int? dp = 30) => new()
        {
            OrganizationId = run.OrganizationId,
            WorkspaceId = run.WorkspaceId,
            AnalysisId = run.Id,
            Ordinal = ordinal,
            Chrom = chrom,
            Position = position,
            Ref = reference,
            Alt = alt,
            Quality = quality,
            Gene = gene,
            Consequence = consequence,
            Consequences = consequence is null ? null : $"{consequence}|{gene}|{gene}.1|protein_coding|+|1A>1B|{position}{reference}>{alt}",
            ClinVar = clinVar,
            PopulationAf = populationAf,
            Priority = Domain.Variants.VariantPriority.Score(consequence, clinVar, populationAf),
            Gt = gt,
            Zygosity = Domain.Variants.VariantCalls.ZygosityOf(gt),
            Gq = gq,
            Dp = dp,
            AdRef = 10,
            AdAlt = 20,
            Genotypes = $"{gt}:{gq}:{dp}:10,20",
        };

    /// <summary>The seeded bundle's prepared genome (what the worker's preparation writes): two contigs and their faidx index.</summary>
    public const string PreparedGenome = ">CHROMOSOME_I\nACGTACGTAC\nGTACGTACGT\n>CHROMOSOME_II\nTTTTGGGGCC\n";

    public static void WritePreparedGenome(IServiceProvider services, Guid organizationId, Guid referenceId)
    {
        using var scope = services.CreateScope();
        var folder = scope.ServiceProvider.GetRequiredService<VariantMiner.Infrastructure.Analyses.ReferenceFiles>().FolderOf(organizationId, referenceId);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "genome.fa"), PreparedGenome);
        File.WriteAllText(Path.Combine(folder, "genome.fa.fai"), "CHROMOSOME_I\t20\t14\t10\t11\nCHROMOSOME_II\t10\t51\t10\t11\n");
    }
}

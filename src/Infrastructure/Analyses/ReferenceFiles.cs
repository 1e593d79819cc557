using System.Diagnostics;
using VariantMiner.Domain.Analyses;
using VariantMiner.Infrastructure.Storage;

namespace VariantMiner.Infrastructure.Analyses;

/// <summary>
/// A reference bundle's files on disk: <c>{DataDirectory}/references/{organizationId}/{bundleId}/</c> with
/// <c>genome.fa</c> and the indexes the pipelines read (samtools faidx, bwa index), <c>genes.gff3</c> and
/// <c>annotation-N.vcf.gz</c> (BGZF with a tabix index, as bcftools annotate reads them). Prepared in a temporary folder renamed into place when complete, so a bundle is either
/// entirely there or not at all (a preparation killed half-way starts over).
/// </summary>
public sealed class ReferenceFiles(AppDbContext db, IUnitOfWork unitOfWork, DatabaseSettings settings, LocalFileStore store) : VariantMiner.Application.Analyses.IReferenceGenomes
{
    public Stream? Open(Guid organizationId, Guid bundleId, string fileName)
    {
        var path = Path.Combine(FolderOf(organizationId, bundleId), fileName);
        return File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true) : null;
    }

    public string FolderOf(Guid organizationId, Guid bundleId) =>
        Path.Combine(settings.DataDirectory, "references", organizationId.ToString("N"), bundleId.ToString("N"));

    /// <summary>The indexed genome of a Ready bundle of the current organization, or null.</summary>
    public async Task<string?> GenomePathAsync(Guid bundleId, CancellationToken cancellationToken)
    {
        var bundle = await db.ReferenceBundles.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bundleId, cancellationToken);
        if (bundle?.Status != ReferenceStatus.Ready) return null;
        var path = Path.Combine(FolderOf(bundle.OrganizationId, bundle.Id), "genome.fa");
        return File.Exists(path) ? path : null;
    }

    /// <summary>The gene models (GFF3) of a Ready bundle of the current organization, or null.</summary>
    public async Task<string?> GeneModelsPathAsync(Guid? bundleId, CancellationToken cancellationToken)
    {
        if (bundleId is null || await GenomePathAsync(bundleId.Value, cancellationToken) is not { } genome) return null;
        var path = Path.Combine(Path.GetDirectoryName(genome)!, "genes.gff3");
        return File.Exists(path) ? path : null;
    }

    /// <summary>The annotation VCFs (BGZF, indexed) of a Ready bundle of the current organization, in the bundle's order.</summary>
    public async Task<IReadOnlyList<string>> AnnotationPathsAsync(Guid? bundleId, CancellationToken cancellationToken)
    {
        if (bundleId is null || await GenomePathAsync(bundleId.Value, cancellationToken) is not { } genome) return [];
        var folder = Path.GetDirectoryName(genome)!;
        return Directory.EnumerateFiles(folder, "annotation-*.vcf.gz")
            .OrderBy(p => int.Parse(Path.GetFileName(p)["annotation-".Length..^".vcf.gz".Length], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
    }

    /// <summary>Copies the bundle's files out of the store and indexes the genome; the bundle ends Ready or Failed with the tool's words.</summary>
    public async Task PrepareAsync(Guid bundleId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var bundle = await db.ReferenceBundles.SingleAsync(b => b.Id == bundleId, cancellationToken);
        var final = FolderOf(bundle.OrganizationId, bundle.Id);
        var temporary = final + ".preparing";
        if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
        Directory.CreateDirectory(temporary);
        try
        {
            Copy(bundle.OrganizationId, bundle.GenomeFileId, Path.Combine(temporary, "genome.fa"));
            if (bundle.GeneModelsFileId is { } gff) Copy(bundle.OrganizationId, gff, Path.Combine(temporary, "genes.gff3"));
            var annotations = bundle.AnnotationFileIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Guid.Parse).ToList();
            for (var i = 0; i < annotations.Count; i++)
            {
                Copy(bundle.OrganizationId, annotations[i], Path.Combine(temporary, $"annotation-{i + 1}.source"));
                await ToolAsync(temporary, cancellationToken, "bcftools", "view", "-Oz", "-o", $"annotation-{i + 1}.vcf.gz", $"annotation-{i + 1}.source");
                await ToolAsync(temporary, cancellationToken, "bcftools", "index", "-t", $"annotation-{i + 1}.vcf.gz");
                File.Delete(Path.Combine(temporary, $"annotation-{i + 1}.source"));
            }
            await ToolAsync(temporary, cancellationToken, "samtools", "faidx", "genome.fa");
            await ToolAsync(temporary, cancellationToken, "bwa", "index", "genome.fa");
            if (Directory.Exists(final)) Directory.Delete(final, recursive: true);
            Directory.Move(temporary, final);
            bundle.Prepared(now);
        }
        catch (Exception e) when (e is ReferenceToolException or FileNotFoundException or IOException)
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
            bundle.PreparationFailed(e is FileNotFoundException ? "A file of the bundle was deleted before it could be copied." : e.Message);
        }
        await unitOfWork.InTransactionAsync(() => db.SaveChangesAsync(cancellationToken), cancellationToken);
    }

    private void Copy(Guid organizationId, Guid fileId, string destination) => File.Copy(store.PathOf(organizationId, fileId), destination);

    private static async Task ToolAsync(string folder, CancellationToken cancellationToken, string program, params string[] arguments)
    {
        if (PipelineCatalog.FindOnPath(program) is null) throw new ReferenceToolException($"{program} is not installed on the worker.");
        var start = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var said = (await stderr).Trim();
            throw new ReferenceToolException($"{program} {arguments[0]} failed: {(said.Length > 500 ? said[^500..] : said)}");
        }
    }

    private sealed class ReferenceToolException(string message) : Exception(message);
}

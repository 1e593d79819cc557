using System.Text;
using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Files;

/// <summary>
/// A complete, checked file of a workspace — usually of one sample (FASTQ, BAM, CRAM, VCF), sometimes of the workspace
/// itself (a panel BED). Its bytes are in the file store under its id; its visibility is its sample's.
/// </summary>
public sealed class StoredFile : Entity, ITenantOwned
{
    private StoredFile() { }

    /// <summary>A completed upload becomes a file with the upload's id (the bytes keep their name in the store).</summary>
    public StoredFile(Upload upload, string sha256, DateTimeOffset completedAt)
    {
        if (!upload.IsComplete) throw new DomainException("Only a complete upload becomes a file.");
        Id = upload.Id;
        OrganizationId = upload.OrganizationId;
        WorkspaceId = upload.WorkspaceId;
        SampleId = upload.SampleId;
        Name = upload.Name;
        Kind = upload.Kind;
        SizeBytes = upload.Length;
        Sha256 = sha256;
        ReadNumber = upload.ReadNumber;
        UploadedBy = upload.CreatedBy;
        UploadedAt = completedAt;
        Raise(new FileUploaded(this));
    }

    /// <summary>An output of an analysis: it belongs to the run's sample and is seen by whoever sees the run.</summary>
    public static StoredFile Output(Guid id, Guid organizationId, Guid workspaceId, Guid sampleId, Guid analysisId, string name, string kind, long sizeBytes,
        string sha256, Guid launchedBy, DateTimeOffset completedAt) => new()
        {
            Id = id,
            OrganizationId = organizationId,
            WorkspaceId = workspaceId,
            SampleId = sampleId,
            AnalysisId = analysisId,
            Name = CleanName(name),
            Kind = kind,
            SizeBytes = sizeBytes,
            Sha256 = sha256,
            UploadedBy = launchedBy,
            UploadedAt = completedAt,
        };

    public Guid OrganizationId { get; private init; }
    public Guid WorkspaceId { get; private init; }
    public Guid? SampleId { get; private init; }
    /// <summary>The analysis that produced the file (null for an upload).</summary>
    public Guid? AnalysisId { get; private init; }
    public string Name { get; private init; } = "";
    public string Kind { get; private init; } = "";
    public long SizeBytes { get; private init; }
    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    public string Sha256 { get; private init; } = "";
    public int? ReadNumber { get; private init; }
    public Guid UploadedBy { get; private init; }
    public DateTimeOffset UploadedAt { get; private init; }

    /// <summary>
    /// A client's file name, for display only: the last path part (either separator), control and format characters
    /// removed, trimmed, at most 255 characters; "file" when nothing is left.
    /// </summary>
    public static string CleanName(string? name)
    {
        var last = (name ?? "").Split('/', '\\').Last();
        var kept = new StringBuilder();
        foreach (var c in last.Normalize(NormalizationForm.FormC))
            if (!char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format) kept.Append(c);
        var cleaned = kept.ToString().Trim().Trim('.');
        if (cleaned.Length > Upload.NameMaxLength) cleaned = cleaned[..Upload.NameMaxLength];
        return cleaned.Length == 0 ? "file" : cleaned;
    }
}

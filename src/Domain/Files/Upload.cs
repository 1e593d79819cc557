using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Files;

/// <summary>
/// A resumable upload in progress (tus): its declared length is reserved against the organization's quota when it is
/// created; its bytes live in the file store under its id; <see cref="Offset"/> counts the bytes acknowledged so far.
/// It becomes a <see cref="StoredFile"/> once complete and checked, or goes away (terminated, expired).
/// </summary>
public sealed class Upload : Entity, ITenantOwned
{
    public const int NameMaxLength = 255;

    private Upload() { }

    public Upload(Guid organizationId, Guid workspaceId, Guid? sampleId, string name, string kind, long length, int? readNumber, Guid createdBy,
        DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        if (length < 0) throw new DomainException("An upload's length cannot be negative.");
        OrganizationId = organizationId;
        WorkspaceId = workspaceId;
        SampleId = sampleId;
        Name = StoredFile.CleanName(name);
        Kind = kind;
        Length = length;
        ReadNumber = readNumber;
        CreatedBy = createdBy;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid OrganizationId { get; private init; }
    public Guid WorkspaceId { get; private init; }
    public Guid? SampleId { get; private init; }
    /// <summary>For display only (cleaned of path parts and control characters); the bytes are stored under the id.</summary>
    public string Name { get; private init; } = "";
    public string Kind { get; private init; } = "";
    public long Length { get; private init; }
    public long Offset { get; private set; }
    /// <summary>1 or 2 for the reads of a paired-end FASTQ, else null.</summary>
    public int? ReadNumber { get; private init; }
    public Guid CreatedBy { get; private init; }
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset ExpiresAt { get; private init; }

    public bool IsComplete => Offset == Length;

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;
}

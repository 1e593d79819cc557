using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Variants;

/// <summary>The five ACMG/AMP tiers.</summary>
public enum AcmgTier
{
    Pathogenic,
    LikelyPathogenic,
    Uncertain,
    LikelyBenign,
    Benign,
}

/// <summary>
/// The organization's current classification of a variant (one per key), shown on every analysis carrying it. Each
/// change appends a revision and none is ever rewritten: the history answers "who said what, when".
/// </summary>
public sealed class Classification : Entity, ITenantOwned
{
    public const int EvidenceMaxLength = 8000;
    private readonly List<ClassificationRevision> _history = [];

    private Classification() { }

    public Classification(Guid organizationId, VariantKey key, AcmgTier tier, string? evidence, Guid by, DateTimeOffset at)
    {
        OrganizationId = organizationId;
        (Build, Chrom, Position, Ref, Alt) = (key.Build, key.Chrom, key.Position, key.Ref, key.Alt);
        Classify(tier, evidence, by, at);
    }

    public Guid OrganizationId { get; private init; }
    public string Build { get; private init; } = "";
    public string Chrom { get; private init; } = "";
    public long Position { get; private init; }
    public string Ref { get; private init; } = "";
    public string Alt { get; private init; } = "";
    public AcmgTier Tier { get; private set; }
    /// <summary>ACMG criteria and the evidence for them (PVS1, PM2…), free text.</summary>
    public string? Evidence { get; private set; }
    public Guid ClassifiedBy { get; private set; }
    public DateTimeOffset ClassifiedAt { get; private set; }
    public IReadOnlyList<ClassificationRevision> History => _history;

    public VariantKey Key => new(Build, Chrom, Position, Ref, Alt);

    public void Classify(AcmgTier tier, string? evidence, Guid by, DateTimeOffset at)
    {
        if (!Enum.IsDefined(tier)) throw new DomainException("Unknown classification.");
        evidence = string.IsNullOrWhiteSpace(evidence) ? null : evidence.Trim();
        if (evidence?.Length > EvidenceMaxLength) throw new DomainException($"The evidence must be at most {EvidenceMaxLength} characters.");
        (Tier, Evidence, ClassifiedBy, ClassifiedAt) = (tier, evidence, by, at);
        _history.Add(new ClassificationRevision(Id, tier, evidence, by, at));
    }
}

/// <summary>One classification as it was given: kept for good.</summary>
public sealed class ClassificationRevision
{
    private ClassificationRevision() { }

    internal ClassificationRevision(Guid classificationId, AcmgTier tier, string? evidence, Guid by, DateTimeOffset at) =>
        (ClassificationId, Tier, Evidence, ChangedBy, ChangedAt) = (classificationId, tier, evidence, by, at);

    public Guid Id { get; private init; } = Guid.CreateVersion7();
    public Guid ClassificationId { get; private init; }
    public AcmgTier Tier { get; private init; }
    public string? Evidence { get; private init; }
    public Guid ChangedBy { get; private init; }
    public DateTimeOffset ChangedAt { get; private init; }
}

/// <summary>A member's note on a variant: only its author edits or deletes it, and every text it had is kept.</summary>
public sealed class VariantNote : Entity, ITenantOwned
{
    public const int TextMaxLength = 4000;
    private readonly List<VariantNoteRevision> _revisions = [];

    private VariantNote() { }

    public VariantNote(Guid organizationId, VariantKey key, string text, Guid author, DateTimeOffset at)
    {
        OrganizationId = organizationId;
        (Build, Chrom, Position, Ref, Alt) = (key.Build, key.Chrom, key.Position, key.Ref, key.Alt);
        AuthorId = author;
        CreatedAt = at;
        Write(text, at);
    }

    public Guid OrganizationId { get; private init; }
    public string Build { get; private init; } = "";
    public string Chrom { get; private init; } = "";
    public long Position { get; private init; }
    public string Ref { get; private init; } = "";
    public string Alt { get; private init; } = "";
    public Guid AuthorId { get; private init; }
    public string Text { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private init; }
    public DateTimeOffset? EditedAt { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }
    public IReadOnlyList<VariantNoteRevision> Revisions => _revisions;

    public void Edit(string text, Guid by, DateTimeOffset at)
    {
        EnsureAuthor(by, "edit");
        if (DeletedAt is not null) throw new DomainException("The note was deleted.");
        Write(text, at);
        EditedAt = at;
    }

    public void Delete(Guid by, DateTimeOffset at)
    {
        EnsureAuthor(by, "delete");
        DeletedAt ??= at;
    }

    public bool IsAuthor(Guid userId) => AuthorId == userId;

    private void EnsureAuthor(Guid by, string what)
    {
        if (by != AuthorId) throw new DomainException($"Only the note's author can {what} it.");
    }

    private void Write(string text, DateTimeOffset at)
    {
        text = (text ?? "").Trim();
        if (text.Length == 0) throw new DomainException("A note needs some text.");
        if (text.Length > TextMaxLength) throw new DomainException($"A note must be at most {TextMaxLength} characters.");
        Text = text;
        _revisions.Add(new VariantNoteRevision(Id, text, at));
    }
}

public sealed class VariantNoteRevision
{
    private VariantNoteRevision() { }

    internal VariantNoteRevision(Guid noteId, string text, DateTimeOffset at) => (NoteId, Text, WrittenAt) = (noteId, text, at);

    public Guid Id { get; private init; } = Guid.CreateVersion7();
    public Guid NoteId { get; private init; }
    public string Text { get; private init; } = "";
    public DateTimeOffset WrittenAt { get; private init; }
}

/// <summary>A tag the organization put on a variant (e.g. "artefact", "founder"), with who and when.</summary>
public sealed class VariantTag : ITenantOwned
{
    public const int MaxLength = 50;

    private VariantTag() { }

    public VariantTag(Guid organizationId, VariantKey key, string tag, Guid by, DateTimeOffset at)
    {
        tag = (tag ?? "").Trim();
        if (tag.Length is 0 or > MaxLength) throw new DomainException($"A tag is 1 to {MaxLength} characters.");
        OrganizationId = organizationId;
        (Build, Chrom, Position, Ref, Alt) = (key.Build, key.Chrom, key.Position, key.Ref, key.Alt);
        (Tag, AddedBy, AddedAt) = (tag, by, at);
    }

    public Guid OrganizationId { get; private init; }
    public string Build { get; private init; } = "";
    public string Chrom { get; private init; } = "";
    public long Position { get; private init; }
    public string Ref { get; private init; } = "";
    public string Alt { get; private init; } = "";
    public string Tag { get; private init; } = "";
    public Guid AddedBy { get; private init; }
    public DateTimeOffset AddedAt { get; private init; }
}

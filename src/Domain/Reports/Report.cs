using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Reports;

/// <summary>The states of a report version, as FHIR's DiagnosticReport.status names them.</summary>
public enum ReportStatus
{
    /// <summary>A draft just created.</summary>
    Registered,
    /// <summary>A draft being written.</summary>
    Partial,
    /// <summary>A draft marked ready for review.</summary>
    Preliminary,
    /// <summary>Signed: the first version.</summary>
    Final,
    /// <summary>Signed: a later version that changes the conclusion or the variants.</summary>
    Amended,
    /// <summary>Signed: a later version that fixes a mistake.</summary>
    Corrected,
    /// <summary>Signed: a later version that adds to the earlier one.</summary>
    Appended,
    /// <summary>A draft abandoned before it was signed.</summary>
    Cancelled,
}

/// <summary>What kind of new version follows a signed one (its status once signed).</summary>
public enum AmendmentKind
{
    Amended = ReportStatus.Amended,
    Corrected = ReportStatus.Corrected,
    Appended = ReportStatus.Appended,
}

/// <summary>
/// A clinical report of one analysis (and optionally its order) in a workspace. Its versions are kept for good: the
/// current one is a draft while it is written and becomes immutable when signed (the database refuses any change of a
/// signed version); a change after signing is a new version, amending, correcting or appending to the last one.
/// </summary>
public sealed class Report : Entity, ITenantOwned
{
    public const int TitleMaxLength = 200;
    private readonly List<ReportVersion> _versions = [];

    private Report() { }

    public Report(Guid organizationId, Guid workspaceId, Guid analysisId, Guid? orderId, string title, ReportContent content, Guid by, DateTimeOffset at)
    {
        OrganizationId = organizationId;
        WorkspaceId = workspaceId;
        AnalysisId = analysisId;
        OrderId = orderId;
        Title = CheckedTitle(title);
        CreatedBy = by;
        CreatedAt = at;
        _versions.Add(new ReportVersion(this, 1, ReportStatus.Registered, null, null, content, by, at));
    }

    public Guid OrganizationId { get; private init; }
    public Guid WorkspaceId { get; private init; }
    public Guid AnalysisId { get; private init; }
    public Guid? OrderId { get; private init; }
    public string Title { get; private set; } = "";
    public Guid CreatedBy { get; private init; }
    public DateTimeOffset CreatedAt { get; private init; }
    public IReadOnlyList<ReportVersion> Versions => _versions;

    public ReportVersion Current => _versions.MaxBy(v => v.Number)!;

    /// <summary>Edits the current draft.</summary>
    public void Edit(string? title, ReportContent? content, ReportStatus? status, Guid by, DateTimeOffset at)
    {
        var draft = Current;
        if (draft.IsSigned) throw new ReportLockedException("This version is signed and cannot change: start an amendment to change the report.");
        if (draft.AwaitsSecondSignature) throw new ReportLockedException("This version is signed once and awaits its second signature: it cannot change.");
        if (draft.Status == ReportStatus.Cancelled) throw new ReportLockedException("This draft was cancelled.");
        if (title is not null && draft.Number == 1) Title = CheckedTitle(title);
        var ready = status == ReportStatus.Preliminary && draft.Status != ReportStatus.Preliminary;
        draft.Edit(content, status, by, at);
        if (ready) Raise(new ReportAwaitingSignature(this, draft, null));
    }

    /// <summary>Abandons the current draft (a signed version stays as it is).</summary>
    public void Cancel(Guid by, DateTimeOffset at)
    {
        var draft = Current;
        if (draft.IsSigned) throw new ReportLockedException("A signed version cannot be cancelled: amend or correct it instead.");
        if (draft.AwaitsSecondSignature) throw new ReportLockedException("This version awaits its second signature: it cannot be cancelled.");
        draft.Cancel(by, at);
    }

    /// <summary>The status the current draft gets when it is signed.</summary>
    public ReportStatus SignedStatus => Current.Number == 1 ? ReportStatus.Final : (ReportStatus)Current.Kind!.Value;

    /// <summary>
    /// Signs the current draft: it keeps what the report said then (<paramref name="snapshot"/>: the variants with the
    /// organization's classifications, subject, method), the signature and the PDF's SHA-256, for good.
    /// </summary>
    public ReportVersion Sign(Signature signature, string snapshot, string pdfSha256)
    {
        var draft = Current;
        if (draft.IsSigned) throw new ReportLockedException("This version is already signed.");
        if (draft.Status == ReportStatus.Cancelled) throw new ReportLockedException("A cancelled draft cannot be signed.");
        if (draft.FirstSignedBy == signature.SignerId)
            throw new ReportLockedException("The second signature must be another person's: you signed this version first.");
        draft.Sign(SignedStatus, signature, draft.Snapshot ?? snapshot, pdfSha256);
        Raise(new ReportSigned(this, draft));
        return draft;
    }

    /// <summary>
    /// The first of two signatures (the organization's two-person rule): the content is frozen as <paramref name="snapshot"/>
    /// and the version waits, preliminary, for another person's signature, which makes it final.
    /// </summary>
    public ReportVersion SignFirst(Signature signature, string snapshot)
    {
        var draft = Current;
        if (!draft.IsDraft) throw new ReportLockedException("There is no draft to sign.");
        if (draft.AwaitsSecondSignature) throw new ReportLockedException("This version already has its first signature.");
        draft.SignFirst(signature, snapshot);
        Raise(new ReportAwaitingSignature(this, draft, signature.SignerId));
        return draft;
    }

    /// <summary>Starts the next version from the signed one: a draft with its content, to amend, correct or append to.</summary>
    public ReportVersion Amend(AmendmentKind kind, string reason, Guid by, DateTimeOffset at)
    {
        var signed = Current;
        if (!signed.IsSigned) throw new ReportLockedException("Only a signed report is amended: edit the draft instead.");
        if (!Enum.IsDefined(kind)) throw new DomainException("Amend, correct or append.");
        reason = reason.Trim();
        if (reason.Length is 0 or > ReportVersion.ReasonMaxLength)
            throw new DomainException($"Say why the report changes (at most {ReportVersion.ReasonMaxLength} characters).");
        var next = new ReportVersion(this, signed.Number + 1, ReportStatus.Registered, kind, reason, signed.Content, by, at);
        _versions.Add(next);
        return next;
    }

    private static string CheckedTitle(string title)
    {
        title = title.Trim();
        if (title.Length is 0 or > TitleMaxLength) throw new DomainException($"Give the report a title of at most {TitleMaxLength} characters.");
        return title;
    }
}

/// <summary>A signature's manifestation (who, when, what it means), as 21 CFR 11.50 asks.</summary>
public sealed record Signature(Guid SignerId, string SignerName, DateTimeOffset SignedAt, string Meaning)
{
    public static readonly IReadOnlyList<string> Meanings = ["reviewed", "approved", "authored"];
}

/// <summary>A change refused because the version is signed or cancelled (409).</summary>
public sealed class ReportLockedException(string message) : DomainException(message);

/// <summary>One version of a report: a draft, or (once signed) an immutable record with its signature and PDF hash.</summary>
public sealed class ReportVersion : ITenantOwned
{
    public const int ReasonMaxLength = 2000;

    private ReportVersion() { }

    internal ReportVersion(Report report, int number, ReportStatus status, AmendmentKind? kind, string? reason, ReportContent content, Guid by, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7();
        ReportId = report.Id;
        OrganizationId = report.OrganizationId;
        Number = number;
        Status = status;
        Kind = kind;
        Reason = reason;
        Content = content;
        CreatedBy = by;
        CreatedAt = at;
        UpdatedBy = by;
        UpdatedAt = at;
    }

    public Guid Id { get; private init; }
    public Guid ReportId { get; private init; }
    public Guid OrganizationId { get; private init; }
    public int Number { get; private init; }
    public ReportStatus Status { get; private set; }
    /// <summary>For a version after the first: what it does to the one before.</summary>
    public AmendmentKind? Kind { get; private init; }
    public string? Reason { get; private init; }
    public ReportContent Content { get; private set; } = ReportContent.Empty;
    public Guid CreatedBy { get; private init; }
    public DateTimeOffset CreatedAt { get; private init; }
    public Guid UpdatedBy { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public Guid? SignedBy { get; private set; }
    public string? SignerName { get; private set; }
    public DateTimeOffset? SignedAt { get; private set; }
    public string? SignatureMeaning { get; private set; }
    /// <summary>What the signed version said, as JSON (set when it is signed — the first time, under the two-person rule).</summary>
    public string? Snapshot { get; private set; }
    /// <summary>The first of two signatures, under the two-person rule; the final one is <see cref="SignedBy"/>.</summary>
    public Guid? FirstSignedBy { get; private set; }
    public string? FirstSignerName { get; private set; }
    public DateTimeOffset? FirstSignedAt { get; private set; }
    public string? FirstSignatureMeaning { get; private set; }
    /// <summary>The SHA-256 of the PDF rendered when it was signed (hex).</summary>
    public string? PdfSha256 { get; private set; }

    public bool IsSigned => SignedAt is not null;
    public bool AwaitsSecondSignature => !IsSigned && FirstSignedAt is not null;
    public bool IsDraft => !IsSigned && Status != ReportStatus.Cancelled;

    internal void Edit(ReportContent? content, ReportStatus? status, Guid by, DateTimeOffset at)
    {
        if (status is { } next && next is not (ReportStatus.Registered or ReportStatus.Partial or ReportStatus.Preliminary))
            throw new DomainException("A draft is registered, partial or preliminary; signing makes it final.");
        if (content is not null) Content = content;
        Status = status ?? (Status == ReportStatus.Registered ? ReportStatus.Partial : Status);
        (UpdatedBy, UpdatedAt) = (by, at);
    }

    internal void Cancel(Guid by, DateTimeOffset at) => (Status, UpdatedBy, UpdatedAt) = (ReportStatus.Cancelled, by, at);

    internal void SignFirst(Signature signature, string snapshot)
    {
        if (!Signature.Meanings.Contains(signature.Meaning)) throw new DomainException($"The signature's meaning is one of: {string.Join(", ", Signature.Meanings)}.");
        (Status, Snapshot) = (ReportStatus.Preliminary, snapshot);
        (FirstSignedBy, FirstSignerName, FirstSignedAt, FirstSignatureMeaning) = (signature.SignerId, signature.SignerName, signature.SignedAt, signature.Meaning);
        (UpdatedBy, UpdatedAt) = (signature.SignerId, signature.SignedAt);
    }

    internal void Sign(ReportStatus status, Signature signature, string snapshot, string pdfSha256)
    {
        if (!Signature.Meanings.Contains(signature.Meaning)) throw new DomainException($"The signature's meaning is one of: {string.Join(", ", Signature.Meanings)}.");
        Status = status;
        Snapshot = snapshot;
        (SignedBy, SignerName, SignedAt, SignatureMeaning, PdfSha256) = (signature.SignerId, signature.SignerName, signature.SignedAt, signature.Meaning, pdfSha256);
        (UpdatedBy, UpdatedAt) = (signature.SignerId, signature.SignedAt);
    }
}

/// <summary>The signed PDF of a version, kept byte for byte (the database refuses changes and deletions).</summary>
public sealed class ReportDocument : ITenantOwned
{
    private ReportDocument() { }

    public ReportDocument(ReportVersion version, byte[] pdf, string sha256)
    {
        VersionId = version.Id;
        OrganizationId = version.OrganizationId;
        Pdf = pdf;
        Sha256 = sha256;
    }

    public Guid VersionId { get; private init; }
    public Guid OrganizationId { get; private init; }
    public byte[] Pdf { get; private init; } = [];
    public string Sha256 { get; private init; } = "";
}

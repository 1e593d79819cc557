using System.Security.Cryptography;
using FluentValidation.Results;
using VariantMiner.Application.Analyses;
using VariantMiner.Application.Audit;
using VariantMiner.Application.Samples;
using VariantMiner.Application.Variants;
using VariantMiner.Domain.Analyses;
using VariantMiner.Domain.Common;
using VariantMiner.Domain.Reports;

namespace VariantMiner.Application.Reports;

public sealed record ReportSignatureDto(PersonDto Signer, DateTimeOffset SignedAt, string Meaning, string PdfSha256);

/// <summary>The first of two signatures (the two-person rule): the version waits for another person's.</summary>
public sealed record ReportFirstSignatureDto(PersonDto Signer, DateTimeOffset SignedAt, string Meaning);

/// <param name="Status">registered, partial, preliminary (drafts), final, amended, corrected, appended (signed), cancelled — FHIR DiagnosticReport.status.</param>
/// <param name="Kind">For a version after the first: amended, corrected or appended.</param>
public sealed record ReportVersionDto(int Number, string Status, string? Kind, string? Reason, IReadOnlyList<int> VariantIds, string? Interpretation,
    string? Conclusion, string? Limitations, string? FiltersUsed, PersonDto CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, ReportSignatureDto? Signature,
    ReportFirstSignatureDto? FirstSignature);

public sealed record ReportSummaryDto(Guid Id, Guid AnalysisId, Guid? OrderId, string Title, int Version, string Status, DateTimeOffset UpdatedAt, PersonDto CreatedBy);

/// <param name="Versions">Every version, newest first; the first is the current one.</param>
/// <param name="Deliveries">The signed versions sent to the organization's FHIR server, newest first.</param>
public sealed record ReportDto(Guid Id, Guid WorkspaceId, Guid AnalysisId, Guid? OrderId, string Title, DateTimeOffset CreatedAt, IReadOnlyList<ReportVersionDto> Versions,
    IReadOnlyList<ReportDeliveryDto> Deliveries);

internal static class ReportNames
{
    public static string Of(ReportStatus status) => status switch
    {
        ReportStatus.Registered => "registered",
        ReportStatus.Partial => "partial",
        ReportStatus.Preliminary => "preliminary",
        ReportStatus.Final => "final",
        ReportStatus.Amended => "amended",
        ReportStatus.Corrected => "corrected",
        ReportStatus.Appended => "appended",
        _ => "cancelled",
    };

    /// <summary>What a version after the first does to the one before (amended, corrected, appended), or null.</summary>
    public static string? KindOf(ReportVersion version) => version.Kind is { } kind ? Of((ReportStatus)kind) : null;

    public static ReportStatus? DraftStatus(string? name) => name switch
    {
        null => null,
        "registered" => ReportStatus.Registered,
        "partial" => ReportStatus.Partial,
        "preliminary" => ReportStatus.Preliminary,
        _ => throw new ValidationException([new ValidationFailure("status", "A draft is registered, partial or preliminary; signing makes it final.")]),
    };

    public static AmendmentKind Kind(string name) => name switch
    {
        "amended" => AmendmentKind.Amended,
        "corrected" => AmendmentKind.Corrected,
        "appended" => AmendmentKind.Appended,
        _ => throw new ValidationException([new ValidationFailure("kind", "kind is amended, corrected or appended.")]),
    };
}

/// <summary>Finding reports one may see: those of analyses whose data one may read (404 for any other).</summary>
internal static class ReportAccess
{
    public static IQueryable<Report> Visible(IApplicationDbContext db, OrganizationAccess access, Guid me, Guid workspaceId)
    {
        var runs = AnalysisVisibility.WithReadableData(db, access, me, workspaceId).Select(a => a.Id);
        return db.Reports.Where(r => r.WorkspaceId == workspaceId && runs.Contains(r.AnalysisId));
    }

    public static async Task<Report> FindAsync(IApplicationDbContext db, OrganizationAccess access, Guid me, Guid workspaceId, Guid reportId, CancellationToken cancellationToken) =>
        await Visible(db, access, me, workspaceId).Include(r => r.Versions).SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken)
        ?? throw new NotFoundException("The report");

    /// <summary>
    /// What the version says: frozen when it was signed (the first time, under the two-person rule), else read now from
    /// the analysis, the variants and the classifications.
    /// </summary>
    public static async Task<ReportSnapshotDto> SnapshotAsync(IApplicationDbContext db, Report report, ReportVersion version, CancellationToken cancellationToken) =>
        version.Snapshot is { } frozen ? ReportSnapshotDto.FromJson(frozen)
            : await ReportSnapshots.ReadAsync(db, await RunAsync(db, report, cancellationToken), report.Title, version.Content, cancellationToken);

    public static async Task<Analysis> RunAsync(IApplicationDbContext db, Report report, CancellationToken cancellationToken) =>
        await db.Analyses.AsNoTracking().Include(a => a.Samples).SingleAsync(a => a.Id == report.AnalysisId, cancellationToken);

    public static async Task<ReportDto> ToDtoAsync(IApplicationDbContext db, Report report, IUserAccounts accounts, CancellationToken cancellationToken)
    {
        var names = await accounts.DisplayNamesAsync(report.Versions.Select(v => v.CreatedBy).Append(report.CreatedBy), cancellationToken);
        PersonDto Person(Guid id) => new(id, names.GetValueOrDefault(id, "(former member)"));
        return new ReportDto(report.Id, report.WorkspaceId, report.AnalysisId, report.OrderId, report.Title, report.CreatedAt,
            report.Versions.OrderByDescending(v => v.Number).Select(v => new ReportVersionDto(v.Number, ReportNames.Of(v.Status),
                ReportNames.KindOf(v), v.Reason, v.Content.VariantIds, v.Content.Interpretation, v.Content.Conclusion,
                v.Content.Limitations, v.Content.FiltersUsed, Person(v.CreatedBy), v.CreatedAt, v.UpdatedAt, SignatureOf(v), FirstSignatureOf(v))).ToList(),
            await ReportDeliveries.OfAsync(db, report.Id, cancellationToken));
    }

    /// <summary>The version as the Genomics Reporting Bundle: a signed one from what it was signed with, with its PDF; a draft as it stands.</summary>
    public static async Task<Hl7.Fhir.Model.Bundle> FhirBundleAsync(IApplicationDbContext db, Report report, ReportVersion version, CancellationToken cancellationToken)
    {
        var snapshot = await SnapshotAsync(db, report, version, cancellationToken);
        var order = report.OrderId is { } orderId
            ? await db.Orders.AsNoTracking().SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken)
            : null;
        var pdf = version.IsSigned
            ? await db.ReportDocuments.AsNoTracking().Where(d => d.VersionId == version.Id).Select(d => d.Pdf).SingleAsync(cancellationToken)
            : null;
        return FhirReport.Build(report.Id, report.WorkspaceId, version, ReportNames.Of(version.Status), snapshot, order, pdf);
    }

    public static ReportFirstSignatureDto? FirstSignatureOf(ReportVersion v) => v.FirstSignedAt is { } at
        ? new ReportFirstSignatureDto(new PersonDto(v.FirstSignedBy!.Value, v.FirstSignerName!), at, v.FirstSignatureMeaning!)
        : null;

    public static ReportSignatureDto? SignatureOf(ReportVersion v) => v.IsSigned
        ? new ReportSignatureDto(new PersonDto(v.SignedBy!.Value, v.SignerName!), v.SignedAt!.Value, v.SignatureMeaning!, v.PdfSha256!)
        : null;
}

/// <summary>The reports of a workspace I may see (those of analyses whose data I may read), newest first.</summary>
public sealed record ListReports(Guid OrganizationId, Guid WorkspaceId, Guid? AnalysisId) : IQuery<IReadOnlyList<ReportSummaryDto>>, IWorkspaceRequest;

public sealed class ListReportsHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts)
    : IQueryHandler<ListReports, IReadOnlyList<ReportSummaryDto>>
{
    public async ValueTask<IReadOnlyList<ReportSummaryDto>> Handle(ListReports query, CancellationToken cancellationToken)
    {
        var reports = await ReportAccess.Visible(db, scope.Access, currentUser.UserId!.Value, query.WorkspaceId).AsNoTracking()
            .Where(r => query.AnalysisId == null || r.AnalysisId == query.AnalysisId)
            .Include(r => r.Versions).OrderByDescending(r => r.CreatedAt).Take(500).ToListAsync(cancellationToken);
        var names = await accounts.DisplayNamesAsync(reports.Select(r => r.CreatedBy), cancellationToken);
        return reports.Select(r => new ReportSummaryDto(r.Id, r.AnalysisId, r.OrderId, r.Title, r.Current.Number, ReportNames.Of(r.Current.Status),
            r.Current.UpdatedAt, new PersonDto(r.CreatedBy, names.GetValueOrDefault(r.CreatedBy, "(former member)")))).ToList();
    }
}

/// <summary>A report with every version (an audited read of patient data).</summary>
public sealed record GetReport(Guid OrganizationId, Guid WorkspaceId, Guid ReportId) : IQuery<ReportDto>, IWorkspaceRequest;

public sealed class GetReportHandler(IApplicationDbContext db, IUnitOfWork unitOfWork, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts,
    IAuditTrail audit) : IQueryHandler<GetReport, ReportDto>
{
    public async ValueTask<ReportDto> Handle(GetReport query, CancellationToken cancellationToken)
    {
        var report = await ReportAccess.FindAsync(db, scope.Access, currentUser.UserId!.Value, query.WorkspaceId, query.ReportId, cancellationToken);
        await PatientDataReads.RecordAsync(db, unitOfWork, audit, report.OrganizationId, report.WorkspaceId, nameof(Report), [report.Id], cancellationToken);
        return await ReportAccess.ToDtoAsync(db, report, accounts, cancellationToken);
    }
}

/// <summary>Drafts a report of an analysis whose variants I may read (reports.write).</summary>
[RequiresPermission(Permissions.ReportsWrite)]
public sealed record CreateReport(Guid AnalysisId, string Title, IReadOnlyList<int>? VariantIds, string? Interpretation, string? Conclusion, string? Limitations,
    string? FiltersUsed) : ICommand<ReportDto>, IWorkspaceRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkspaceId { get; init; }
    public Guid? OrderId { get; init; }
}

public sealed class CreateReportHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock)
    : ICommandHandler<CreateReport, ReportDto>
{
    public async ValueTask<ReportDto> Handle(CreateReport command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var run = await VariantAccess.ReadableRunAsync(db, scope.Access, me, command.WorkspaceId, command.AnalysisId, cancellationToken);
        if (command.OrderId is { } orderId) await Orders.OrderVisibility.FindAsync(db, scope.Access, me, command.WorkspaceId, orderId, cancellationToken);
        var content = ReportContent.Checked(command.VariantIds, command.Interpretation, command.Conclusion, command.Limitations, command.FiltersUsed);
        var report = new Report(run.OrganizationId, run.WorkspaceId, run.Id, command.OrderId, command.Title, content, me, clock.GetUtcNow());
        await ReportSnapshots.ReadAsync(db, await ReportAccess.RunAsync(db, report, cancellationToken), report.Title, content, cancellationToken); // checks the variants
        db.Reports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        return await ReportAccess.ToDtoAsync(db, report, accounts, cancellationToken);
    }
}

/// <summary>
/// Edits the current draft (reports.write): only the fields given change. A signed version cannot change (409): amend it.
/// </summary>
[RequiresPermission(Permissions.ReportsWrite)]
public sealed record EditReport : ICommand<ReportDto>, IWorkspaceRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkspaceId { get; init; }
    [JsonIgnore] public Guid ReportId { get; init; }
    public string? Title { get; init; }
    public IReadOnlyList<int>? VariantIds { get; init; }
    public string? Interpretation { get; init; }
    public string? Conclusion { get; init; }
    public string? Limitations { get; init; }
    public string? FiltersUsed { get; init; }
    /// <summary>registered, partial or preliminary (ready for review); "cancelled" abandons the draft.</summary>
    public string? Status { get; init; }
}

public sealed class EditReportHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock)
    : ICommandHandler<EditReport, ReportDto>
{
    public async ValueTask<ReportDto> Handle(EditReport command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var report = await ReportAccess.FindAsync(db, scope.Access, me, command.WorkspaceId, command.ReportId, cancellationToken);
        try
        {
            if (command.Status == "cancelled") report.Cancel(me, clock.GetUtcNow());
            else
            {
                var was = report.Current.Content;
                var content = ReportContent.Checked(command.VariantIds ?? was.VariantIds, command.Interpretation ?? was.Interpretation,
                    command.Conclusion ?? was.Conclusion, command.Limitations ?? was.Limitations, command.FiltersUsed ?? was.FiltersUsed);
                report.Edit(command.Title, content, ReportNames.DraftStatus(command.Status), me, clock.GetUtcNow());
                await ReportSnapshots.ReadAsync(db, await ReportAccess.RunAsync(db, report, cancellationToken), report.Title, content, cancellationToken);
            }
        }
        catch (ReportLockedException locked)
        {
            throw new ConflictException(locked.Message);
        }
        await db.SaveChangesAsync(cancellationToken);
        return await ReportAccess.ToDtoAsync(db, report, accounts, cancellationToken);
    }
}

/// <summary>
/// Signs the current draft (reports.sign) after the signer proves who they are again (21 CFR 11.200): their password — a
/// wrong one is 403, changes nothing and counts towards the lockout — or, for an account of the organization's
/// institution, a sign-in through it in the last five minutes. The signature records the signer's name, the time (UTC)
/// and its meaning; the PDF is rendered once and kept with its SHA-256, and the version never changes again. A final
/// signature queues the version for the organization's FHIR server, when one is set (in the same transaction).
/// </summary>
[RequiresPermission(Permissions.ReportsSign)]
public sealed record SignReport(string? Password, string Meaning) : ICommand<ReportSigning>, IWorkspaceRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkspaceId { get; init; }
    [JsonIgnore] public Guid ReportId { get; init; }
}

/// <summary>The signed report, or (a wrong password) null: the command completes so that the failed attempt is kept.</summary>
public sealed record ReportSigning(ReportDto? Report)
{
    public const string WrongPassword = "The password is not right: the report was not signed.";
}

public sealed class SignReportValidator : AbstractValidator<SignReport>
{
    public SignReportValidator() =>
        RuleFor(c => c.Meaning).Must(m => Signature.Meanings.Contains(m))
            .WithMessage($"meaning is what the signature means: {string.Join(", ", Signature.Meanings)}.");
}

public sealed class SignReportHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts, IAccountService passwords,
    IReportRenderer renderer, TimeProvider clock) : ICommandHandler<SignReport, ReportSigning>
{
    /// <summary>How recent an institution sign-in must be to stand for the password at signing.</summary>
    public static readonly TimeSpan FreshSignIn = TimeSpan.FromMinutes(5);

    public async ValueTask<ReportSigning> Handle(SignReport command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var report = await ReportAccess.FindAsync(db, scope.Access, me, command.WorkspaceId, command.ReportId, cancellationToken);
        if (!report.Current.IsDraft) throw new ConflictException("There is no draft to sign: the current version is signed or cancelled.");
        if (!await ProvedWhoAsync(command, me, cancellationToken)) return new ReportSigning(null);

        var signer = await accounts.FindAsync(me, cancellationToken) ?? throw new UnauthenticatedException("Sign in again to sign.");
        var signature = new Signature(me, signer.DisplayName, clock.GetUtcNow(), command.Meaning);
        var draft = report.Current;
        var preferences = await Letterheads.FindAsync(db, report.OrganizationId, cancellationToken);
        // Under the two-person rule the first signature freezes the content; the second signs exactly that.
        var snapshot = await ReportAccess.SnapshotAsync(db, report, draft, cancellationToken);
        try
        {
            if (preferences?.RequireSecondSignature == true && !draft.AwaitsSecondSignature)
            {
                report.SignFirst(signature, snapshot.ToJson());
                await db.SaveChangesAsync(cancellationToken);
                return new ReportSigning(await ReportAccess.ToDtoAsync(db, report, accounts, cancellationToken));
            }
        }
        catch (ReportLockedException locked)
        {
            throw new ConflictException(locked.Message);
        }
        if (draft.FirstSignedBy == me) throw new ConflictException("The second signature must be another person's: you signed this version first.");
        var pdf = await renderer.RenderPdfAsync(snapshot, new ReportPrinting(draft.Number, ReportNames.Of(report.SignedStatus),
            ReportNames.KindOf(draft), draft.Reason,
            new ReportSignatureDto(new PersonDto(me, signer.DisplayName), signature.SignedAt, signature.Meaning, ""), ReportAccess.FirstSignatureOf(draft),
            Letterheads.Of(preferences)), cancellationToken);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        try
        {
            report.Sign(signature, snapshot.ToJson(), sha256);
        }
        catch (ReportLockedException locked)
        {
            throw new ConflictException(locked.Message);
        }
        db.ReportDocuments.Add(new ReportDocument(draft, pdf, sha256));
        await ReportDeliveries.QueueAsync(db, report, draft, me, signature.SignedAt, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return new ReportSigning(await ReportAccess.ToDtoAsync(db, report, accounts, cancellationToken));
    }

    private async Task<bool> ProvedWhoAsync(SignReport command, Guid me, CancellationToken cancellationToken)
    {
        var session = currentUser.Session;
        var institution = session.SingleSignOnOrganizationId == command.OrganizationId && session.SignedInAt is { } at && clock.GetUtcNow() - at <= FreshSignIn;
        if (string.IsNullOrEmpty(command.Password))
        {
            if (institution) return true;
            throw new ValidationException([new ValidationFailure("password", "Enter your password to sign.")]);
        }
        return await passwords.ConfirmPasswordAsync(me, command.Password, cancellationToken);
    }
}

/// <summary>
/// Starts a new version of a signed report (reports.sign): amended, corrected or appended, with the reason; the
/// signed versions stay as they were, readable and downloadable.
/// </summary>
[RequiresPermission(Permissions.ReportsSign)]
public sealed record AmendReport(string Kind, string Reason) : ICommand<ReportDto>, IWorkspaceRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkspaceId { get; init; }
    [JsonIgnore] public Guid ReportId { get; init; }
}

public sealed class AmendReportHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock)
    : ICommandHandler<AmendReport, ReportDto>
{
    public async ValueTask<ReportDto> Handle(AmendReport command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var report = await ReportAccess.FindAsync(db, scope.Access, me, command.WorkspaceId, command.ReportId, cancellationToken);
        try
        {
            report.Amend(ReportNames.Kind(command.Kind), command.Reason, me, clock.GetUtcNow());
        }
        catch (ReportLockedException locked)
        {
            throw new ConflictException(locked.Message);
        }
        await db.SaveChangesAsync(cancellationToken);
        return await ReportAccess.ToDtoAsync(db, report, accounts, cancellationToken);
    }
}

/// <summary>A report version's PDF (an audited read): a signed version's exactly as signed; a draft's rendered now, marked DRAFT.</summary>
public sealed record GetReportPdf(Guid OrganizationId, Guid WorkspaceId, Guid ReportId, int? Version) : IQuery<ReportPdf>, IWorkspaceRequest;

public sealed record ReportPdf(string FileName, byte[] Content, string? Sha256);

public sealed class GetReportPdfHandler(IApplicationDbContext db, IUnitOfWork unitOfWork, IOrganizationContext scope, ICurrentUser currentUser, IAuditTrail audit,
    IReportRenderer renderer) : IQueryHandler<GetReportPdf, ReportPdf>
{
    public async ValueTask<ReportPdf> Handle(GetReportPdf query, CancellationToken cancellationToken)
    {
        var report = await ReportAccess.FindAsync(db, scope.Access, currentUser.UserId!.Value, query.WorkspaceId, query.ReportId, cancellationToken);
        var version = query.Version is { } number ? report.Versions.SingleOrDefault(v => v.Number == number) ?? throw new NotFoundException("The version")
            : report.Current;
        await PatientDataReads.RecordAsync(db, unitOfWork, audit, report.OrganizationId, report.WorkspaceId, nameof(Report), [report.Id], cancellationToken,
            new Dictionary<string, object?> { ["pdf"] = version.Number });
        var name = $"{FileNames.Safe(report.Title)}-v{version.Number}{(version.IsSigned ? "" : "-draft")}.pdf";
        if (version.IsSigned)
        {
            var document = await db.ReportDocuments.AsNoTracking().SingleAsync(d => d.VersionId == version.Id, cancellationToken);
            return new ReportPdf(name, document.Pdf, document.Sha256);
        }
        var snapshot = await ReportAccess.SnapshotAsync(db, report, version, cancellationToken);
        var pdf = await renderer.RenderPdfAsync(snapshot, new ReportPrinting(version.Number, ReportNames.Of(version.Status),
            ReportNames.KindOf(version), version.Reason, null, ReportAccess.FirstSignatureOf(version),
            Letterheads.Of(await Letterheads.FindAsync(db, report.OrganizationId, cancellationToken))), cancellationToken);
        return new ReportPdf(name, pdf, null);
    }
}

internal static class FileNames
{
    public static string Safe(string title)
    {
        var safe = new string(title.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-').ToArray()).Trim('-');
        return safe.Length == 0 ? "report" : safe[..Math.Min(safe.Length, 80)];
    }
}

/// <summary>A report version as a FHIR R4 Genomics Reporting Bundle (an audited read): a signed one from what it was signed with, a draft as it stands.</summary>
public sealed record GetReportFhir(Guid OrganizationId, Guid WorkspaceId, Guid ReportId, int? Version) : IQuery<string>, IWorkspaceRequest;

public sealed class GetReportFhirHandler(IApplicationDbContext db, IUnitOfWork unitOfWork, IOrganizationContext scope, ICurrentUser currentUser, IAuditTrail audit)
    : IQueryHandler<GetReportFhir, string>
{
    public async ValueTask<string> Handle(GetReportFhir query, CancellationToken cancellationToken)
    {
        var report = await ReportAccess.FindAsync(db, scope.Access, currentUser.UserId!.Value, query.WorkspaceId, query.ReportId, cancellationToken);
        var version = query.Version is { } number ? report.Versions.SingleOrDefault(v => v.Number == number) ?? throw new NotFoundException("The version")
            : report.Current;
        await PatientDataReads.RecordAsync(db, unitOfWork, audit, report.OrganizationId, report.WorkspaceId, nameof(Report), [report.Id], cancellationToken,
            new Dictionary<string, object?> { ["fhir"] = version.Number });
        return FhirReport.ToJson(await ReportAccess.FhirBundleAsync(db, report, version, cancellationToken));
    }
}

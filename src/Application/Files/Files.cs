using VariantMiner.Application.Audit;
using VariantMiner.Domain.Files;

namespace VariantMiner.Application.Files;

/// <param name="ReadNumber">1 or 2 for the reads of a paired-end FASTQ.</param>
public sealed record FileDto(Guid Id, string Name, string Kind, long SizeBytes, string Sha256, Guid? SampleId, int? ReadNumber, Guid UploadedBy,
    string UploadedByName, DateTimeOffset UploadedAt);

/// <summary>The files of a workspace I may see (their sample's visibility), newest first; optionally one sample's or one kind.</summary>
public sealed record ListFiles(Guid OrganizationId, Guid WorkspaceId, Guid? SampleId = null, string? Kind = null) : IQuery<IReadOnlyList<FileDto>>, IWorkspaceRequest;

public sealed class ListFilesValidator : AbstractValidator<ListFiles>
{
    public ListFilesValidator() =>
        RuleFor(q => q.Kind).Must(k => k is null || FileContent.Parse(k) is not null).WithMessage("kind is one of fastq, bam, cram, vcf, bed, gff3, fasta, other.");
}

public sealed class ListFilesHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts)
    : IQueryHandler<ListFiles, IReadOnlyList<FileDto>>
{
    /// <summary>A workspace page shows at most this many, newest first.</summary>
    public const int MaxFiles = 1000;

    public async ValueTask<IReadOnlyList<FileDto>> Handle(ListFiles query, CancellationToken cancellationToken)
    {
        var files = FileVisibility.VisibleFiles(db, scope.Access, currentUser.UserId!.Value, query.WorkspaceId).AsNoTracking();
        if (query.SampleId is { } sampleId) files = files.Where(f => f.SampleId == sampleId);
        if (query.Kind is not null)
        {
            var kind = query.Kind.ToLowerInvariant();
            files = files.Where(f => f.Kind == kind);
        }
        var rows = await files.OrderByDescending(f => f.UploadedAt).ThenBy(f => f.Id).Take(MaxFiles).ToListAsync(cancellationToken);
        return await ToDtosAsync(rows, accounts, cancellationToken);
    }

    internal static async Task<IReadOnlyList<FileDto>> ToDtosAsync(IReadOnlyList<StoredFile> files, IUserAccounts accounts, CancellationToken cancellationToken)
    {
        var names = await accounts.DisplayNamesAsync(files.Select(f => f.UploadedBy), cancellationToken);
        return files.Select(f => new FileDto(f.Id, f.Name, f.Kind, f.SizeBytes, f.Sha256, f.SampleId, f.ReadNumber, f.UploadedBy,
            names.GetValueOrDefault(f.UploadedBy, "Former user"), f.UploadedAt)).ToList();
    }
}

/// <summary>One file's metadata (404 when I may not see it).</summary>
public sealed record GetFile(Guid OrganizationId, Guid WorkspaceId, Guid FileId) : IQuery<FileDto>, IWorkspaceRequest;

public sealed class GetFileHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts)
    : IQueryHandler<GetFile, FileDto>
{
    public async ValueTask<FileDto> Handle(GetFile query, CancellationToken cancellationToken)
    {
        var file = await FileVisibility.VisibleFiles(db, scope.Access, currentUser.UserId!.Value, query.WorkspaceId).AsNoTracking()
            .SingleOrDefaultAsync(f => f.Id == query.FileId, cancellationToken) ?? throw new NotFoundException("The file");
        return (await ListFilesHandler.ToDtosAsync([file], accounts, cancellationToken))[0];
    }
}

/// <summary>An open download: the file's metadata and its bytes (seekable, for HTTP Range).</summary>
public sealed record FileContentDto(FileDto File, Stream Content);

/// <summary>
/// Opens a file I may see for download. Every download is a read of patient data: an audit row (action read) is
/// written before the first byte is sent.
/// </summary>
public sealed record OpenFileContent(Guid OrganizationId, Guid WorkspaceId, Guid FileId) : IQuery<FileContentDto>, IWorkspaceRequest;

public sealed class OpenFileContentHandler(
    IApplicationDbContext db, IUnitOfWork unitOfWork, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts, IFileStore store, IAuditTrail audit)
    : IQueryHandler<OpenFileContent, FileContentDto>
{
    public async ValueTask<FileContentDto> Handle(OpenFileContent query, CancellationToken cancellationToken)
    {
        var file = await FileVisibility.VisibleFiles(db, scope.Access, currentUser.UserId!.Value, query.WorkspaceId).AsNoTracking()
            .SingleOrDefaultAsync(f => f.Id == query.FileId, cancellationToken) ?? throw new NotFoundException("The file");
        await PatientDataReads.RecordAsync(db, unitOfWork, audit, file.OrganizationId, file.WorkspaceId, nameof(StoredFile), [file.Id], cancellationToken,
            new Dictionary<string, object?> { ["Name"] = file.Name, ["SampleId"] = file.SampleId });
        var content = store.OpenRead(file.OrganizationId, file.Id);
        return new FileContentDto((await ListFilesHandler.ToDtosAsync([file], accounts, cancellationToken))[0], content);
    }
}

/// <summary>
/// Deletes a file I may see (samples.define): its bytes are freed and its size leaves the organization's storage.
/// The bytes are removed only once the row is gone for good (after the commit).
/// </summary>
[RequiresPermission(Permissions.SamplesDefine)]
public sealed record DeleteFile(Guid OrganizationId, Guid WorkspaceId, Guid FileId) : ICommand, IWorkspaceRequest;

public sealed class DeleteFileHandler(IApplicationDbContext db, IUnitOfWork unitOfWork, IOrganizationContext scope, ICurrentUser currentUser, IFileStore store)
    : ICommandHandler<DeleteFile>
{
    public async ValueTask<Unit> Handle(DeleteFile command, CancellationToken cancellationToken)
    {
        var file = await FileVisibility.VisibleFiles(db, scope.Access, currentUser.UserId!.Value, command.WorkspaceId)
            .SingleOrDefaultAsync(f => f.Id == command.FileId, cancellationToken) ?? throw new NotFoundException("The file");
        db.StoredFiles.Remove(file);
        await db.SaveChangesAsync(cancellationToken);
        await StorageLedger.FreeAsync(db, file.OrganizationId, file.SizeBytes, cancellationToken);
        unitOfWork.AfterCommit(() => store.Delete(file.OrganizationId, file.Id));
        return Unit.Value;
    }
}

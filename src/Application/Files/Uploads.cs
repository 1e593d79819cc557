using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using VariantMiner.Application.Samples;
using VariantMiner.Domain.Files;

namespace VariantMiner.Application.Files;

/// <summary>The state of an upload, as tus HEAD and POST report it.</summary>
public sealed record UploadStateDto(Guid Id, long Offset, long Length, DateTimeOffset ExpiresAt, Guid? FileId);

/// <summary>
/// Creates a resumable upload (tus creation; samples.define). The declared length is reserved against the
/// organization's quota in the same transaction, before any byte is written.
/// </summary>
/// <param name="Kind">fastq, bam, cram, vcf, bed, gff3, fasta or other: checked against the bytes when complete.</param>
/// <param name="ReadNumber">1 or 2 for the reads of a paired-end FASTQ.</param>
[RequiresPermission(Permissions.SamplesDefine)]
public sealed record CreateUpload(Guid OrganizationId, Guid WorkspaceId, long Length, string? FileName, string? Kind, Guid? SampleId, int? ReadNumber)
    : ICommand<UploadStateDto>, IWorkspaceRequest;

public sealed class CreateUploadValidator : AbstractValidator<CreateUpload>
{
    public CreateUploadValidator(IOptions<UploadOptions> options)
    {
        RuleFor(c => c.Length).GreaterThan(0).WithMessage("Upload-Length must be a positive number of bytes.");
        RuleFor(c => c.Length).LessThanOrEqualTo(options.Value.MaxFileBytes)
            .WithMessage($"The file is larger than this installation accepts ({options.Value.MaxFileBytes} bytes, Tus-Max-Size).");
        RuleFor(c => c.FileName).NotEmpty().WithMessage("Upload-Metadata must name the file (filename).");
        RuleFor(c => c.Kind).Must(k => FileContent.Parse(k) is not null)
            .WithMessage("Upload-Metadata must give the kind: fastq, bam, cram, vcf, bed, gff3, fasta or other.");
        RuleFor(c => c.ReadNumber).Must(r => r is null or 1 or 2).WithMessage("read must be 1 or 2 (paired-end FASTQ).");
        RuleFor(c => c.ReadNumber).Must((c, r) => r is null || FileContent.Parse(c.Kind) == FileKind.Fastq).WithMessage("read applies to FASTQ files only.");
    }
}

public sealed class CreateUploadHandler(
    IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IOptions<UploadOptions> options, TimeProvider clock)
    : ICommandHandler<CreateUpload, UploadStateDto>
{
    public async ValueTask<UploadStateDto> Handle(CreateUpload command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        if (command.SampleId is { } sampleId
            && !await SampleVisibility.VisibleSamples(db.Samples, scope.Access, me, command.WorkspaceId).AnyAsync(s => s.Id == sampleId, cancellationToken))
            throw Invalid.Field("sampleId", "The sample was not found in this workspace.");
        if (!await StorageLedger.TryReserveAsync(db, command.OrganizationId, command.Length, cancellationToken))
        {
            var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == command.OrganizationId, cancellationToken);
            throw new ForbiddenException(
                $"The organization's storage quota would be exceeded: {organization.StorageUsedBytes} bytes used and {organization.StorageReservedBytes} reserved " +
                $"by uploads in progress, of a quota of {organization.StorageQuotaBytes}; this file needs {command.Length}.", "storage-quota");
        }
        var now = clock.GetUtcNow();
        var kind = FileContent.Parse(command.Kind)!.Value.ToString().ToLowerInvariant();
        var upload = new Upload(command.OrganizationId, command.WorkspaceId, command.SampleId, command.FileName!, kind, command.Length,
            command.ReadNumber, me, now, now + options.Value.Expiry);
        db.Uploads.Add(upload);
        await db.SaveChangesAsync(cancellationToken);
        return new UploadStateDto(upload.Id, 0, upload.Length, upload.ExpiresAt, null);
    }
}

/// <summary>tus HEAD: how many bytes of my upload the server holds. Uploads are their creator's: anyone else gets 404.</summary>
[RequiresPermission(Permissions.SamplesDefine)]
public sealed record GetUpload(Guid OrganizationId, Guid WorkspaceId, Guid UploadId) : IQuery<UploadStateDto>, IWorkspaceRequest;

public sealed class GetUploadHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock) : IQueryHandler<GetUpload, UploadStateDto>
{
    public async ValueTask<UploadStateDto> Handle(GetUpload query, CancellationToken cancellationToken)
    {
        var upload = await UploadsOf(db, currentUser, query.WorkspaceId).AsNoTracking().SingleOrDefaultAsync(u => u.Id == query.UploadId, cancellationToken)
            ?? throw new NotFoundException("The upload");
        if (upload.IsExpired(clock.GetUtcNow())) throw new GoneException("This upload has expired; start it again.");
        return new UploadStateDto(upload.Id, upload.Offset, upload.Length, upload.ExpiresAt, null);
    }

    internal static IQueryable<Upload> UploadsOf(IApplicationDbContext db, ICurrentUser currentUser, Guid workspaceId) =>
        db.Uploads.Where(u => u.WorkspaceId == workspaceId && u.CreatedBy == currentUser.UserId);
}

/// <summary>
/// tus PATCH: appends the body at <paramref name="Offset"/>, which must be what the server holds (else 409). The
/// bytes are on disk (flushed) before the offset is acknowledged in the database, so a crash at any point loses at
/// most the unacknowledged bytes, which the next PATCH cuts off. With <c>Upload-Checksum: sha256</c> the chunk is
/// verified (mismatch → 460, nothing kept). The last chunk completes the upload (<see cref="UploadCompletion"/>).
/// Streams for minutes: outside the command transaction.
/// </summary>
[RequiresPermission(Permissions.SamplesDefine)]
public sealed record AppendUpload(Guid OrganizationId, Guid WorkspaceId, Guid UploadId, long Offset, Stream Body, byte[]? Sha256)
    : ICommand<UploadStateDto>, IWorkspaceRequest, IOutsideTransaction;

public sealed class AppendUploadHandler(
    IApplicationDbContext db, ICurrentUser currentUser, IFileStore store, UploadCompletion completion, UploadHashes hashes, TimeProvider clock)
    : ICommandHandler<AppendUpload, UploadStateDto>
{
    private const int BufferBytes = 1 << 20;

    public async ValueTask<UploadStateDto> Handle(AppendUpload command, CancellationToken cancellationToken)
    {
        var upload = await GetUploadHandler.UploadsOf(db, currentUser, command.WorkspaceId).AsNoTracking()
            .SingleOrDefaultAsync(u => u.Id == command.UploadId, cancellationToken) ?? throw new NotFoundException("The upload");
        if (upload.IsExpired(clock.GetUtcNow())) throw new GoneException("This upload has expired; start it again.");

        long written;
        Stream file;
        try { file = store.OpenAppend(upload.OrganizationId, upload.Id, upload.Offset); }
        catch (IOException) { throw new ConflictException("Another request is writing to this upload right now. Ask for its offset (HEAD) and continue from there."); }
        await using (file)
        {
            // Read again under the file's lock: another replica may have appended between the first read and the lock.
            var offset = await db.Uploads.Where(u => u.Id == upload.Id).Select(u => u.Offset).SingleAsync(cancellationToken);
            if (offset != command.Offset)
                throw new ConflictException($"Upload-Offset is {command.Offset}, but the server holds {offset} bytes of this upload. Continue from {offset}.");
            if (file.Length != offset) file.SetLength(offset);

            using var hash = command.Sha256 is null ? null : IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var whole = hashes.Take(upload.Id, offset); // the file's running hash, when this process saw every chunk so far
            var remaining = upload.Length - offset;
            var buffer = new byte[BufferBytes];
            written = 0;
            int read;
            while ((read = await command.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (written + read > remaining)
                {
                    whole?.Dispose();
                    file.SetLength(offset);
                    throw new RequestRefusedException(UploadStatus.RequestEntityTooLarge, "Payload too large",
                        $"The request carries more than the {remaining} bytes left of this upload (Upload-Length {upload.Length}); nothing of it was kept.");
                }
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                hash?.AppendData(buffer, 0, read);
                whole?.AppendData(buffer, 0, read);
                written += read;
            }
            if (hash is not null && !hash.GetHashAndReset().AsSpan().SequenceEqual(command.Sha256))
            {
                whole?.Dispose();
                file.SetLength(offset);
                throw new RequestRefusedException(UploadStatus.ChecksumMismatch, "Checksum mismatch",
                    "The chunk's SHA-256 is not the one in Upload-Checksum; nothing of it was kept. Send it again.");
            }
            await file.FlushAsync(cancellationToken);
            if (file is FileStream disk) disk.Flush(flushToDisk: true);
            await db.Uploads.Where(u => u.Id == upload.Id && u.Offset == offset)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.Offset, offset + written), cancellationToken);
            if (whole is not null) hashes.Keep(upload.Id, offset + written, whole);
        }

        var total = command.Offset + written;
        if (total < upload.Length) return new UploadStateDto(upload.Id, total, upload.Length, upload.ExpiresAt, null);
        var fileId = await completion.CompleteAsync(upload.Id, cancellationToken);
        return new UploadStateDto(upload.Id, total, upload.Length, upload.ExpiresAt, fileId);
    }
}

/// <summary>HTTP status codes the upload protocol uses beyond the usual ones.</summary>
public static class UploadStatus
{
    public const int RequestEntityTooLarge = 413, UnsupportedMediaType = 415, UnprocessableContent = 422, ChecksumMismatch = 460;
}

/// <summary>tus DELETE (termination): the upload and its bytes go, its reservation is released.</summary>
[RequiresPermission(Permissions.SamplesDefine)]
public sealed record TerminateUpload(Guid OrganizationId, Guid WorkspaceId, Guid UploadId) : ICommand, IWorkspaceRequest;

public sealed class TerminateUploadHandler(IApplicationDbContext db, ICurrentUser currentUser, UploadCompletion completion) : ICommandHandler<TerminateUpload>
{
    public async ValueTask<Unit> Handle(TerminateUpload command, CancellationToken cancellationToken)
    {
        var upload = await GetUploadHandler.UploadsOf(db, currentUser, command.WorkspaceId).SingleOrDefaultAsync(u => u.Id == command.UploadId, cancellationToken)
            ?? throw new NotFoundException("The upload");
        await completion.DiscardAsync(upload, cancellationToken);
        return Unit.Value;
    }
}

/// <summary>
/// Completes an upload whose bytes are all acknowledged — normally done by its last PATCH; asked again by HEAD when the
/// server stopped between acknowledging the last byte and committing the file (idempotent).
/// </summary>
[RequiresPermission(Permissions.SamplesDefine)]
public sealed record CompleteUpload(Guid OrganizationId, Guid WorkspaceId, Guid UploadId) : ICommand<Guid>, IWorkspaceRequest, IOutsideTransaction;

public sealed class CompleteUploadHandler(IApplicationDbContext db, ICurrentUser currentUser, UploadCompletion completion)
    : ICommandHandler<CompleteUpload, Guid>
{
    public async ValueTask<Guid> Handle(CompleteUpload command, CancellationToken cancellationToken)
    {
        if (!await GetUploadHandler.UploadsOf(db, currentUser, command.WorkspaceId).AnyAsync(u => u.Id == command.UploadId, cancellationToken))
            throw new NotFoundException("The upload");
        return await completion.CompleteAsync(command.UploadId, cancellationToken);
    }
}

/// <summary>
/// Turns a complete upload into a file: checks the content against the declared kind (by the bytes), computes the
/// SHA-256 of the whole file, then in one transaction removes the upload, adds the file and moves its bytes from
/// "reserved" to "used". A file of the wrong kind is refused (422 naming what was found) and nothing stays.
/// </summary>
public sealed class UploadCompletion(IApplicationDbContext db, IUnitOfWork unitOfWork, IFileStore store, UploadHashes hashes, TimeProvider clock)
{
    public async Task<Guid> CompleteAsync(Guid uploadId, CancellationToken cancellationToken)
    {
        var upload = await db.Uploads.SingleOrDefaultAsync(u => u.Id == uploadId, cancellationToken);
        if (upload is null)
        {
            // Completed meanwhile (a retried request): the file carries the upload's id.
            if (await db.StoredFiles.AnyAsync(f => f.Id == uploadId, cancellationToken)) return uploadId;
            throw new NotFoundException("The upload");
        }
        if (!upload.IsComplete) throw new ConflictException($"The upload holds {upload.Offset} of {upload.Length} bytes; send the rest first.");

        string sha256;
        ContentCheck check;
        await using (var bytes = store.OpenRead(upload.OrganizationId, upload.Id))
        {
            check = FileContent.Check(bytes, FileContent.Parse(upload.Kind)!.Value);
            using var running = hashes.Take(upload.Id, upload.Length);
            if (!check.Matches) sha256 = "";
            else if (running is not null && upload.Length > 0) sha256 = Convert.ToHexStringLower(running.GetHashAndReset());
            else
            {
                bytes.Position = 0;
                sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(bytes, cancellationToken));
            }
        }
        if (!check.Matches)
        {
            await DiscardAsync(upload, cancellationToken);
            throw new RequestRefusedException(UploadStatus.UnprocessableContent, "Not the declared kind of file",
                $"\"{upload.Name}\" was declared as {upload.Kind.ToUpperInvariant()}, but its content is {check.Found}. Nothing was kept.");
        }

        await unitOfWork.InTransactionAsync(async () =>
        {
            db.Uploads.Remove(upload);
            db.StoredFiles.Add(new StoredFile(upload, sha256, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            await StorageLedger.CommitAsync(db, upload.OrganizationId, upload.Length, cancellationToken);
            return 0;
        }, cancellationToken);
        return upload.Id;
    }

    /// <summary>
    /// Removes an upload that will not become a file (terminated, refused, expired): its row and reservation in one
    /// transaction (joining the caller's), then its bytes after the commit. A crash in between leaves only unreferenced
    /// bytes, never a row without them.
    /// </summary>
    public async Task DiscardAsync(Upload upload, CancellationToken cancellationToken)
    {
        hashes.Forget(upload.Id);
        await unitOfWork.InTransactionAsync(async () =>
        {
            db.Uploads.Remove(upload);
            await db.SaveChangesAsync(cancellationToken);
            await StorageLedger.ReleaseAsync(db, upload.OrganizationId, upload.Length, cancellationToken);
            unitOfWork.AfterCommit(() => store.Delete(upload.OrganizationId, upload.Id));
            return 0;
        }, cancellationToken);
    }
}

/// <summary>tus OPTIONS: only members who may upload here learn the limits (samples.define).</summary>
[RequiresPermission(Permissions.SamplesDefine)]
public sealed record DescribeUploads(Guid OrganizationId, Guid WorkspaceId) : IQuery<Unit>, IWorkspaceRequest;

public sealed class DescribeUploadsHandler : IQueryHandler<DescribeUploads, Unit>
{
    public ValueTask<Unit> Handle(DescribeUploads query, CancellationToken cancellationToken) => ValueTask.FromResult(Unit.Value);
}

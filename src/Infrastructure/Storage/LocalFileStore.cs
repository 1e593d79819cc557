using VariantMiner.Application.Files;

namespace VariantMiner.Infrastructure.Storage;

/// <summary>
/// The file store on local disk: <c>{DataDirectory}/files/{organizationId}/{id}</c> — generated ids only, so a
/// client's file name never reaches a path. One directory per organization, so deleting an organization removes one
/// directory.
/// </summary>
public sealed class LocalFileStore(DatabaseSettings settings) : IFileStore
{
    private const int BufferBytes = 1 << 20;

    public string Root => Path.Combine(settings.DataDirectory, "files");

    public Stream OpenAppend(Guid organizationId, Guid id, long offset)
    {
        var path = PathOf(organizationId, id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // FileShare.None: one writer per upload at a time, on this machine or any sharing the directory.
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, BufferBytes, FileOptions.Asynchronous);
        if (stream.Length > offset) stream.SetLength(offset);
        stream.Seek(0, SeekOrigin.End);
        return stream;
    }

    public Stream OpenRead(Guid organizationId, Guid id) =>
        new FileStream(PathOf(organizationId, id), FileMode.Open, FileAccess.Read, FileShare.Read, BufferBytes, FileOptions.Asynchronous | FileOptions.SequentialScan);

    public void Delete(Guid organizationId, Guid id)
    {
        var path = PathOf(organizationId, id);
        if (File.Exists(path)) File.Delete(path); // File.Delete throws when the folder does not exist
    }

    /// <summary>Every byte of an organization (after the organization itself is deleted).</summary>
    public void DeleteOrganization(Guid organizationId)
    {
        var folder = Path.Combine(Root, organizationId.ToString("N"));
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    public IEnumerable<(Guid OrganizationId, Guid Id, DateTimeOffset LastWrite)> List()
    {
        if (!Directory.Exists(Root)) yield break;
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            if (!Guid.TryParseExact(Path.GetFileName(folder), "N", out var organizationId)) continue;
            foreach (var file in Directory.EnumerateFiles(folder))
                if (Guid.TryParseExact(Path.GetFileName(file), "N", out var id))
                    yield return (organizationId, id, new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero));
        }
    }

    /// <summary>Where the bytes of a file are on this machine (the pipelines read them in place).</summary>
    public string PathOf(Guid organizationId, Guid id) => Path.Combine(Root, organizationId.ToString("N"), id.ToString("N"));

    /// <summary>
    /// Moves a finished file (an analysis output on the same disk) into the store under <paramref name="id"/>; its write
    /// time becomes now, so the sweep of unreferenced bytes leaves it alone until its row is committed.
    /// </summary>
    public void Adopt(Guid organizationId, Guid id, string sourcePath)
    {
        var path = PathOf(organizationId, id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Move(sourcePath, path);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
    }
}

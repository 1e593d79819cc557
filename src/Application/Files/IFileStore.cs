namespace VariantMiner.Application.Files;

/// <summary>
/// Where the bytes of uploads and files live, under generated ids only (never a client's name). An upload's bytes
/// keep their id when it becomes a file. Local disk under the data directory today; an S3-compatible store can
/// implement the same contract.
/// </summary>
public interface IFileStore
{
    /// <summary>
    /// Opens the bytes of <paramref name="id"/> for appending at <paramref name="offset"/>, exclusively (a second writer
    /// of the same upload, on any replica sharing the store, gets an <see cref="IOException"/>). Bytes after the offset
    /// — written by a request that was cut off before they were acknowledged — are dropped first.
    /// </summary>
    Stream OpenAppend(Guid organizationId, Guid id, long offset);

    /// <summary>A seekable read-only stream of the bytes; <see cref="FileNotFoundException"/> when there are none.</summary>
    Stream OpenRead(Guid organizationId, Guid id);

    /// <summary>Removes the bytes (nothing happens when there are none).</summary>
    void Delete(Guid organizationId, Guid id);

    /// <summary>Removes every byte of an organization (once the organization itself is deleted).</summary>
    void DeleteOrganization(Guid organizationId);

    /// <summary>Every stored id with the time its bytes were last written (for the sweep of bytes nothing refers to).</summary>
    IEnumerable<(Guid OrganizationId, Guid Id, DateTimeOffset LastWrite)> List();
}

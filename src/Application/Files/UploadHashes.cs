using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace VariantMiner.Application.Files;

/// <summary>
/// The running SHA-256 of uploads whose chunks arrive at this process in order, so a completed upload is not read a
/// second time to hash it. Only an optimisation: when a chunk arrived elsewhere (another replica, before a restart)
/// there is no entry at the right offset, and completion hashes the stored bytes instead.
/// </summary>
public sealed class UploadHashes
{
    private readonly ConcurrentDictionary<Guid, (long Offset, IncrementalHash Hash)> _running = new();

    /// <summary>The hash of the first <paramref name="offset"/> bytes, taken out (the caller continues it); null when unknown.</summary>
    public IncrementalHash? Take(Guid uploadId, long offset)
    {
        if (offset == 0)
        {
            Forget(uploadId);
            return IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        }
        if (!_running.TryRemove(uploadId, out var entry)) return null;
        if (entry.Offset == offset) return entry.Hash;
        entry.Hash.Dispose();
        return null;
    }

    /// <summary>Keeps the hash of the first <paramref name="offset"/> bytes for the next chunk.</summary>
    public void Keep(Guid uploadId, long offset, IncrementalHash hash)
    {
        if (!_running.TryAdd(uploadId, (offset, hash))) hash.Dispose();
    }

    public void Forget(Guid uploadId)
    {
        if (_running.TryRemove(uploadId, out var entry)) entry.Hash.Dispose();
    }
}

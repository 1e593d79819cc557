namespace VariantMiner.Application.Files;

/// <summary>Configuration section <c>Uploads</c>.</summary>
public sealed class UploadOptions
{
    /// <summary>The largest file accepted (tus <c>Tus-Max-Size</c>): 200 GiB.</summary>
    public long MaxFileBytes { get; set; } = 200L << 30;

    /// <summary>The largest body of one PATCH request (one chunk): 256 MiB. Clients send smaller chunks (the SPA 8 MiB).</summary>
    public long MaxChunkBytes { get; set; } = 256L << 20;

    /// <summary>How long an unfinished upload can be resumed before its bytes are removed (tus <c>Upload-Expires</c>).</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often expired uploads are swept.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(10);
}

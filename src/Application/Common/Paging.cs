namespace VariantMiner.Application.Common;

/// <summary>
/// A page of a keyset-paged list: send <c>nextCursor</c> back as the <c>cursor</c> query parameter for the next page;
/// it is null on the last page. Cursors are opaque to clients.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static int Clamp(int? limit) => Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
}

namespace VariantMiner.Application.Common;

/// <summary>A page of a list: <c>nextCursor</c> is null on the last page (API.md "Lists").</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static int Clamp(int? limit) => Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);
}

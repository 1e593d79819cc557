namespace VariantMiner.Application.Trash;

/// <summary>Configuration section <c>Trash</c>.</summary>
public sealed class TrashOptions
{
    /// <summary>How long a deleted sample or subject can be restored before the purge job removes it for good.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often the purge job looks for expired items.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}

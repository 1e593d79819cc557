using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Files;

/// <summary>An upload arrived whole and became a file.</summary>
public sealed record FileUploaded(StoredFile File) : IDomainEvent;

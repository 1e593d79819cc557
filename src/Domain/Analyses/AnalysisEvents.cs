using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Analyses;

/// <summary>A run ended COMPLETE, FAILED or SYSTEM_ERROR (not cancelled: the person who cancelled knows).</summary>
public sealed record AnalysisFinished(Analysis Analysis) : IDomainEvent;

public sealed record AnalysisAssigneesChanged(Analysis Analysis, IReadOnlyList<Guid> Added) : IDomainEvent;

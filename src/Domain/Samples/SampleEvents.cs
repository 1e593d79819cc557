using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Samples;

public sealed record SampleDefined(Sample Sample) : IDomainEvent;
public sealed record SampleChanged(Sample Sample) : IDomainEvent;
public sealed record SampleTrashed(Sample Sample) : IDomainEvent;
public sealed record SampleRestored(Sample Sample) : IDomainEvent;
public sealed record SamplePurged(Sample Sample) : IDomainEvent;
public sealed record SampleAssigneesChanged(Sample Sample, IReadOnlyList<Guid> Added, IReadOnlyList<Guid> Removed) : IDomainEvent;

public sealed record SubjectCreated(Subject Subject) : IDomainEvent;
public sealed record SubjectChanged(Subject Subject) : IDomainEvent;
public sealed record SubjectTrashed(Subject Subject) : IDomainEvent;
public sealed record SubjectRestored(Subject Subject) : IDomainEvent;
public sealed record SubjectPurged(Subject Subject) : IDomainEvent;

public sealed record AssayAdded(Assay Assay) : IDomainEvent;

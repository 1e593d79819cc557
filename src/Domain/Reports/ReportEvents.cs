using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Reports;

/// <summary>A version is ready for a signature: its draft marked preliminary, or signed once under the two-person rule (<paramref name="FirstSigner"/>).</summary>
public sealed record ReportAwaitingSignature(Report Report, ReportVersion Version, Guid? FirstSigner) : IDomainEvent;

/// <summary>A version was signed for good (final, amended, corrected or appended).</summary>
public sealed record ReportSigned(Report Report, ReportVersion Version) : IDomainEvent;

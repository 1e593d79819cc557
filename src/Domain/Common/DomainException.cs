namespace VariantMiner.Domain.Common;

/// <summary>A business rule was broken; the message is safe to show to the person who tried.</summary>
public class DomainException(string message) : Exception(message);

/// <summary>An attempt to give someone (or oneself) more than one holds (403, not 400).</summary>
public sealed class PermissionEscalationException(string message) : DomainException(message);

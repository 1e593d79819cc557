namespace VariantMiner.Domain.Common;

/// <summary>A business rule was broken; the message is safe to show to the person who tried.</summary>
public class DomainException(string message) : Exception(message);

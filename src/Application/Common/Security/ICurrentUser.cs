namespace VariantMiner.Application.Common.Security;

/// <summary>Who is calling. Resolved from the HTTP principal by the host; null id when anonymous.</summary>
public interface ICurrentUser
{
    Guid? UserId { get; }
    bool IsPlatformAdmin { get; }
}

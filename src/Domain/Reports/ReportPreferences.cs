using VariantMiner.Domain.Common;

namespace VariantMiner.Domain.Reports;

/// <summary>
/// How an organization's reports look and are signed: the letterhead (header, footer, logo) printed on every PDF, and
/// whether a report needs a second signature, by another person, before it is final (the two-person rule).
/// </summary>
public sealed class ReportPreferences : ITenantOwned
{
    public const int TextMaxLength = 500;
    public const int LogoMaxBytes = 256 * 1024;

    private ReportPreferences() { }

    public ReportPreferences(Guid organizationId) => OrganizationId = organizationId;

    public Guid OrganizationId { get; private init; }
    public string? Header { get; private set; }
    public string? Footer { get; private set; }
    /// <summary>A PNG or JPEG image, at most 256 KiB.</summary>
    public byte[]? Logo { get; private set; }
    public string? LogoType { get; private set; }
    public bool RequireSecondSignature { get; private set; }

    public void Set(string? header, string? footer, byte[]? logo, bool requireSecondSignature)
    {
        Header = Text(header, "header");
        Footer = Text(footer, "footer");
        LogoType = logo is null ? null : ImageType(logo) ?? throw new DomainException("The logo must be a PNG or JPEG image.");
        if (logo?.Length > LogoMaxBytes) throw new DomainException($"The logo must be at most {LogoMaxBytes / 1024} KiB.");
        Logo = logo;
        RequireSecondSignature = requireSecondSignature;
    }

    /// <summary>The image's type from its first bytes, not from what the sender says.</summary>
    public static string? ImageType(byte[] bytes) =>
        bytes is [0x89, 0x50, 0x4E, 0x47, ..] ? "image/png" : bytes is [0xFF, 0xD8, 0xFF, ..] ? "image/jpeg" : null;

    private static string? Text(string? value, string name)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        return text?.Length > TextMaxLength ? throw new DomainException($"The {name} must be at most {TextMaxLength} characters.") : text;
    }
}

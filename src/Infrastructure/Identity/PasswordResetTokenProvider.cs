using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace VariantMiner.Infrastructure.Identity;

/// <summary>
/// Password-reset links expire after an hour (e-mail verification links keep the default day). Single use comes from
/// the security stamp inside the token: resetting the password renews it.
/// </summary>
public sealed class PasswordResetTokenProvider(
    IDataProtectionProvider dataProtection, IOptions<PasswordResetTokenProviderOptions> options, ILogger<DataProtectorTokenProvider<ApplicationUser>> logger)
    : DataProtectorTokenProvider<ApplicationUser>(dataProtection, options, logger)
{
    public const string ProviderName = "PasswordReset";
}

public sealed class PasswordResetTokenProviderOptions : DataProtectionTokenProviderOptions
{
    public PasswordResetTokenProviderOptions()
    {
        Name = PasswordResetTokenProvider.ProviderName;
        TokenLifespan = TimeSpan.FromHours(1);
    }
}

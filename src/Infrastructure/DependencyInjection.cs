using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using VariantMiner.Application.Common.Interfaces;
using VariantMiner.Application.Common.Security;
using VariantMiner.Infrastructure.Identity;
using VariantMiner.Infrastructure.Persistence;

namespace Microsoft.Extensions.DependencyInjection;

public static class InfrastructureDependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = DatabaseSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddDbContext<AppDbContext>(options => options.UseVariantMinerDatabase(settings));
        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        services.AddScoped<IMembershipLookup, MembershipLookup>();
        services.AddScoped<IUserAccounts, UserAccounts>();
        services.AddSingleton(TimeProvider.System);

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                // Length, not composition (SECURITY §B / NIST 800-63B).
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<ClaimsFactory>();
        services.AddScoped<IAccountService, AccountService>();

        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");
        return services;
    }
}

using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using VariantMiner.Infrastructure.Identity;
using VariantMiner.Infrastructure.Identity.OAuth;

namespace Microsoft.Extensions.DependencyInjection;

public static class InfrastructureDependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services)
    {
        // Read lazily so hosts and test factories that add configuration late are honoured.
        services.AddSingleton(sp => DatabaseSettings.From(sp.GetRequiredService<IConfiguration>()));
        services.AddDbContext<AppDbContext>((sp, options) => options.UseVariantMinerDatabase(sp.GetRequiredService<DatabaseSettings>())
            .AddInterceptors(new DomainEventInterceptor(sp), sp.GetRequiredService<VariantMiner.Infrastructure.Auditing.AuditInterceptor>(),
                new DatabaseErrorInterceptor()));
        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<AppDbContext>());
        services.AddScoped<IUnitOfWork, UnitOfWork>();
        services.AddScoped<VariantMiner.Infrastructure.Auditing.AuditTrail>();
        services.AddScoped<IAuditTrail>(sp => sp.GetRequiredService<VariantMiner.Infrastructure.Auditing.AuditTrail>());
        services.AddScoped<VariantMiner.Infrastructure.Auditing.AuditInterceptor>();
        services.AddScoped<VariantMiner.Application.Audit.IAuditChainHead, VariantMiner.Infrastructure.Auditing.AuditChainHead>();
        services.AddScoped<IMembershipLookup, MembershipLookup>();
        services.AddSingleton<OrganizationAccessCache>();
        services.AddScoped<AuthorizationVersionRead>();
        services.AddScoped<IUserAccounts, UserAccounts>();
        services.AddScoped<SessionStore>();
        services.AddScoped<VariantMiner.Application.Members.IMemberDirectory, MemberDirectory>();
        services.AddSingleton<VariantMiner.Infrastructure.Messaging.OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<VariantMiner.Infrastructure.Messaging.OutboxDispatcher>());
        services.AddHostedService<VariantMiner.Infrastructure.Jobs.TrashPurgeJob>();
        services.AddHostedService<VariantMiner.Infrastructure.Jobs.UploadSweepJob>();
        services.AddHostedService<VariantMiner.Infrastructure.Jobs.OAuthPruneJob>();
        services.AddHostedService<VariantMiner.Infrastructure.Jobs.StorageRetentionJob>();
        services.AddHostedService<VariantMiner.Infrastructure.Jobs.UsageJob>();
        services.AddSingleton<VariantMiner.Infrastructure.Storage.LocalFileStore>();
        services.AddSingleton<VariantMiner.Application.Files.IFileStore>(sp => sp.GetRequiredService<VariantMiner.Infrastructure.Storage.LocalFileStore>());
        services.AddSingleton(TimeProvider.System);

        // Pipelines and the run queue (a --worker process registers the same; Workers:Enabled=false leaves runs to others)
        services.AddOptions<VariantMiner.Infrastructure.Analyses.PipelineOptions>().BindConfiguration("Pipelines");
        services.AddOptions<VariantMiner.Infrastructure.Analyses.WorkerOptions>().BindConfiguration("Workers");
        services.AddOptions<VariantMiner.Infrastructure.Reports.ReportOptions>().BindConfiguration(VariantMiner.Infrastructure.Reports.ReportOptions.Section);
        services.AddSingleton<VariantMiner.Application.Reports.IReportRenderer, VariantMiner.Infrastructure.Reports.ChromiumReportRenderer>();
        services.AddSingleton<VariantMiner.Infrastructure.Analyses.PipelineCatalog>();
        services.AddSingleton<VariantMiner.Application.Analyses.IPipelineCatalog>(sp => sp.GetRequiredService<VariantMiner.Infrastructure.Analyses.PipelineCatalog>());
        services.AddSingleton<VariantMiner.Infrastructure.Analyses.CwlEngine>();
        services.AddSingleton<VariantMiner.Infrastructure.Analyses.RunFiles>();
        services.AddSingleton<VariantMiner.Application.Analyses.IRunFiles>(sp => sp.GetRequiredService<VariantMiner.Infrastructure.Analyses.RunFiles>());
        services.AddScoped<VariantMiner.Infrastructure.Analyses.RunQueue>();
        services.AddScoped<VariantMiner.Infrastructure.Analyses.RunExecutor>();
        services.AddScoped<VariantMiner.Infrastructure.Variants.VariantImporter>();
        services.AddScoped<VariantMiner.Infrastructure.Variants.InheritanceFilter>();
        services.AddScoped<VariantMiner.Infrastructure.Variants.VariantPartitions>();
        services.AddScoped<VariantMiner.Infrastructure.Analyses.ReferenceFiles>();
        services.AddScoped<VariantMiner.Application.Analyses.IReferenceGenomes>(sp => sp.GetRequiredService<VariantMiner.Infrastructure.Analyses.ReferenceFiles>());
        services.AddHostedService<VariantMiner.Infrastructure.Analyses.AnalysisWorker>();

        // Final reports pushed to organizations' FHIR servers
        services.AddOptions<VariantMiner.Infrastructure.Integrations.IntegrationOptions>().BindConfiguration("Integrations");
        services.AddSingleton<VariantMiner.Application.Integrations.IOutboundEndpoints, VariantMiner.Infrastructure.Integrations.OutboundEndpoints>();
        services.AddScoped<VariantMiner.Infrastructure.Integrations.DeliveryQueue>();
        services.AddSingleton<VariantMiner.Infrastructure.Integrations.DeliveryHttp>();
        services.AddSingleton<VariantMiner.Infrastructure.Integrations.ReportDeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<VariantMiner.Infrastructure.Integrations.ReportDeliveryWorker>());
        services.AddSingleton<VariantMiner.Infrastructure.Integrations.WebhookWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<VariantMiner.Infrastructure.Integrations.WebhookWorker>());

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                // Length, not composition (NIST SP 800-63B; docs/decisions/0004): at least 12 characters, no
                // character-class rules (the Register validator also caps the length).
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
                options.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.ProviderName)
            .AddClaimsPrincipalFactory<ClaimsFactory>();
        services.AddScoped<AccountService>();
        services.AddScoped<IAccountService>(sp => sp.GetRequiredService<AccountService>());
        services.AddScoped<VariantMiner.Application.SingleSignOn.IExternalAccounts>(sp => sp.GetRequiredService<AccountService>());
        services.AddScoped<VariantMiner.Application.SingleSignOn.ISingleSignOnDirectory, VariantMiner.Infrastructure.Identity.SingleSignOn.SingleSignOnDirectory>();
        services.AddOptions<VariantMiner.Infrastructure.Identity.SingleSignOn.SingleSignOnOptions>().BindConfiguration("SingleSignOn");
        services.AddSingleton<VariantMiner.Application.SingleSignOn.IIdentityProviderAddresses, VariantMiner.Infrastructure.Identity.SingleSignOn.IdentityProviderAddresses>();
        services.AddSingleton<ISecrets, VariantMiner.Infrastructure.Identity.SingleSignOn.DataProtectionSecrets>();
        services.AddSingleton<VariantMiner.Infrastructure.Identity.SingleSignOn.SingleSignOnSchemes>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>,
            Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectPostConfigureOptions>());
        services.AddScoped<VariantMiner.Application.ApiAccess.IPersonalAccessTokens, PersonalAccessTokenStore>();
        services.AddOAuthServer();
        services.AddScoped<VariantMiner.Infrastructure.Identity.OAuth.OAuthClients>();
        services.AddScoped<VariantMiner.Application.ApiAccess.IOAuthClients>(sp => sp.GetRequiredService<VariantMiner.Infrastructure.Identity.OAuth.OAuthClients>());

        // Keys that protect cookies survive restarts: kept in the data directory.
        services.AddDataProtection().SetApplicationName("VariantMiner");
        services.AddOptions<KeyManagementOptions>().Configure<DatabaseSettings, ILoggerFactory>((o, settings, logs) =>
            o.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(settings.DataDirectory, "keys")), logs));

        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database")
            .AddCheck<VariantMiner.Infrastructure.Analyses.PipelineHealthCheck>("pipelines");
        return services;
    }
}

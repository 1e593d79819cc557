using Microsoft.Extensions.DependencyInjection.Extensions;
using VariantMiner.Application.Common.Activity;
using VariantMiner.Application.Common.Behaviors;

namespace Microsoft.Extensions.DependencyInjection;

public static class ApplicationDependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            // Order matters: each wraps the ones after it (docs/architecture.md, "Pipeline behaviors").
            options.PipelineBehaviors =
            [
                typeof(UnhandledExceptionBehavior<,>),
                typeof(CurrentUserBehavior<,>),
                typeof(OrganizationScopeBehavior<,>),
                typeof(PermissionBehavior<,>),
                typeof(ValidationBehavior<,>),
                typeof(PerformanceBehavior<,>),
                typeof(TransactionBehavior<,>),
            ];
        });
        services.AddValidatorsFromAssembly(typeof(ApplicationDependencyInjection).Assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        // Request policies and domain event handlers are found by type, like validators.
        Type[] discovered = [typeof(IRequestPolicy<>), typeof(IDomainEventHandler<>)];
        foreach (var type in typeof(ApplicationDependencyInjection).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && discovered.Contains(i.GetGenericTypeDefinition())))
                services.AddScoped(contract, type);
        services.AddOptions<PerformanceOptions>().BindConfiguration("Performance");
        services.AddOptions<OrganizationOptions>().BindConfiguration("Organizations");
        services.AddOptions<VariantMiner.Application.Invitations.InvitationOptions>().BindConfiguration("Invitations");
        services.AddOptions<VariantMiner.Application.Trash.TrashOptions>().BindConfiguration("Trash")
            .Validate(o => o.RetentionDays >= 1 && o.PurgeInterval > TimeSpan.Zero, "Trash:RetentionDays must be at least 1 and Trash:PurgeInterval positive.")
            .ValidateOnStart();
        services.AddScoped<VariantMiner.Application.Trash.TrashPurge>();
        services.AddScoped<VariantMiner.Application.SingleSignOn.InstitutionMembership>();
        services.AddScoped<VariantMiner.Application.Notifications.NotificationFanOut>();
        services.AddScoped<VariantMiner.Application.Integrations.Webhooks>();
        services.AddOptions<VariantMiner.Application.Files.UploadOptions>().BindConfiguration("Uploads")
            .Validate(o => o.MaxFileBytes > 0 && o.MaxChunkBytes > 0 && o.Expiry > TimeSpan.Zero && o.SweepInterval > TimeSpan.Zero,
                "Uploads: MaxFileBytes, MaxChunkBytes, Expiry and SweepInterval must be positive.")
            .ValidateOnStart();
        services.AddScoped<VariantMiner.Application.Files.UploadCompletion>();
        services.AddSingleton<VariantMiner.Application.Files.UploadHashes>();
        services.AddScoped<VariantMiner.Application.Files.UploadSweep>();
        services.AddScoped<VariantMiner.Application.Files.StorageRetentionSweep>();
        services.AddScoped<VariantMiner.Application.Usage.Quotas>();
        services.AddScoped<VariantMiner.Application.Usage.UsageRound>();
        services.AddScoped<VariantMiner.Application.Analyses.PipelineParameters>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<OrganizationContext>();
        services.AddScoped<IOrganizationContext>(sp => sp.GetRequiredService<OrganizationContext>());
        return services;
    }
}

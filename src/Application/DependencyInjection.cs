using FluentValidation;
using VariantMiner.Application.Common.Behaviors;
using VariantMiner.Application.Common.Security;

namespace Microsoft.Extensions.DependencyInjection;

public static class ApplicationDependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            // Order matters: see ARCHITECTURE §3.
            options.PipelineBehaviors =
            [
                typeof(UnhandledExceptionBehavior<,>),
                typeof(CurrentUserBehavior<,>),
                typeof(OrganizationScopeBehavior<,>),
                typeof(PermissionBehavior<,>),
                typeof(ValidationBehavior<,>),
                typeof(PerformanceBehavior<,>),
            ];
        });
        services.AddValidatorsFromAssembly(typeof(ApplicationDependencyInjection).Assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        services.AddOptions<PerformanceOptions>().BindConfiguration("Performance");
        services.AddScoped<OrganizationContext>();
        services.AddScoped<IOrganizationContext>(sp => sp.GetRequiredService<OrganizationContext>());
        return services;
    }
}

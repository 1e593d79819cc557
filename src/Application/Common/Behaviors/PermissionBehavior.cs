namespace VariantMiner.Application.Common.Behaviors;

/// <summary>
/// Every permission declared with <see cref="RequiresPermissionAttribute"/> must hold, one of those declared with
/// <see cref="RequiresAnyPermissionAttribute"/> must hold, and <see cref="RequiresSupervisorAttribute"/> needs the
/// Supervisor role, <see cref="RequiresPlatformAdminAttribute"/> a platform administrator (else 403). Then the request's named policies (<see cref="IRequestPolicy{TMessage}"/>) decide what
/// depends on its content.
/// </summary>
public sealed class PermissionBehavior<TMessage, TResponse>(IOrganizationContext context, ICurrentUser currentUser,
    IEnumerable<IRequestPolicy<TMessage>> policies)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly IReadOnlyList<string> Required = typeof(TMessage)
        .GetCustomAttributes(typeof(RequiresPermissionAttribute), inherit: true)
        .Cast<RequiresPermissionAttribute>()
        .SelectMany(a => a.Permissions)
        .Distinct(StringComparer.Ordinal)
        .ToArray();

    private static readonly IReadOnlyList<string> AnyOf = typeof(TMessage)
        .GetCustomAttributes(typeof(RequiresAnyPermissionAttribute), inherit: true)
        .Cast<RequiresAnyPermissionAttribute>()
        .SelectMany(a => a.Permissions)
        .ToArray();

    private static readonly bool SupervisorOnly = Attribute.IsDefined(typeof(TMessage), typeof(RequiresSupervisorAttribute), inherit: true);

    private static readonly bool PlatformAdminOnly = Attribute.IsDefined(typeof(TMessage), typeof(RequiresPlatformAdminAttribute), inherit: true);

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (Required.Count > 0 || AnyOf.Count > 0 || SupervisorOnly)
        {
            // A declaration that cannot be checked is a programming error: refuse rather than let it through.
            if (message is not IOrganizationRequest)
                throw new InvalidOperationException($"{typeof(TMessage).Name} declares permissions but is not organization-scoped.");
            foreach (var key in Required.Concat(AnyOf))
            {
                if (!Permissions.IsKnown(key))
                    throw new InvalidOperationException($"{typeof(TMessage).Name} declares unknown permission '{key}'.");
            }
            if (SupervisorOnly && !context.Access.IsSupervisor)
                throw new ForbiddenException("Only a Group Supervisor may do this.");
            var missing = Required.Where(key => !context.Access.Has(key)).ToArray();
            if (missing.Length > 0)
                throw new ForbiddenException($"Your role does not allow this: it needs the permission {string.Join(", ", missing)}.");
            if (AnyOf.Count > 0 && !AnyOf.Any(context.Access.Has))
                throw new ForbiddenException($"Your role does not allow this: it needs one of the permissions {string.Join(", ", AnyOf)}.");
        }
        if (PlatformAdminOnly && !currentUser.IsPlatformAdmin)
            throw new ForbiddenException("Only a platform administrator may do this.");
        foreach (var policy in policies) policy.Authorize(message);
        return next(message, cancellationToken);
    }
}

using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using FluentValidation.Results;

namespace VariantMiner.Application.Common.Behaviors;

/// <summary>
/// Runs every FluentValidation validator of the request; any failure → 400 with field errors. Before them, one rule
/// for every request: a list whose elements are declared non-nullable (<c>IReadOnlyList&lt;string&gt;</c>) holds no null —
/// the JSON reader checks members' nullability but not collection elements'.
/// </summary>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = NullElements.Check(message).ToList();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TMessage>(message), cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0)
            throw new ValidationException(failures);
        return await next(message, cancellationToken);
    }
}

internal static class NullElements
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> ListsOfNonNullable = new();

    public static IEnumerable<ValidationFailure> Check(object message)
    {
        foreach (var property in ListsOfNonNullable.GetOrAdd(message.GetType(), Find))
        {
            if (property.GetValue(message) is IEnumerable items && items.Cast<object?>().Any(item => item is null))
                yield return new ValidationFailure(property.Name, $"{property.Name} must not contain empty (null) entries.");
        }
    }

    private static PropertyInfo[] Find(Type type)
    {
        var nullability = new NullabilityInfoContext();
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(p.PropertyType) && p.GetIndexParameters().Length == 0)
            .Where(p =>
            {
                var info = nullability.Create(p);
                var element = info.ElementType ?? info.GenericTypeArguments.FirstOrDefault();
                return element is not null && element.ReadState == NullabilityState.NotNull;
            })
            .ToArray();
    }
}

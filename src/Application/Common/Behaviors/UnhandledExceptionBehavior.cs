using Microsoft.Extensions.Logging;
using VariantMiner.Domain.Common;

namespace VariantMiner.Application.Common.Behaviors;

/// <summary>Logs unexpected failures with the request type (never its body: it may hold personal data).</summary>
public sealed class UnhandledExceptionBehavior<TMessage, TResponse>(ILogger<UnhandledExceptionBehavior<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        try
        {
            return await next(message, cancellationToken);
        }
        catch (Exception ex) when (!IsExpected(ex))
        {
            logger.LogError(ex, "Request {RequestName} failed", typeof(TMessage).Name);
            throw;
        }
    }

    private static bool IsExpected(Exception ex) =>
        ex is AppException or DomainException or FluentValidation.ValidationException or OperationCanceledException;
}

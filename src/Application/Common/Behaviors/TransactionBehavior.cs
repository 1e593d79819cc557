namespace VariantMiner.Application.Common.Behaviors;

/// <summary>
/// Every command is all-or-nothing: its handler runs in one transaction, whatever mix of SaveChanges, bulk
/// ExecuteUpdate/ExecuteDelete and audit writes it does. Queries run without one.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(IUnitOfWork unitOfWork) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand || message is IOutsideTransaction) return await next(message, cancellationToken);
        return await unitOfWork.InTransactionAsync(async () => await next(message, cancellationToken), cancellationToken);
    }
}

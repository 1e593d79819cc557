namespace VariantMiner.Application.Common.Behaviors;

/// <summary>Every request needs a signed-in user unless it is marked <see cref="IAllowAnonymous"/> (fails closed).</summary>
public sealed class CurrentUserBehavior<TMessage, TResponse>(ICurrentUser currentUser) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IAllowAnonymous && currentUser.UserId is null)
            throw new UnauthenticatedException();
        return next(message, cancellationToken);
    }
}

namespace VariantMiner.Application.Common.Behaviors;

/// <summary>
/// Resolves the caller's membership of the request's organization once and stores it in the scoped
/// <see cref="OrganizationContext"/>. Not a member → 404; workspace not enterable (or of another organization) → 404.
/// A failing lookup propagates: authorization fails closed.
/// </summary>
public sealed class OrganizationScopeBehavior<TMessage, TResponse>(
    ICurrentUser currentUser, IMembershipLookup memberships, OrganizationContext context)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IOrganizationRequest request)
        {
            var userId = currentUser.UserId ?? throw new UnauthenticatedException();
            var access = await memberships.FindAsync(userId, request.OrganizationId, cancellationToken)
                ?? throw new NotFoundException("The organization");
            Guid? workspaceId = null;
            if (request is IWorkspaceRequest workspaceRequest)
            {
                if (!access.CanEnter(workspaceRequest.WorkspaceId))
                    throw new NotFoundException("The workspace");
                workspaceId = workspaceRequest.WorkspaceId;
            }
            context.Enter(access, workspaceId);
        }
        return await next(message, cancellationToken);
    }
}

using Mediator;
using VariantMiner.Application.Common.Security;

namespace VariantMiner.Application.UnitTests;

internal static class Pipeline
{
    /// <summary>A "next" delegate that records whether the rest of the pipeline ran.</summary>
    public sealed class Next<TMessage> where TMessage : IMessage
    {
        public bool Called { get; private set; }
        public MessageHandlerDelegate<TMessage, string> Delegate => (_, _) =>
        {
            Called = true;
            return ValueTask.FromResult("handled");
        };
    }

    public static OrganizationAccess Access(Guid organizationId, IEnumerable<string>? permissions = null, IEnumerable<Guid>? workspaces = null) =>
        new(organizationId, Guid.NewGuid(), Guid.NewGuid(), "Analyst", Domain.Authorization.BuiltInRole.Analyst, RoleBasedAccessEnabled: true,
            (permissions ?? []).ToHashSet(), (workspaces ?? []).ToHashSet());
}

namespace VariantMiner.Application.Users.Commands.SwitchOrganization;

/// <summary>Remembers the organization I work in (the SPA's selector opens it next time). I must be a member.</summary>
public sealed record SwitchOrganization(Guid OrganizationId) : ICommand, IOrganizationRequest;

public sealed class SwitchOrganizationHandler(IUserAccounts accounts, Common.Security.ICurrentUser currentUser) : ICommandHandler<SwitchOrganization>
{
    public async ValueTask<Unit> Handle(SwitchOrganization command, CancellationToken cancellationToken)
    {
        await accounts.SetLastOrganizationAsync(currentUser.UserId!.Value, command.OrganizationId, cancellationToken);
        return Unit.Value;
    }
}

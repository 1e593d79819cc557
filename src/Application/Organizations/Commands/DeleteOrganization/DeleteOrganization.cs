using FluentValidation.Results;
using Microsoft.Extensions.Logging;

namespace VariantMiner.Application.Organizations.Commands.DeleteOrganization;

/// <summary>Deletes the organization and everything in it. The exact name must be typed as confirmation.</summary>
[RequiresSupervisor]
public sealed record DeleteOrganization(string ConfirmName) : ICommand, IOrganizationRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
}

public sealed class DeleteOrganizationValidator : AbstractValidator<DeleteOrganization>
{
    public DeleteOrganizationValidator() =>
        RuleFor(c => c.ConfirmName).NotEmpty().WithMessage("Type the organization's name to confirm.");
}

public sealed class DeleteOrganizationHandler(
    IApplicationDbContext db, IUnitOfWork unitOfWork, Files.IFileStore store, ICurrentUser currentUser, IAuditTrail audit,
    ILogger<DeleteOrganizationHandler> logger)
    : ICommandHandler<DeleteOrganization>
{
    public async ValueTask<Unit> Handle(DeleteOrganization command, CancellationToken cancellationToken)
    {
        var name = await db.Organizations.Where(o => o.Id == command.OrganizationId).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("The organization");
        if (!string.Equals(command.ConfirmName?.Trim(), name, StringComparison.Ordinal))
            throw new ValidationException([new ValidationFailure(nameof(command.ConfirmName), $"Type the organization's name exactly (\"{name}\") to confirm.")]);

        // The database cascades to roles, memberships, workspaces and everything in them; nothing of other
        // organizations is referenced by these rows. The audit trail keeps one row for the whole deletion, and the
        // organization's earlier audit rows stay (docs/security.md, "Audit trail").
        audit.Record(command.OrganizationId, null, "Organization", command.OrganizationId, Domain.Auditing.AuditRecord.Deleted,
            new Dictionary<string, object?> { ["Name"] = new object?[] { name, null } });
        await db.SaveChangesAsync(cancellationToken);
        await db.Organizations.Where(o => o.Id == command.OrganizationId).ExecuteDeleteAsync(cancellationToken);
        // Its bytes go after the command's transaction commits: a rollback must not lose files that still have rows.
        unitOfWork.AfterCommit(() => store.DeleteOrganization(command.OrganizationId));
        logger.LogWarning("Organization {OrganizationId} deleted by user {UserId}", command.OrganizationId, currentUser.UserId);
        return Unit.Value;
    }
}

namespace VariantMiner.Application.Samples.Commands.DeleteSample;

/// <summary>
/// Moves a sample one may see into the workspace's trash (samples.delete): hidden from every page, restorable until
/// the retention period ends, then purged.
/// </summary>
[RequiresPermission(Permissions.SamplesDelete)]
public sealed record DeleteSample(Guid OrganizationId, Guid WorkspaceId, Guid SampleId) : ICommand, IWorkspaceRequest;

public sealed class DeleteSampleHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<DeleteSample>
{
    public async ValueTask<Unit> Handle(DeleteSample command, CancellationToken cancellationToken)
    {
        var sample = await SampleVisibility.VisibleSamples(db.Samples, scope.Access, currentUser.UserId!.Value, command.WorkspaceId)
            .SingleOrDefaultAsync(s => s.Id == command.SampleId, cancellationToken) ?? throw new NotFoundException("The sample");
        sample.MoveToTrash(currentUser.UserId!.Value, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

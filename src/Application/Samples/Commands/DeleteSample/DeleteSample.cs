namespace VariantMiner.Application.Samples.Commands.DeleteSample;

/// <summary>Deletes a sample one may see, with its assignments (samples.define).</summary>
[RequiresPermission(Permissions.SamplesDefine)]
public sealed record DeleteSample(Guid OrganizationId, Guid WorkspaceId, Guid SampleId) : ICommand, IWorkspaceRequest;

public sealed class DeleteSampleHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser)
    : ICommandHandler<DeleteSample>
{
    public async ValueTask<Unit> Handle(DeleteSample command, CancellationToken cancellationToken)
    {
        var sample = await SampleVisibility.VisibleSamples(db.Samples, scope.Access, currentUser.UserId!.Value, command.WorkspaceId)
            .SingleOrDefaultAsync(s => s.Id == command.SampleId, cancellationToken) ?? throw new NotFoundException("The sample");
        sample.Delete();
        db.Samples.Remove(sample);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

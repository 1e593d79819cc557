namespace VariantMiner.Application.Samples.Commands.DeleteSample;

/// <summary>Deletes a sample one may see, with its assignments (samples.define).</summary>
[RequiresPermission(Permissions.SamplesDefine)]
public sealed record DeleteSample(Guid OrganizationId, Guid WorkspaceId, Guid SampleId) : ICommand, IWorkspaceRequest;

public sealed class DeleteSampleHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IActivityLog activity)
    : ICommandHandler<DeleteSample>
{
    public async ValueTask<Unit> Handle(DeleteSample command, CancellationToken cancellationToken)
    {
        var sample = await SampleVisibility.VisibleSamples(db.Samples, scope.Access, currentUser.UserId!.Value, command.WorkspaceId)
            .SingleOrDefaultAsync(s => s.Id == command.SampleId, cancellationToken) ?? throw new NotFoundException("The sample");
        db.Samples.Remove(sample);
        activity.Record("sample.deleted", "sample", sample.Id, $"Deleted a {sample.Assay} sample", command.WorkspaceId);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

using VariantMiner.Application.Samples;
using VariantMiner.Application.Samples.Commands.CreateSample;
using VariantMiner.Application.Trash.Queries;

namespace VariantMiner.Application.Trash.Commands;

/// <summary>
/// Restores a sample from the workspace's trash (samples.delete), with its assignments, and its subject when that is
/// in the trash too. 409 when another live sample (or subject) took the name meanwhile.
/// </summary>
[RequiresPermission(Permissions.SamplesDelete)]
public sealed record RestoreSample(Guid OrganizationId, Guid WorkspaceId, Guid SampleId) : ICommand, IWorkspaceRequest;

/// <summary>Restores a subject from the workspace's trash (samples.delete); 409 when a live subject took its external id.</summary>
[RequiresPermission(Permissions.SamplesDelete)]
public sealed record RestoreSubject(Guid OrganizationId, Guid WorkspaceId, Guid SubjectId) : ICommand, IWorkspaceRequest;

public sealed class RestoreFromTrashHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser)
    : ICommandHandler<RestoreSample>, ICommandHandler<RestoreSubject>
{
    public async ValueTask<Unit> Handle(RestoreSample command, CancellationToken cancellationToken)
    {
        var sample = await ListTrashHandler.TrashedSamples(db, scope.Access, currentUser.UserId!.Value, command.WorkspaceId)
            .SingleOrDefaultAsync(s => s.Id == command.SampleId, cancellationToken) ?? throw new NotFoundException("The sample in the trash");
        // Names are unique among live samples only: another may have taken this one while it was in the trash.
        await SampleNames.EnsureFreeAsync(db, scope.Access, currentUser.UserId!.Value, command.WorkspaceId, sample.Name, null, cancellationToken);
        if (sample.SubjectId is { } subjectId)
        {
            var subject = await db.Subjects.IgnoreQueryFilters([QueryFilters.Trash]).SingleAsync(s => s.Id == subjectId, cancellationToken);
            if (subject.IsInTrash) await RestoreAsync(subject, cancellationToken);
        }
        sample.Restore();
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public async ValueTask<Unit> Handle(RestoreSubject command, CancellationToken cancellationToken)
    {
        var subject = await ListTrashHandler.TrashedSubjects(db, scope.Access, currentUser.UserId!.Value, command.WorkspaceId)
            .SingleOrDefaultAsync(s => s.Id == command.SubjectId, cancellationToken) ?? throw new NotFoundException("The subject in the trash");
        await RestoreAsync(subject, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    private async Task RestoreAsync(Subject subject, CancellationToken cancellationToken)
    {
        if (await UniqueNames.HolderAsync(db.Subjects.Where(s => s.WorkspaceId == subject.WorkspaceId), s => s.ExternalId, subject.ExternalId, null,
                cancellationToken) is not null)
            throw new ConflictException($"A subject with the external id \"{subject.ExternalId}\" exists in this workspace now. Change or delete it, then restore.");
        subject.Restore();
    }
}

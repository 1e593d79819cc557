using VariantMiner.Application.Samples;

namespace VariantMiner.Application.Subjects.Commands.DeleteSubject;

/// <summary>Moves a subject no live sample refers to into the workspace's trash (samples.delete); otherwise 409.</summary>
[RequiresPermission(Permissions.SamplesDelete)]
public sealed record DeleteSubject(Guid OrganizationId, Guid WorkspaceId, Guid SubjectId) : ICommand, IWorkspaceRequest;

public sealed class DeleteSubjectHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<DeleteSubject>
{
    public async ValueTask<Unit> Handle(DeleteSubject command, CancellationToken cancellationToken)
    {
        var subject = await SampleVisibility.VisibleSubjects(db.Subjects, db.Samples, scope.Access, currentUser.UserId!.Value, command.WorkspaceId)
            .SingleOrDefaultAsync(s => s.Id == command.SubjectId, cancellationToken) ?? throw new NotFoundException("The subject");
        // Counts every live sample, visible or not, but says no number. Whoever sees the subject sees at least one of its
        // samples (or all of them), so the refusal reveals no hidden sample.
        if (await db.Samples.AnyAsync(s => s.SubjectId == subject.Id, cancellationToken))
            throw new ConflictException("This subject still has samples. Delete them or link them to another subject first.");
        subject.MoveToTrash(currentUser.UserId!.Value, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

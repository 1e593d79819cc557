using VariantMiner.Application.Samples;

namespace VariantMiner.Application.Subjects.Commands.DeleteSubject;

/// <summary>Deletes a subject that no sample refers to any more (samples.define); otherwise 409.</summary>
[RequiresPermission(Permissions.SamplesDefine)]
public sealed record DeleteSubject(Guid OrganizationId, Guid WorkspaceId, Guid SubjectId) : ICommand, IWorkspaceRequest;

public sealed class DeleteSubjectHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser) : ICommandHandler<DeleteSubject>
{
    public async ValueTask<Unit> Handle(DeleteSubject command, CancellationToken cancellationToken)
    {
        var subject = await SampleVisibility.VisibleSubjects(db.Subjects, db.Samples, scope.Access, currentUser.UserId!.Value, command.WorkspaceId)
            .SingleOrDefaultAsync(s => s.Id == command.SubjectId, cancellationToken) ?? throw new NotFoundException("The subject");
        // Counts every sample, visible or not, but says no number. Whoever sees the subject sees at least one of its
        // samples (or all of them), so the refusal reveals no hidden sample.
        if (await db.Samples.AnyAsync(s => s.SubjectId == subject.Id, cancellationToken))
            throw new ConflictException("This subject still has samples. Delete them or link them to another subject first.");
        subject.Delete();
        db.Subjects.Remove(subject);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

using System.ComponentModel.DataAnnotations;
using VariantMiner.Application.Assays;
using VariantMiner.Application.Subjects.Commands.CreateSubject;

namespace VariantMiner.Application.Samples.Commands.CreateSample;

/// <summary>
/// Defines a sample (samples.define), optionally with a new subject in the same write: both or neither. The creator is
/// assigned automatically; other assignees may be given only with samples.assign (else 403), and must be members who
/// can enter the workspace.
/// </summary>
/// <param name="Name">The lab's name / external id for the sample, unique in the workspace regardless of case.</param>
/// <param name="Assay">One of the organization's assays (GET /api/organizations/{orgId}/assays).</param>
/// <param name="SubjectId">An existing subject of the workspace; or</param>
/// <param name="NewSubject">a subject created with the sample (the fields of POST …/subjects).</param>
[RequiresPermission(Permissions.SamplesDefine)]
public sealed record CreateSample(
    [property: Required, StringLength(Sample.NameMaxLength, MinimumLength = 1)] string Name,
    [property: Required, StringLength(Assay.NameMaxLength, MinimumLength = 1)] string Assay,
    Guid? SubjectId = null,
    IReadOnlyList<Guid>? AssigneeIds = null,
    CreateSubject? NewSubject = null) : ICommand<SampleDto>, IWorkspaceRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkspaceId { get; init; }
}

public sealed class CreateSampleValidator : AbstractValidator<CreateSample>
{
    public CreateSampleValidator(TimeProvider clock)
    {
        RuleFor(c => c.NewSubject).Must((c, n) => n is null || c.SubjectId is null).WithMessage("Give either an existing subject or a new one, not both.");
        RuleFor(c => c.NewSubject!).SetValidator(new CreateSubjectValidator(clock)).When(c => c.NewSubject is not null);
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter a name for the sample.")
            .Must(n => n is null || n.Trim().Length > 0).WithMessage("Enter a name for the sample.")
            .MaximumLength(Sample.NameMaxLength);
        RuleFor(c => c.Assay).NotEmpty().WithMessage("Choose an assay.").MaximumLength(Assay.NameMaxLength);
        RuleFor(c => c.AssigneeIds).Must(a => a is null || a.Count <= Assignees.MaxUsersPerCall)
            .WithMessage($"At most {Assignees.MaxUsersPerCall} assignees.");
    }
}

/// <summary>Assigning people while defining a sample needs samples.assign (the creator is assigned without it).</summary>
public sealed class AssignWhileDefiningPolicy(IOrganizationContext scope) : IRequestPolicy<CreateSample>
{
    public void Authorize(CreateSample message)
    {
        if (message.AssigneeIds is { Count: > 0 } && !scope.Access.Has(Permissions.SamplesAssign))
            throw new ForbiddenException($"Assigning people while defining a sample needs the permission {Permissions.SamplesAssign}; leave the assignees out (you are assigned automatically).");
    }
}

public sealed class CreateSampleHandler(
    IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock)
    : ICommandHandler<CreateSample, SampleDto>
{
    public async ValueTask<SampleDto> Handle(CreateSample command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var assignees = (command.AssigneeIds ?? []).Distinct().ToList();

        var assay = await AssayCatalog.ResolveAsync(db, command.Assay, cancellationToken)
            ?? throw Invalid.Field("assay", $"\"{command.Assay}\" is not an assay of this organization; choose one of: {string.Join(", ", await AssayCatalog.NamesAsync(db, cancellationToken))}.");
        if (command.SubjectId is { } subjectId && !await db.Subjects.AnyAsync(s => s.Id == subjectId && s.WorkspaceId == command.WorkspaceId, cancellationToken))
            throw Invalid.Field("subjectId", "The subject was not found in this workspace.");
        await Assignees.EnsureAssignableAsync(db, command.WorkspaceId, assignees, "assigneeIds", cancellationToken);
        await SampleNames.EnsureFreeAsync(db, scope.Access, me, command.WorkspaceId, command.Name, null, cancellationToken);

        var now = clock.GetUtcNow();
        var linked = command.SubjectId;
        if (command.NewSubject is { } input)
        {
            // Saved by the same SaveChanges as the sample: a refused sample leaves no subject behind.
            var subject = await CreateSubjectHandler.NewAsync(db, input, command.OrganizationId, command.WorkspaceId, me, now, cancellationToken);
            db.Subjects.Add(subject);
            linked = subject.Id;
        }
        var sample = new Sample(command.OrganizationId, command.WorkspaceId, command.Name, assay, linked, me, now);
        // The creator holds samples.define (the request requires it), so is assigned automatically.
        foreach (var user in new[] { me }.Concat(assignees).Distinct()) sample.Assign(user, me, now);
        db.Samples.Add(sample);
        await db.SaveChangesAsync(cancellationToken);

        var core = new SampleCore(sample.Id, sample.Name, sample.Assay, sample.Status, sample.SubjectId, sample.CreatedAt, sample.CreatedBy);
        return (await SampleRows.LoadAsync(db, accounts, [core], cancellationToken))[0];
    }
}

internal static class SampleNames
{
    /// <summary>
    /// Sample names are unique in a workspace regardless of case (the unique index is the backstop). When the sample
    /// holding the name is one the caller cannot see, the refusal says only that the name is not available: not that a
    /// sample has it, nor anything about that sample.
    /// </summary>
    public static async Task EnsureFreeAsync(IApplicationDbContext db, OrganizationAccess access, Guid userId, Guid workspaceId, string name,
        Guid? except, CancellationToken cancellationToken)
    {
        var holder = await UniqueNames.HolderAsync(db.Samples.Where(s => s.WorkspaceId == workspaceId), s => s.Name, name, except, cancellationToken);
        if (holder is null) return;
        var visible = await SampleVisibility.VisibleSamples(db.Samples, access, userId, workspaceId).AnyAsync(s => s.Id == holder, cancellationToken);
        throw new ConflictException(visible
            ? $"A sample named \"{name.Trim()}\" already exists in this workspace."
            : $"The name \"{name.Trim()}\" is not available in this workspace. Choose another name.");
    }
}

namespace VariantMiner.Application.Samples.Commands.SetSampleAssignees;

/// <summary>Sets exactly who is assigned to one sample (samples.assign); an empty list unassigns everyone.</summary>
[RequiresPermission(Permissions.SamplesAssign)]
public sealed record SetSampleAssignees(IReadOnlyList<Guid> UserIds) : ICommand<IReadOnlyList<AssigneeDto>>, IWorkspaceRequest
{
    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkspaceId { get; init; }
    [JsonIgnore] public Guid SampleId { get; init; }
}

public sealed class SetSampleAssigneesValidator : AbstractValidator<SetSampleAssignees>
{
    public SetSampleAssigneesValidator()
    {
        RuleFor(c => c.UserIds).NotNull().WithMessage("Give userIds (an empty list unassigns everyone).")
            .Must(u => u is null || u.Count <= Assignees.MaxUsersPerCall).WithMessage($"At most {Assignees.MaxUsersPerCall} people.");
    }
}

public sealed class SetSampleAssigneesHandler(
    IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts, TimeProvider clock)
    : ICommandHandler<SetSampleAssignees, IReadOnlyList<AssigneeDto>>
{
    public async ValueTask<IReadOnlyList<AssigneeDto>> Handle(SetSampleAssignees command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var sample = await SampleVisibility.VisibleSamples(db.Samples, scope.Access, me, command.WorkspaceId)
            .SingleOrDefaultAsync(s => s.Id == command.SampleId, cancellationToken) ?? throw new NotFoundException("The sample");
        var userIds = command.UserIds.Distinct().ToList();
        await Assignees.EnsureAssignableAsync(db, command.WorkspaceId, userIds.Where(u => !sample.IsAssignedTo(u)).ToList(), "userIds", cancellationToken);

        var now = clock.GetUtcNow();
        var (added, removed) = sample.ReplaceAssignees(userIds, me, now);
        var names = await accounts.DisplayNamesAsync(added.Concat(removed).Concat(userIds).Distinct(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return sample.Assignments.OrderBy(a => a.AssignedAt)
            .Select(a => new AssigneeDto(a.UserId, names.GetValueOrDefault(a.UserId, "Former user"), a.AssignedAt, a.AssignedBy)).ToList();
    }
}

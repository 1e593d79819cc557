namespace VariantMiner.Application.Samples.Commands.AssignSamples;

/// <summary>
/// Bulk assignment (samples.assign): adds, removes or replaces (sets exactly) the given people on every given sample,
/// e.g. all rows selected after filtering by assay. All or nothing: one sample that is not a visible sample of this
/// workspace, or one person who is not a member able to enter it, and nothing changes (400 naming them).
/// </summary>
/// <param name="Mode">add, remove or replace.</param>
[RequiresPermission(Permissions.SamplesAssign)]
public sealed record AssignSamples(IReadOnlyList<Guid> SampleIds, IReadOnlyList<Guid> UserIds, string Mode)
    : ICommand<AssignmentResultDto>, IWorkspaceRequest
{
    public const int MaxSamples = 1000;
    public static readonly string[] Modes = ["add", "remove", "replace"];

    [JsonIgnore] public Guid OrganizationId { get; init; }
    [JsonIgnore] public Guid WorkspaceId { get; init; }
}

public sealed record AssignmentResultDto(int SamplesChanged, int AssignmentsAdded, int AssignmentsRemoved);

public sealed class AssignSamplesValidator : AbstractValidator<AssignSamples>
{
    public AssignSamplesValidator()
    {
        RuleFor(c => c.SampleIds).NotEmpty().WithMessage("Choose at least one sample.")
            .Must(s => s is null || s.Count <= AssignSamples.MaxSamples)
            .WithMessage($"At most {AssignSamples.MaxSamples} samples per call; split the selection.");
        RuleFor(c => c.UserIds).NotEmpty().WithMessage("Choose at least one person.")
            .Must(u => u is null || u.Count <= Assignees.MaxUsersPerCall).WithMessage($"At most {Assignees.MaxUsersPerCall} people per call.");
        RuleFor(c => c.Mode).NotEmpty().WithMessage("mode must be add, remove or replace.")
            .Must(m => m is null || AssignSamples.Modes.Contains(m.ToLowerInvariant())).WithMessage("mode must be add, remove or replace.");
    }
}

public sealed class AssignSamplesHandler(
    IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, TimeProvider clock)
    : ICommandHandler<AssignSamples, AssignmentResultDto>
{
    public async ValueTask<AssignmentResultDto> Handle(AssignSamples command, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId!.Value;
        var mode = command.Mode.ToLowerInvariant();
        var sampleIds = command.SampleIds.Distinct().ToList();
        var userIds = command.UserIds.Distinct().ToList();

        // Invisible or of another workspace/organization: reported exactly like a missing id.
        var samples = await SampleVisibility.VisibleSamples(db.Samples, scope.Access, me, command.WorkspaceId)
            .Where(s => sampleIds.Contains(s.Id)).ToListAsync(cancellationToken);
        var missing = sampleIds.Except(samples.Select(s => s.Id)).ToList();
        if (missing.Count > 0)
            throw Invalid.Field("sampleIds", $"Not found in this workspace: {string.Join(", ", missing.Take(20))}" +
                (missing.Count > 20 ? $" and {missing.Count - 20} more." : "."));
        // Removing someone who has since lost access (or left) is allowed when they are still assigned here.
        var currentlyAssigned = mode == "remove" ? samples.SelectMany(s => s.Assignments).Select(a => a.UserId).ToHashSet() : [];
        await Assignees.EnsureAssignableAsync(db, command.WorkspaceId, userIds, "userIds", cancellationToken, currentlyAssigned);

        var now = clock.GetUtcNow();
        int changed = 0, addedTotal = 0, removedTotal = 0;
        foreach (var sample in samples)
        {
            IReadOnlyList<Guid> added = [], removed = [];
            switch (mode)
            {
                case "add": added = userIds.Where(u => sample.Assign(u, me, now)).ToList(); break;
                case "remove": removed = userIds.Where(sample.Unassign).ToList(); break;
                default: (added, removed) = sample.ReplaceAssignees(userIds, me, now); break;
            }
            if (added.Count + removed.Count == 0) continue;
            changed++;
            addedTotal += added.Count;
            removedTotal += removed.Count;
        }
        await db.SaveChangesAsync(cancellationToken);
        return new AssignmentResultDto(changed, addedTotal, removedTotal);
    }
}

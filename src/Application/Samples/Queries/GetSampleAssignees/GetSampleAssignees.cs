namespace VariantMiner.Application.Samples.Queries.GetSampleAssignees;

/// <summary>Who is assigned to a sample, by whom and since when (404 when the sample is invisible).</summary>
public sealed record GetSampleAssignees(Guid OrganizationId, Guid WorkspaceId, Guid SampleId) : IQuery<IReadOnlyList<AssigneeDto>>, IWorkspaceRequest;

public sealed class GetSampleAssigneesHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts)
    : IQueryHandler<GetSampleAssignees, IReadOnlyList<AssigneeDto>>
{
    public async ValueTask<IReadOnlyList<AssigneeDto>> Handle(GetSampleAssignees query, CancellationToken cancellationToken)
    {
        var visible = await SampleVisibility.VisibleSamples(db.Samples.AsNoTracking(), scope.Access, currentUser.UserId!.Value, query.WorkspaceId)
            .AnyAsync(s => s.Id == query.SampleId, cancellationToken);
        if (!visible) throw new NotFoundException("The sample");
        var rows = await db.SampleAssignments.AsNoTracking().Where(a => a.SampleId == query.SampleId)
            .OrderBy(a => a.AssignedAt).ToListAsync(cancellationToken);
        var names = await accounts.DisplayNamesAsync(rows.Select(r => r.UserId), cancellationToken);
        return rows.Select(r => new AssigneeDto(r.UserId, names.GetValueOrDefault(r.UserId, "Former user"), r.AssignedAt, r.AssignedBy)).ToList();
    }
}

namespace VariantMiner.Application.Samples.Queries.GetSample;

/// <summary>One sample; 404 when it is not in this workspace or the caller may not see it.</summary>
public sealed record GetSample(Guid OrganizationId, Guid WorkspaceId, Guid SampleId) : IQuery<SampleDto>, IWorkspaceRequest;

public sealed class GetSampleHandler(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, IUserAccounts accounts)
    : IQueryHandler<GetSample, SampleDto>
{
    public async ValueTask<SampleDto> Handle(GetSample query, CancellationToken cancellationToken)
    {
        var row = await SampleRows.Project(SampleVisibility.VisibleSamples(db.Samples.AsNoTracking(), scope.Access, currentUser.UserId!.Value, query.WorkspaceId)
                .Where(s => s.Id == query.SampleId))
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("The sample");
        return (await SampleRows.LoadAsync(db, accounts, [row], cancellationToken))[0];
    }
}

using Mediator;
using Microsoft.EntityFrameworkCore;
using VariantMiner.Application.Common.Exceptions;
using VariantMiner.Application.Common.Interfaces;
using VariantMiner.Application.Common.Requests;

namespace VariantMiner.Application.Workspaces.Queries.GetWorkspace;

public sealed record GetWorkspace(Guid OrganizationId, Guid WorkspaceId) : IQuery<WorkspaceDto>, IWorkspaceRequest;

public sealed class GetWorkspaceHandler(IApplicationDbContext db) : IQueryHandler<GetWorkspace, WorkspaceDto>
{
    public async ValueTask<WorkspaceDto> Handle(GetWorkspace query, CancellationToken cancellationToken) =>
        await db.Workspaces.AsNoTracking().Where(w => w.Id == query.WorkspaceId)
            .Select(w => new WorkspaceDto(w.Id, w.Name, w.Description, w.CreatedAt,
                db.Memberships.Where(m => m.WorkspaceGrants.Any(g => g.WorkspaceId == w.Id)).Select(m => m.UserId).ToList()))
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("The workspace");
}

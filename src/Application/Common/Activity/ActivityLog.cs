namespace VariantMiner.Application.Common.Activity;

internal sealed class ActivityLog(IApplicationDbContext db, IOrganizationContext scope, ICurrentUser currentUser, TimeProvider clock) : IActivityLog
{
    public void Record(string action, string targetType, Guid? targetId, string summary, Guid? workspaceId = null, Guid? organizationId = null)
    {
        var organization = organizationId ?? scope.OrganizationId
            ?? throw new InvalidOperationException("Activity needs an organization.");
        var actor = currentUser.UserId ?? throw new InvalidOperationException("Activity needs a signed-in actor.");
        db.Activities.Add(new ActivityRecord(organization, workspaceId, actor, action, targetType, targetId, summary, clock.GetUtcNow()));
    }
}
